"""`isac-designer design --json`: the default, unbounded-handover and infeasible results."""

from __future__ import annotations

import math
from typing import Any

import pytest

from isac_designer.designer.model import NetworkModel
from isac_designer.designer.parameters import PARAMETERS
from isac_designer.designer.scenario_io import table1
from isac_designer.designer.tiers import Tier
from tests.studies.cli_helpers import VERSION, k_rel, null_without_reason, run, strict_json

# At most four `design` runs in the CLI tests (each takes seconds): three here, the fourth in
# test_cli_errors.py (the numerical-error exit status).
DEFAULT_ARGS = ["design", "--json"]


INF_ARGS = ["design", "--json", "--tier", "paper", "--set", "max_handover_rate_per_s=inf"]


# P2 at a sub-critical density with a demanding QoS. Theorem 1' / Remark 2: sub-critical
# (λ_b π R_max,1² < c*), P2 is feasible only if R_max,1²/(4D) >= τ_req. Sub-critical
# implies R_max,1² < c*/(π λ_b), so R_max,1²/(4D) < c*/(4π λ_b D) ≈ 1.8e5 s at
# λ_b = 0.5 BS/km², D = 1 m²/s, while τ_req = -η/(μ_sj ln(1-ε_micro)) ≈ 1e6 s for
# η = 1, μ_sj = 0.01/s, ε_micro = 1e-4. A small target density (0.1/km²) keeps blocking
# out of the way: even K = 7 > 4π λ_b D τ_req ≈ 6.3 would load a BS with only 1.4
# targets (ρ_0 · 1.4 = 0.014 <= ρ_max = 0.1), so the binding reason is kinematic.
INFEASIBLE_SETS = {
    "bs_density_per_km2": 0.5,
    "qos_fraction": 1.0,
    "eps_micro": 1e-4,
    "target_density_per_km2": 0.1,
}


INFEASIBLE_ARGS = ["design", "--json", "--problem", "p2"] + [
    arg for key, value in INFEASIBLE_SETS.items() for arg in ("--set", f"{key}={value}")
]


@pytest.fixture(scope="module")
def default_design() -> tuple[int, dict[str, Any], str]:
    status, out, err = run(DEFAULT_ARGS)
    return status, strict_json(out), err


@pytest.fixture(scope="module")
def inf_design() -> tuple[int, dict[str, Any], str]:
    status, out, err = run(INF_ARGS)
    return status, strict_json(out), err


@pytest.fixture(scope="module")
def infeasible_design() -> tuple[int, dict[str, Any], str]:
    status, out, err = run(INFEASIBLE_ARGS)
    return status, strict_json(out), err


def test_design_json_default_is_ok(default_design: tuple[int, dict[str, Any], str]) -> None:
    status, doc, err = default_design
    assert status == 0
    assert err == ""
    assert isinstance(doc["schema_version"], str)
    assert doc["schema_version"]
    assert doc["status"] == "optimal"
    assert doc["problem"] == "p2-dyn"  # the default problem
    assert doc["tier"] == "exact"  # the default primary tier
    assert doc["tool"]["version"] == VERSION


def test_design_json_design_block(default_design: tuple[int, dict[str, Any], str]) -> None:
    _, doc, _ = default_design
    s = table1()
    d = doc["design"]
    assert set(d) >= {"K", "nu_h", "theta_m", "rho0"}
    assert isinstance(d["K"], int)
    # Table I: K*_static = 4π η λ_b D/(μ_sj ε_micro) ≈ 0.38 < K_rel = 3, so (Theorem 3-DYN)
    # the kinematic constraint is met at K = K_rel with no handover.
    k_static = 4 * math.pi * 0.3 * 1e-5 * 1.0 / (0.01 * 0.01)
    assert k_static < k_rel(s) == 3
    assert d["K"] == 3
    assert d["nu_h"] == 0.0
    assert s.beamwidth_min <= d["theta_m"] <= s.beamwidth_max
    assert math.isclose(d["theta_m_deg"], math.degrees(d["theta_m"]), rel_tol=1e-12)
    assert d["rho0"] == pytest.approx(s.rho0)  # ρ_0 sits on its lower bound (DESIGN.md)
    assert isinstance(doc["objective"], float)
    assert doc["objective"] > 0
    assert isinstance(doc["active_constraints"], list)
    assert all(isinstance(a, str) for a in doc["active_constraints"])
    assert doc["active_constraints"]


def test_design_json_regimes_capacity_assumptions(
    default_design: tuple[int, dict[str, Any], str],
) -> None:
    _, doc, _ = default_design
    regimes = doc["regimes"]
    assert isinstance(regimes, dict)
    assert regimes["feasible"] is True
    assert isinstance(regimes["percolation"], str)
    capacity = doc["capacity"]
    assert capacity["bs_density_per_km2"] == 10.0
    # static ceiling at K = K_rel = 3: ρ_max λ_b/(ρ_0 K_rel) = 0.1·10/(0.01·3) per km²
    assert capacity["static_ceiling_per_km2"]["paper"] == pytest.approx(100 / 3, rel=1e-9)
    assumptions_text = " ".join(doc["assumptions"])
    for p in PARAMETERS:
        if p.source == "assumption":
            assert p.key in assumptions_text, p.key


def test_design_json_hysteresis_margin_null_with_reason(
    default_design: tuple[int, dict[str, Any], str],
) -> None:
    _, doc, _ = default_design
    assert "hysteresis_margin_m" in doc
    # ν_h = 0 (no handover), so there is no margin to report
    assert doc["hysteresis_margin_m"] is None
    assert isinstance(doc["hysteresis_margin_m_reason"], str)
    assert doc["hysteresis_margin_m_reason"].strip()


def test_design_json_has_both_tiers(default_design: tuple[int, dict[str, Any], str]) -> None:
    _, doc, _ = default_design
    tiers = doc["tiers"]
    assert {"paper", "exact"} <= set(tiers)
    for tier in ("paper", "exact"):
        assert tiers[tier]["status"] == "optimal"
        assert tiers[tier]["design"]["K"] == 3
    assert tiers["exact"]["design"] == doc["design"]


def test_design_json_scenario_is_table1(default_design: tuple[int, dict[str, Any], str]) -> None:
    _, doc, _ = default_design
    assert doc["scenario"] == table1().to_mapping()


def test_design_inf_handover_ceiling(inf_design: tuple[int, dict[str, Any], str]) -> None:
    status, doc, err = inf_design
    assert status == 0
    assert err == ""
    assert doc["tier"] == "paper"
    assert {"paper", "exact"} <= set(doc["tiers"])
    assert doc["scenario"]["max_handover_rate_per_s"] is None
    reason = doc["scenario"]["max_handover_rate_per_s_reason"]
    assert isinstance(reason, str)
    assert reason.strip()
    expected = {k: v for k, v in table1().to_mapping().items() if k != "max_handover_rate_per_s"}
    assert {k: doc["scenario"][k] for k in expected} == expected


@pytest.mark.parametrize("which", ["default_design", "inf_design", "infeasible_design"])
def test_every_null_has_a_reason(which: str, request: pytest.FixtureRequest) -> None:
    _, doc, _ = request.getfixturevalue(which)
    assert list(null_without_reason(doc)) == []


def test_infeasible_preconditions_hold() -> None:
    """The scenario above is sub-critical in both tiers, and τ_req beats any sub-critical MTLT."""
    s = table1().replace(**INFEASIBLE_SETS)
    model = NetworkModel(s)
    for tier in (Tier.PAPER, Tier.EXACT):
        assert model.coverage_parameter(tier) < model.critical_filling(tier)
        assert model.critical_filling(tier) < 1.2
    tau_req = -s.qos_fraction / (s.sojourn_rate * math.log(1 - s.eps_micro))
    subcritical_mtlt_bound = 1.2 / (4 * math.pi * s.bs_density * s.diffusion)
    assert tau_req > 4 * subcritical_mtlt_bound


def test_infeasible_is_a_result(infeasible_design: tuple[int, dict[str, Any], str]) -> None:
    status, doc, err = infeasible_design
    assert status == 0
    assert err == ""
    assert doc["status"] == "infeasible"
    assert doc["problem"] == "p2"
    assert isinstance(doc["reason"], str)
    assert "kinematic" in doc["reason"]
    assert doc["design"] is None
    assert doc["objective"] is None
    assert doc["objective_reason"]
    assert doc["regimes"]["feasible"] is False
    for tier in ("paper", "exact"):
        assert doc["tiers"][tier]["status"] == "infeasible"
        assert "kinematic" in doc["tiers"][tier]["reason"]
