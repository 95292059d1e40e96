"""Eq. (31) blocking, (39) ρ_eff, the Poisson quantile and c_macro."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isac_designer.designer import traffic


def poisson_tail(mean: float, m: int) -> float:
    mp.mp.dps = 60
    return float(
        1
        - mp.fsum(
            mp.e ** (-mp.mpf(mean)) * mp.mpf(mean) ** k / mp.factorial(k) for k in range(m + 1)
        )
    )


@pytest.mark.parametrize(
    ("mean", "m"), [(3.0, 10), (0.38, 10), (6.2, 10), (30.0, 10), (1e-3, 5), (3.0, 0)]
)
def test_blocking_matches_direct_poisson_sum(mean: float, m: int) -> None:
    assert float(traffic.blocking_probability(mean, m)) == pytest.approx(
        poisson_tail(mean, m), rel=1e-10
    )


def test_blocking_deep_tail_does_not_cancel() -> None:
    """1 − Σ would give 0 in float64; the regularised gamma keeps 1e-40-level tails."""
    exact = poisson_tail(0.01, 20)
    assert exact < 1e-40
    assert float(traffic.blocking_probability(0.01, 20)) == pytest.approx(exact, rel=1e-9)


def test_admissible_load_and_required_commitments_are_inverse() -> None:
    for m in (1, 5, 10, 40):
        load = float(traffic.admissible_load(m, 0.05))
        assert poisson_tail(load, m) == pytest.approx(0.05, rel=1e-9)
        assert float(traffic.required_commitments(load * 0.999, 0.05)) <= m


def test_effective_resource() -> None:
    assert float(traffic.effective_resource(0.01, 2.0, 0.05)) == pytest.approx(0.011)


@settings(max_examples=50, deadline=None)
@given(mean_a=st.floats(0.0, 50.0), mean_b=st.floats(0.0, 50.0), m=st.integers(0, 60))
def test_blocking_increases_with_load(mean_a: float, mean_b: float, m: int) -> None:
    lo, hi = sorted((mean_a, mean_b))
    assert (
        float(traffic.blocking_probability(lo, m))
        <= float(traffic.blocking_probability(hi, m)) + 1e-15
    )


@settings(max_examples=50, deadline=None)
@given(m=st.integers(1, 200), eps=st.floats(1e-6, 0.5))
def test_paper_c_macro_is_below_exact(m: int, eps: float) -> None:
    """Dropping e^{-N̄} makes the paper's c_macro conservative (never above the exact)."""
    assert float(traffic.c_macro_paper(m, eps)) <= float(traffic.c_macro_exact(m, eps)) * (
        1 + 1e-12
    )


def test_required_mtlt_limit() -> None:
    """(49): −T/ln(1−ε) -> T/ε as ε -> 0; for ε = 0.01 they differ by 0.4992 %."""
    assert traffic.required_mtlt_exact(30.0, 1e-9) == pytest.approx(
        traffic.required_mtlt_paper(30.0, 1e-9), rel=1e-8
    )
    ratio = traffic.required_mtlt_exact(30.0, 0.01) / traffic.required_mtlt_paper(30.0, 0.01)
    assert ratio == pytest.approx(-0.01 / math.log(0.99), rel=1e-14)


def test_max_commitments_vectorised_floor_guard() -> None:
    rho = np.array([0.1, 0.03, 0.01 * 1.05])
    assert list(traffic.max_commitments(0.3, rho)) == [3.0, 10.0, math.floor(0.3 / 0.0105)]
