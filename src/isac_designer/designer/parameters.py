"""The registry of scenario parameters: keys, units, symbols, sources, rules.

The file keys are public interface. Each key names its unit (``_per_km2``,
``_db``, ``_deg`` ...); inside the toolkit the :class:`~.scenario.Scenario`
exposes the SI value. Defaults live in the shipped file ``data/table1.toml``;
this module holds what the file cannot: the rule each value must obey and
where it comes from (the paper's Table I, or an assumption of ours because the
paper uses the parameter without stating it).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from isac_designer.designer.parameter_spec import (
    AUTO,
    Kind,
    ParameterSpec,
    ScalarValue,
    Source,
)
from isac_designer.errors import ScenarioError

__all__ = [
    "AUTO",
    "PARAMETERS",
    "PARAMETERS_BY_KEY",
    "Kind",
    "ParameterSpec",
    "ScalarValue",
    "Source",
    "parameter",
]


def _p(
    key: str, symbol: str, unit: str, source: Source, description: str, **kw: object
) -> ParameterSpec:
    return ParameterSpec(key, symbol, unit, source, description, **kw)  # type: ignore[arg-type]


PARAMETERS: tuple[ParameterSpec, ...] = (
    # --- Table I: network geometry and target kinematics -------------------------------------
    _p(
        "bs_density_per_km2",
        "λ_b",
        "BS/km²",
        "Table I",
        "Base-station density (HPPP intensity)",
        lower=1e-6,
        upper=1e7,
    ),
    _p(
        "diffusion_m2_per_s",
        "D",
        "m²/s",
        "Table I",
        "Target diffusion coefficient (MSD = 4Dt)",
        lower=1e-6,
        upper=1e4,
    ),
    _p(
        "mean_sojourn_s",
        "1/μ_sj",
        "s",
        "Table I",
        "Mean target sojourn time",
        lower=1.0,
        upper=1e7,
    ),
    _p(
        "min_bs_spacing_m",
        "d_min^(b)",
        "m",
        "Table I",
        "Hard-core minimum BS spacing (exclusion radius at the typical receiver)",
        lower=0.1,
        upper=1e4,
    ),
    _p(
        "near_field_guard_m",
        "r_min",
        "m",
        "Table I",
        "Target near-field guard (minimum BS-target range); also the clutter guard",
        lower=1e-3,
        upper=1e4,
    ),
    # --- Table I: QoS and resource budget ----------------------------------------------------
    _p(
        "qos_fraction",
        "η",
        "1",
        "Table I",
        "QoS coverage fraction: T_req = η/μ_sj (30)",
        lower=0.0,
        upper=1.0,
        lower_open=True,
    ),
    _p(
        "eps_micro",
        "ε_micro",
        "1",
        "Table I",
        "Kinematic tracking-outage tolerance (34)",
        lower=0.0,
        upper=1.0,
        lower_open=True,
        upper_open=True,
    ),
    _p(
        "eps_macro",
        "ε_macro",
        "1",
        "Table I",
        "Macroscopic blocking tolerance (35)",
        lower=0.0,
        upper=1.0,
        lower_open=True,
        upper_open=True,
    ),
    _p(
        "link_availability",
        "p_link",
        "1",
        "Table I",
        "Per-link availability (42)",
        lower=0.0,
        upper=1.0,
        lower_open=True,
    ),
    _p(
        "eps_rel",
        "ε_rel",
        "1",
        "Table I",
        "Tolerance for simultaneous failure of all K cooperators (42)",
        lower=0.0,
        upper=1.0,
        lower_open=True,
        upper_open=True,
    ),
    _p(
        "rho0",
        "ρ_0",
        "1",
        "Table I",
        "Per-cooperator per-target resource fraction; the design's lower bound on ρ_0",
        lower=0.0,
        upper=1.0,
        lower_open=True,
    ),
    _p(
        "rho_max",
        "ρ_max",
        "1",
        "Table I",
        "Per-BS sensing budget",
        lower=0.0,
        upper=1.0,
        lower_open=True,
    ),
    _p(
        "handover_cost_s",
        "τ_ho",
        "s",
        "Table I",
        "Per-handover signalling / re-pointing cost (39)",
        lower=0.0,
        upper=1e3,
    ),
    # --- Table I: radio and propagation ------------------------------------------------------
    _p(
        "detection_threshold_db",
        "γ_s",
        "dB",
        "Table I",
        "Radar detection threshold",
        lower=-50.0,
        upper=50.0,
    ),
    _p("tx_power_dbm", "P_t", "dBm", "Table I", "BS transmit power", lower=-50.0, upper=100.0),
    _p(
        "target_rcs_m2",
        "σ",
        "m²",
        "Table I",
        "Target radar cross-section",
        lower=1e-6,
        upper=1e6,
    ),
    _p(
        "main_lobe_gain_dbi",
        "G_m",
        "dBi",
        "Table I",
        "Reference main-lobe gain (defines the reference beam via (1))",
        lower=0.0,
        upper=60.0,
        lower_open=True,
    ),
    _p(
        "side_lobe_ratio_db",
        "ζ",
        "dB",
        "Table I",
        "Side-lobe ratio G_s/G_m",
        lower=-100.0,
        upper=0.0,
        upper_open=True,
    ),
    _p(
        "los_blockage_per_m",
        "β",
        "1/m",
        "Table I",
        "LoS blockage rate: p_LoS(v) = exp(-βv)",
        lower=1e-6,
        upper=10.0,
    ),
    _p(
        "clutter_pathloss_exp",
        "α_c",
        "1",
        "Table I",
        "Clutter path-loss exponent",
        lower=2.0,
        upper=8.0,
        lower_open=True,
    ),
    # --- assumptions: used by the paper, never stated ----------------------------------------
    _p(
        "target_density_per_km2",
        "λ_T",
        "targets/km²",
        "assumption",
        "Steady-state target density λ_a/μ_sj",
        lower=0.0,
        upper=1e9,
        rationale="The paper's Fig. 4(b) uses 10 targets/km².",
    ),
    _p(
        "max_handover_rate_per_s",
        "ν_h^max",
        "1/s",
        "assumption",
        "Handover-rate ceiling (43)",
        lower=0.0,
        allow_inf=True,
        rationale="Top of the 3GPP NR range 2-10 1/s quoted in Sec. V-C; inf is the "
        "continuous-NN limit of Remark 5.",
    ),
    _p(
        "noise_figure_db",
        "F",
        "dB",
        "assumption",
        "Receiver noise figure (for W_0)",
        lower=0.0,
        upper=30.0,
        rationale="Typical BS / UE receiver; W_0 = k T0 B F.",
    ),
    _p(
        "carrier_frequency_ghz",
        "f_c",
        "GHz",
        "assumption",
        "Carrier frequency; refers the thermal noise to the paper's unit-gain link budget",
        lower=0.1,
        upper=1000.0,
        rationale="3.5 GHz, the main 5G NR mid band.",
    ),
    _p(
        "bandwidth_mhz",
        "B",
        "MHz",
        "assumption",
        "Per-cell bandwidth (communication capacity and noise bandwidth)",
        lower=1e-3,
        upper=1e5,
        rationale="100 MHz, one NR FR1 carrier.",
    ),
    _p(
        "ue_pathloss_exp",
        "α",
        "1",
        "assumption",
        "BS-to-UE path-loss exponent",
        lower=2.0,
        upper=8.0,
        lower_open=True,
        rationale="4, the reference case of Andrews, Baccelli & Ganti (2011).",
    ),
    _p(
        "pointing_error_deg",
        "σ_align",
        "deg",
        "assumption",
        "Std. dev. of the Gaussian beam-pointing error towards the served UE",
        lower=1e-4,
        upper=90.0,
        rationale="1 deg; gives R̄(θ_m) an interior maximum (cf. Wildman et al., TWC 2014).",
    ),
    _p(
        "beamwidth_min_deg",
        "θ_min",
        "deg",
        "assumption",
        "Hardware lower bound on θ_m (36)",
        lower=0.0,
        upper=360.0,
        lower_open=True,
        rationale="0.25 deg, below the 0.324 deg reference beam of Table I's 30 dBi / -40 dB.",
    ),
    _p(
        "beamwidth_max_deg",
        "θ_max",
        "deg",
        "assumption",
        "Hardware upper bound on θ_m (36)",
        lower=0.0,
        upper=360.0,
        lower_open=True,
        rationale="120 deg, a three-sector site.",
    ),
    _p(
        "design_range_m",
        "r_0",
        "m",
        "assumption",
        "Target range at which the beamwidth trap θ_crit(r_0) (16) is evaluated",
        lower=1e-3,  # 1 mm; "auto" reaches 0.16 m at the densest 1e7 BS/km²
        upper=1e6,
        kind="float_or_auto",
        rationale='"auto" = mean distance to the nearest BS, 1/(2 sqrt(λ_b)).',
    ),
    _p(
        "coverage_outage_eps0",
        "ε_0",
        "1",
        "assumption",
        "Instantaneous outage margin defining R_max,1: P_cov(R_max,1) = 1 - ε_0",
        lower=0.0,
        upper=1.0,
        lower_open=True,
        upper_open=True,
        rationale="0.01, equal to ε_micro of Table I.",
    ),
    _p(
        "clutter_density_per_km2",
        "λ_c",
        "scatterers/km²",
        "assumption",
        "Clutter scatterer density (HPPP)",
        lower=0.0,
        upper=1e8,
        rationale="0: the paper absorbs clutter into W_0 and its numbers (Q = 0.67 / 2.98) "
        "hold only when clutter is negligible.",
    ),
    _p(
        "clutter_gain_dbi",
        "G_c",
        "dBi",
        "assumption",
        "Equivalent beam gain towards a scatterer (5)",
        lower=-60.0,
        upper=60.0,
        rationale="0 dBi, the beam-averaged gain of an energy-conserving antenna.",
    ),
    _p(
        "clutter_scattering_coeff",
        "σ_c",
        "1",
        "assumption",
        "Clutter scattering coefficient (5), in the paper's unit-gain link budget",
        lower=0.0,
        upper=1e6,
        rationale="1.",
    ),
    _p(
        "reliability_floor_in_p2",
        "K ≥ K_rel",
        "-",
        "assumption",
        "Apply the reliability floor (42) to the static problem P2 too",
        kind="bool",
        rationale="The paper's static numbers (≈80 BS/km² crossover, ≈265 targets/km² "
        "plateau, 13× commitment ratio) assume it.",
    ),
)

PARAMETERS_BY_KEY: Mapping[str, ParameterSpec] = {p.key: p for p in PARAMETERS}


def parameter(key: str) -> ParameterSpec:
    """Look up a key; an unknown key raises :class:`ScenarioError` with a suggestion."""
    try:
        return PARAMETERS_BY_KEY[key]
    except KeyError:
        close = difflib.get_close_matches(key.lower(), PARAMETERS_BY_KEY, n=1)
        hint = (
            f"; did you mean '{close[0]}'?"
            if close
            else "; run 'isac-designer scenario keys' for the list"
        )
        raise ScenarioError(f"unknown scenario key '{key}'{hint}") from None
