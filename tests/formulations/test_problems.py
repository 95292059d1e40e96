"""P2 / P2-DYN specifications: variables, bounds, constraints, objective."""

from __future__ import annotations

import math

import numpy as np
import pytest

from isac_designer.designer.scenario_io import table1
from isac_designer.designer.tiers import Tier
from isac_designer.errors import UnknownNameError
from isac_designer.formulations.problems import build_problem
from isac_designer.formulations.spec import Design, ProblemKind


def test_p2_dyn_variables_and_bounds() -> None:
    s = table1()
    spec = build_problem("p2-dyn", s, "exact")
    names = [v.name for v in spec.variables]
    assert names == ["K", "nu_h", "theta_m", "rho0"]
    assert spec.variable("K").lower == 3  # K_rel
    assert spec.variable("K").integer
    assert spec.variable("nu_h").upper == s.max_handover_rate_per_s
    assert spec.variable("theta_m").lower == pytest.approx(math.radians(0.25))
    assert spec.variable("theta_m").upper == pytest.approx(math.radians(120.0))
    assert (spec.variable("rho0").lower, spec.variable("rho0").upper) == (0.01, 0.10)
    assert [c.name for c in spec.constraints] == [
        "kinematic",
        "blocking",
        "commitment_budget",
        "reliability",
        "beamwidth_trap",
    ]


def test_p2_has_no_handover_and_optional_floor() -> None:
    spec = build_problem("p2", table1(), "paper")
    assert [v.name for v in spec.variables] == ["K", "theta_m", "rho0"]
    assert spec.cluster_floor == 3
    no_floor = build_problem("p2", table1().replace(reliability_floor_in_p2=False), "paper")
    assert no_floor.cluster_floor == 1
    assert "reliability" not in [c.name for c in no_floor.constraints]
    with pytest.raises(UnknownNameError):
        no_floor.variable("nu_h")


def test_infinite_handover_ceiling_is_allowed() -> None:
    spec = build_problem("p2-dyn", table1().replace(max_handover_rate_per_s=math.inf), "exact")
    assert math.isinf(spec.variable("nu_h").upper)
    assert not spec.variable("nu_h").at_upper(1e300)


def test_objective_is_the_mean_load_surrogate() -> None:
    """Ĉ = B (1 − Kλ_T/λ_b · ρ_0 (1 + ν τ_ho)) R̄(θ)."""
    s = table1()
    spec = build_problem("p2-dyn", s, "exact")
    d = Design(K=4, nu_h=2.0, theta_m=0.05, rho0=0.02)
    load = 4 * 10 / 10
    expected = 100e6 * (1 - load * 0.02 * (1 + 2.0 * 0.05)) * spec.rate(0.05)
    assert float(spec.objective(d.as_point())) == pytest.approx(expected, rel=1e-14)


def test_constraints_evaluate_vectorised() -> None:
    spec = build_problem("p2-dyn", table1().replace(bs_density_per_km2=1000), "exact")
    ks = np.arange(3, 10, dtype=float)
    point = {
        "K": ks,
        "nu_h": np.zeros_like(ks),
        "theta_m": np.full_like(ks, 0.05),
        "rho0": np.full_like(ks, 0.01),
    }
    kin = spec.constraint("kinematic")
    values = kin.value(point)
    assert values.shape == ks.shape
    # ν_h = 0: the dynamic MTLT is the static K/(4πλD)
    assert np.allclose(values, ks / (4 * math.pi * 1e-3), rtol=1e-14)
    assert not np.any(kin.satisfied(point))  # K < 38 cannot meet τ_req statically


def test_min_handover_rate_oracle_meets_the_constraint_with_equality() -> None:
    spec = build_problem("p2-dyn", table1().replace(bs_density_per_km2=1000), "exact")
    kin = spec.constraint("kinematic")
    for k in (3, 7, 20):
        nu = float(spec.min_handover_rate(k))
        assert float(kin.value({"K": k, "nu_h": nu})) == pytest.approx(kin.bound, rel=1e-11)


def test_static_oracle_is_zero_or_infinite() -> None:
    spec = build_problem("p2", table1().replace(bs_density_per_km2=1000), "exact")
    rates = spec.min_handover_rate(np.array([37.0, 38.0]))
    assert math.isinf(rates[0])
    assert rates[1] == 0.0


def test_unknown_names() -> None:
    with pytest.raises(UnknownNameError, match="unknown problem 'p3'"):
        build_problem("p3", table1())
    with pytest.raises(UnknownNameError, match="unknown tier"):
        build_problem("p2", table1(), "approximate")
    assert ProblemKind.parse("p2-dyn") is ProblemKind.P2_DYN
    assert Tier.parse("strict") is Tier.STRICT


def test_reliability_constraint_tolerates_float_rounding() -> None:
    """p_link = 0.7, ε_rel = 0.027: (1 − 0.7)³ = 0.027 exactly, but 0.02700000000000001
    in float64. K_rel = 3 and K = 3 must satisfy (42); K = 2 must not."""
    assert (1 - 0.7) ** 3 > 0.027
    spec = build_problem("p2-dyn", table1().replace(link_availability=0.7, eps_rel=0.027), "exact")
    assert spec.cluster_floor == 3
    assert bool(spec.constraint("reliability").satisfied({"K": 3.0}))
    assert not bool(spec.constraint("reliability").satisfied({"K": 2.0}))
