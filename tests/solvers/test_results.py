"""What a result explains: activity, regimes, Δr*, headroom, exact check, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest

from isac_designer.designer.model import NetworkModel
from isac_designer.designer.scenario_io import table1
from isac_designer.designer.tiers import Tier
from isac_designer.errors import SolverError, UnknownNameError
from isac_designer.formulations.problems import build_problem
from isac_designer.solvers import api
from isac_designer.solvers.base import Candidate, Solver
from isac_designer.solvers.registry import SOLVERS, get_solver
from isac_designer.solvers.result import Status


@pytest.fixture(scope="module")
def dense_paper():
    return api.design(table1().replace(bs_density_per_km2=1000), "p2-dyn", "paper")


def test_paper_design_fails_the_exact_kinematic_check(dense_paper) -> None:
    """Corollary 5's ν_h gives an exact MTLT of ~353 s against τ_req = 2985 s."""
    check = {c.name: c for c in dense_paper.exact_check}
    assert not check["kinematic"].satisfied
    assert check["kinematic"].value == pytest.approx(353.14, abs=0.01)
    assert check["kinematic"].bound == pytest.approx(-30 / math.log(0.99), rel=1e-12)
    assert all(c.satisfied for c in dense_paper.constraints)  # but it is paper-feasible


def test_regimes_at_small_cell_ceiling(dense_paper) -> None:
    r = dense_paper.regimes
    assert r is not None
    assert r.percolation == "super-critical"
    assert r.dynamic_regime == "i"
    assert r.cluster_binding == "reliability+kinematics"
    # ν_h = 6.7e-3 1/s is above ν_h^c = πλD/K = 1.05e-3 1/s: fast handover
    assert r.crossover_rate == pytest.approx(math.pi * 1e-3 / 3, rel=1e-12)
    assert r.handover == "fast"
    assert dense_paper.hysteresis_margin_m == pytest.approx(
        math.sqrt(1.0 / dense_paper.design.nu_h), rel=1e-12
    )


def test_table1_design_explains_itself() -> None:
    result = api.design(table1(), "p2-dyn", "exact")
    assert result.status is Status.OPTIMAL
    assert result.regimes.cluster_binding == "reliability"
    assert result.regimes.handover == "none"
    assert result.regimes.dynamic_regime_text.startswith("K on its floor")
    assert result.hysteresis_margin_m is None
    assert "no margin" in result.hysteresis_reason
    # headroom: smallest M with P(Poisson(3) > M) <= 0.05 is 6, so ρ_0 <= 0.1/6
    assert result.rho0_headroom == pytest.approx(0.1 / 6, rel=1e-12)
    assert any(a.startswith("target_density_per_km2 = 10.0") for a in result.assumptions)
    assert result.timing_s > 0


def test_registry_and_capabilities() -> None:
    assert set(SOLVERS) == {"exhaustive", "staged"}
    for cls in SOLVERS.values():
        assert cls.available()
    with pytest.raises(UnknownNameError, match="choose one of"):
        get_solver("simplex")


def test_unavailable_backend_is_an_error_naming_the_package(monkeypatch) -> None:
    class Needy(Solver):
        name = "needy"
        description = "needs a package that is not installed"
        requires = ("a_module_that_does_not_exist_xyz",)

        def search(self, spec):  # pragma: no cover - never reached
            return Candidate(None, "unreachable")

    monkeypatch.setitem(SOLVERS, "needy", Needy)
    spec = build_problem("p2", table1(), "exact")
    with pytest.raises(SolverError, match="a_module_that_does_not_exist_xyz"):
        api.solve(spec, "needy")


def test_numerical_failure_is_a_result(monkeypatch) -> None:
    from isac_designer.errors import NumericalError

    class Broken(Solver):
        name = "broken"
        description = "always fails numerically"

        def search(self, spec):
            raise NumericalError("root finding diverged (test)")

    monkeypatch.setitem(SOLVERS, "broken", Broken)
    result = api.solve(build_problem("p2", table1(), "exact"), "broken")
    assert result.status is Status.ERROR
    assert "diverged" in result.reason
    assert result.design is None


def test_handover_overhead_cannot_make_capacity_negative() -> None:
    """τ_ho = 1000 s at 10³ BS/km²: ρ_0(1 + ν_h τ_ho) must fit ρ_max (M_max >= 1); the
    exact optimum trades handover for a larger cluster and Ĉ_comm stays positive."""
    s = table1().replace(bs_density_per_km2=1000, handover_cost_s=1000.0)
    for method in SOLVERS:
        for tier in ("paper", "exact"):
            r = api.design(s, "p2-dyn", tier, method)
            if r.status is Status.OPTIMAL:
                assert r.objective > 0
                assert r.load_factor > 0
                assert all(c.satisfied for c in r.constraints)
    exact = api.design(s, "p2-dyn", "exact", "exhaustive")
    budget = {c.name: c for c in exact.constraints}["commitment_budget"]
    assert budget.value <= 0.10
    assert exact.design.K > 3  # the floor would need ρ_eff = 0.01(1 + 0.049·1000) > ρ_max


def test_staged_exact_minimises_the_commitment_like_exhaustive() -> None:
    s = table1().replace(bs_density_per_km2=1000, handover_cost_s=100.0)
    staged = api.design(s, "p2-dyn", "exact", "staged")
    exhaustive = api.design(s, "p2-dyn", "exact", "exhaustive")
    assert staged.design == exhaustive.design
    assert staged.design.K > 3  # 𝒥(K) is not increasing at this handover cost


def test_enumeration_limit_is_an_error_result_naming_the_way_out() -> None:
    """Blocking fails at every K (1e9 targets/km²), so neither bound stops the search
    before K*_static = 3 769 909 300: an error naming the way out."""
    s = table1().replace(bs_density_per_km2=1e7, eps_micro=1e-6, target_density_per_km2=1e9)
    r = api.design(s, "p2-dyn", "exact", "exhaustive")
    assert r.status is Status.ERROR
    assert "K*_static = 3769909300" in r.reason
    assert "'--tier paper --method staged'" in r.reason
    paper = api.design(s, "p2-dyn", "paper", "staged")
    assert paper.status is not Status.ERROR


def test_commitment_bound_answers_beyond_the_enumeration_limit() -> None:
    """ε_micro = 3e-9: K*_static = 1 256 638 sizes, but K = 3 is feasible with commitment
    J = 3(1 + ν τ_ho) < 4, so no larger K can win. Brute force over K = 3..5000 of
    J(K) from the designer's ν_h^min agrees."""
    s = table1().replace(eps_micro=3e-9)
    r = api.design(s, "p2-dyn", "exact", "exhaustive")
    assert r.status is Status.OPTIMAL
    assert all(c.satisfied for c in r.constraints)
    model = NetworkModel(s)
    ks = np.arange(3, 5001, dtype=float)
    nus = model.min_handover_rate(ks, Tier.EXACT)
    commitment = np.where(nus <= s.max_handover_rate, ks * (1 + nus * s.handover_cost), np.inf)
    assert r.design.K == int(ks[np.argmin(commitment)]) == 3
    assert r.design.nu_h == pytest.approx(float(nus[0]), rel=1e-12)


def test_perfect_links_need_one_bs_and_nothing_binds_it() -> None:
    """p_link = 1: K_rel = 1; at K = 1 the bound K >= 1 holds K, not (42)."""
    r = api.design(table1().replace(link_availability=1.0), "p2-dyn", "exact")
    assert r.design.K == 1
    assert "reliability" not in r.active
    assert r.regimes.cluster_binding == "none"


def test_every_design_carries_the_chance_constraint_check(dense_paper) -> None:
    """1000 BS/km², K = 3: r_K = 30.90 m, T_req = 30 s. The chance constraint (34) holds
    without handover (P = 0.999320, the Bessel-zero series at τ = 30/r_K², see
    tests/designer/test_exit_time.py); ν_h only raises it."""
    exact = api.design(table1().replace(bs_density_per_km2=1000.0), "p2-dyn", tier="exact")
    for result in (exact, dense_paper):
        check = result.chance_check
        assert check is not None
        assert check.qos_time_s == pytest.approx(30.0)
        assert check.required == pytest.approx(0.99)
        assert check.reliability_without_handover == pytest.approx(0.999320, abs=5e-7)
        assert check.reliability > check.reliability_without_handover  # ν_h > 0 at the design
        assert check.satisfied
        assert check.min_handover_rate == 0.0
    static = api.design(table1().replace(bs_density_per_km2=1000.0), "p2", tier="exact")
    assert static.chance_check is not None
    assert static.chance_check.min_handover_rate is None  # P2: no handover to size
    assert static.chance_check.reliability == pytest.approx(1.0, abs=1e-12)  # K = 38


def test_no_design_has_no_chance_check() -> None:
    result = api.design(table1().replace(eps_macro=1e-300), "p2", tier="exact")
    assert result.status is Status.INFEASIBLE
    assert result.chance_check is None
