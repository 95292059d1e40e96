"""The Scenario: one immutable, validated parameter set.

A :class:`Scenario` stores the values exactly as they appear in a scenario
file (the public keys of :mod:`.parameters`, units in their names) and
exposes SI values through properties; model code reads only the SI
properties. The paper's Table I is the shipped default (:func:`table1`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from isac_designer.designer import units
from isac_designer.designer.parameters import (
    AUTO,
    PARAMETERS,
    PARAMETERS_BY_KEY,
    ScalarValue,
    parameter,
)
from isac_designer.errors import ScenarioError

HEX_PACKING_DENSITY_COEFF = 2.0 / math.sqrt(3.0)
"""Densest packing of points at spacing d: 2/(√3 d²) per unit area (hexagonal lattice)."""


@dataclass(frozen=True)
class Scenario:
    """A validated scenario; field names and units are the public file keys.

    Build one with :func:`table1`, :meth:`from_mapping` or
    :func:`isac_designer.designer.scenario_io.load_scenario`; change one
    with :meth:`replace`. Every construction validates every value and the
    cross-parameter rules, so a ``Scenario`` in hand is always usable.
    """

    bs_density_per_km2: float
    diffusion_m2_per_s: float
    mean_sojourn_s: float
    min_bs_spacing_m: float
    near_field_guard_m: float
    qos_fraction: float
    eps_micro: float
    eps_macro: float
    link_availability: float
    eps_rel: float
    rho0: float
    rho_max: float
    handover_cost_s: float
    detection_threshold_db: float
    tx_power_dbm: float
    target_rcs_m2: float
    main_lobe_gain_dbi: float
    side_lobe_ratio_db: float
    los_blockage_per_m: float
    clutter_pathloss_exp: float
    target_density_per_km2: float
    max_handover_rate_per_s: float
    noise_figure_db: float
    carrier_frequency_ghz: float
    bandwidth_mhz: float
    ue_pathloss_exp: float
    pointing_error_deg: float
    beamwidth_min_deg: float
    beamwidth_max_deg: float
    design_range_m: float | str
    coverage_outage_eps0: float
    clutter_density_per_km2: float
    clutter_gain_dbi: float
    clutter_scattering_coeff: float
    reliability_floor_in_p2: bool

    def __post_init__(self) -> None:
        for spec in PARAMETERS:
            object.__setattr__(self, spec.key, spec.check(getattr(self, spec.key)))
        self._check_cross_rules()

    def _check_cross_rules(self) -> None:
        if self.rho0 > self.rho_max:
            raise ScenarioError(
                f"rho0 <= rho_max must hold (a target cannot need more than the per-BS "
                f"budget), but got rho0={self.rho0!r}, rho_max={self.rho_max!r}"
            )
        if self.beamwidth_min_deg >= self.beamwidth_max_deg:
            raise ScenarioError(
                f"beamwidth_min_deg < beamwidth_max_deg must hold, but got "
                f"beamwidth_min_deg={self.beamwidth_min_deg!r}, "
                f"beamwidth_max_deg={self.beamwidth_max_deg!r}"
            )
        if self.main_lobe_gain_dbi + self.side_lobe_ratio_db >= 0.0:
            raise ScenarioError(
                "main_lobe_gain_dbi + side_lobe_ratio_db < 0 must hold (the side-lobe gain "
                "G_s = ζ G_m of an energy-conserving beam is below 1, eq. (1)), but got "
                f"main_lobe_gain_dbi={self.main_lobe_gain_dbi!r}, "
                f"side_lobe_ratio_db={self.side_lobe_ratio_db!r}"
            )

    # ----------------------------------------------------------------- construction
    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> Scenario:
        """Build from a complete mapping of file keys to values (validated)."""
        missing = [p.key for p in PARAMETERS if p.key not in values]
        if missing:
            raise ScenarioError(f"scenario is missing keys: {', '.join(missing)}")
        for key in values:
            if key not in PARAMETERS_BY_KEY:
                parameter(key)  # raises with a suggestion
        return cls(**{p.key: values[p.key] for p in PARAMETERS})

    def replace(self, **changes: ScalarValue) -> Scenario:
        """A new scenario with some keys changed (validated)."""
        values = self.to_mapping()
        values.update(changes)
        return Scenario.from_mapping(values)

    def to_mapping(self) -> dict[str, ScalarValue]:
        """File keys to file values, in registry order."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    # ----------------------------------------------------------------- SI view
    @property
    def bs_density(self) -> float:
        """λ_b [BS/m²]."""
        return units.per_km2_to_per_m2(self.bs_density_per_km2)

    @property
    def diffusion(self) -> float:
        """D [m²/s]."""
        return self.diffusion_m2_per_s

    @property
    def sojourn_rate(self) -> float:
        """μ_sj = 1 / mean sojourn [1/s]."""
        return 1.0 / self.mean_sojourn_s

    @property
    def min_bs_spacing(self) -> float:
        """d_min^(b) [m]."""
        return self.min_bs_spacing_m

    @property
    def near_field_guard(self) -> float:
        """r_min [m]."""
        return self.near_field_guard_m

    @property
    def handover_cost(self) -> float:
        """τ_ho [s]."""
        return self.handover_cost_s

    @property
    def detection_threshold(self) -> float:
        """γ_s, linear."""
        return units.db_to_linear(self.detection_threshold_db)

    @property
    def tx_power_w(self) -> float:
        """P_t [W]."""
        return units.dbm_to_watt(self.tx_power_dbm)

    @property
    def target_rcs(self) -> float:
        """σ [m²]."""
        return self.target_rcs_m2

    @property
    def reference_main_lobe_gain(self) -> float:
        """G_m of the reference beam (Table I's 30 dBi), linear."""
        return units.db_to_linear(self.main_lobe_gain_dbi)

    @property
    def side_lobe_ratio(self) -> float:
        """ζ = G_s/G_m, linear."""
        return units.db_to_linear(self.side_lobe_ratio_db)

    @property
    def los_blockage(self) -> float:
        """β [1/m]."""
        return self.los_blockage_per_m

    @property
    def target_density(self) -> float:
        """λ_T [targets/m²]."""
        return units.per_km2_to_per_m2(self.target_density_per_km2)

    @property
    def max_handover_rate(self) -> float:
        """ν_h^max [1/s] (may be inf)."""
        return self.max_handover_rate_per_s

    @property
    def bandwidth_hz(self) -> float:
        """B [Hz]."""
        return self.bandwidth_mhz * 1e6

    @property
    def carrier_frequency_hz(self) -> float:
        """f_c [Hz]."""
        return self.carrier_frequency_ghz * 1e9

    @property
    def thermal_noise_w(self) -> float:
        """k T0 B F [W]: the physical receiver noise power."""
        return (
            units.BOLTZMANN_J_PER_K
            * units.REFERENCE_TEMPERATURE_K
            * self.bandwidth_hz
            * units.db_to_linear(self.noise_figure_db)
        )

    @property
    def noise_power_w(self) -> float:
        """W_0 in the paper's link budget [W].

        Eqs. (3)-(5) omit the free-space reference gain (λ_c/4π)² at 1 m, so
        every signal in the model is that factor too large. The thermal noise
        is referred to the same budget: W_0 = k T0 B F (4π f_c / c)².
        """
        reference_gain = (
            units.SPEED_OF_LIGHT_M_PER_S / (4.0 * math.pi * self.carrier_frequency_hz)
        ) ** 2
        return self.thermal_noise_w / reference_gain

    @property
    def ue_pathloss_exponent(self) -> float:
        """α of the BS-to-UE link."""
        return self.ue_pathloss_exp

    @property
    def pointing_error(self) -> float:
        """σ_align [rad]."""
        return units.deg_to_rad(self.pointing_error_deg)

    @property
    def beamwidth_min(self) -> float:
        """θ_min [rad]."""
        return units.deg_to_rad(self.beamwidth_min_deg)

    @property
    def beamwidth_max(self) -> float:
        """θ_max [rad]."""
        return units.deg_to_rad(self.beamwidth_max_deg)

    @property
    def design_range(self) -> float:
        """r_0 [m]; ``"auto"`` resolves to the mean nearest-BS distance 1/(2√λ_b)."""
        if self.design_range_m == AUTO:
            return 0.5 / math.sqrt(self.bs_density)
        return float(self.design_range_m)

    @property
    def clutter_density(self) -> float:
        """λ_c [1/m²]."""
        return units.per_km2_to_per_m2(self.clutter_density_per_km2)

    @property
    def clutter_gain(self) -> float:
        """G_c, linear."""
        return units.db_to_linear(self.clutter_gain_dbi)

    @property
    def qos_time_s(self) -> float:
        """T_req = η/μ_sj (30) [s]."""
        return self.qos_fraction / self.sojourn_rate

    # ----------------------------------------------------------------- validity notes
    def validity_warnings(self) -> list[str]:
        """Model-validity notes that do not stop the closed forms from running."""
        notes = []
        spacing = self.min_bs_spacing
        max_density = HEX_PACKING_DENSITY_COEFF / spacing**2
        if self.bs_density > max_density:
            notes.append(
                f"bs_density_per_km2={self.bs_density_per_km2:g} cannot be packed at "
                f"min_bs_spacing_m={spacing:g} (densest hexagonal packing allows "
                f"{units.per_m2_to_per_km2(max_density):.4g} BS/km²); the closed forms use "
                "the paper's HPPP-with-exclusion approximation and still run, but no "
                "hard-core layout exists for Monte-Carlo checks"
            )
        return notes
