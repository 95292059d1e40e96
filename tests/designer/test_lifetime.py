"""Theorem 1 / 1-DYN lifetimes and ν_h^min against mpmath and their limits."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isac_designer.designer import lifetime
from isac_designer.designer.numerics import bessel_growth, log_bessel_growth


def mp_mtlt(radius: float, nu: float, diffusion: float) -> mp.mpf:
    mp.mp.dps = 50
    r, n, d = mp.mpf(radius), mp.mpf(nu), mp.mpf(diffusion)
    return (mp.besseli(0, r * mp.sqrt(n / d)) - 1) / n


@pytest.mark.parametrize(
    "x", [1e-12, 1e-6, 1e-3, 0.1, 0.9, 1.999, 2.0, 2.001, 5.0, 30.0, 300.0, 700.0]
)
def test_bessel_growth_against_mpmath(x: float) -> None:
    mp.mp.dps = 50
    expected = (mp.besseli(0, x) - 1) / mp.mpf(x) ** 2
    # g is exp(ln g) for x >= 2: ln g ≈ x carries a relative error ~eps, so g's
    # relative error grows like x·eps (8e-14 at x = 700)
    assert float(bessel_growth(x)) == pytest.approx(float(expected), rel=max(2e-14, 4e-16 * x))


def test_bessel_growth_zero_and_overflow() -> None:
    assert float(bessel_growth(0.0)) == 0.25
    # ln g stays finite far beyond where g itself overflows
    mp.mp.dps = 30
    assert float(log_bessel_growth(1e4)) == pytest.approx(
        float(mp.log((mp.besseli(0, 10000) - 1) / mp.mpf(10000) ** 2)), rel=1e-13
    )
    with np.errstate(over="raise"):
        assert math.isinf(float(bessel_growth(1e4)))


@pytest.mark.parametrize(
    ("radius", "nu"), [(30.9, 0.0493), (308.0, 1e-3), (5.0, 1e-9), (1e3, 10.0)]
)
def test_mtlt_dynamic_against_mpmath(radius: float, nu: float) -> None:
    assert float(lifetime.mtlt_dynamic(radius, nu, 1.0)) == pytest.approx(
        float(mp_mtlt(radius, nu, 1.0)), rel=1e-13
    )


def test_slow_handover_limit_is_static_disc_exit() -> None:
    """(27): ν_h -> 0 gives R²/(4D), Theorem 1's constant; no cancellation at tiny ν_h."""
    radius, diffusion = 123.0, 2.5
    static = radius**2 / (4 * diffusion)
    assert float(lifetime.mtlt_dynamic(radius, 0.0, diffusion)) == static
    for nu in (1e-30, 1e-20, 1e-12):
        assert float(lifetime.mtlt_dynamic(radius, nu, diffusion)) == pytest.approx(
            static, rel=1e-9
        )


def test_fast_handover_asymptote() -> None:
    """(27): e^x/(ν√(2πx)); relative error ≈ 1/(8x) against the exact form."""
    radius, diffusion = 30.0, 1.0
    for nu in (1.0, 10.0, 100.0):
        x = radius * math.sqrt(nu / diffusion)
        ratio = float(lifetime.mtlt_dynamic_large_rate(radius, nu, diffusion)) / float(
            lifetime.mtlt_dynamic(radius, nu, diffusion)
        )
        assert ratio - 1 == pytest.approx(-1 / (8 * x), rel=0.1)


def test_cluster_radius_matches_theorem1_slope() -> None:
    """r_K²/(4D) = K/(4πλD): Theorem 1's super-critical MTLT."""
    lam, diffusion = 1e-5, 1.0
    for k in (1, 3, 38):
        r = float(lifetime.cluster_radius(k, lam))
        assert r**2 / (4 * diffusion) == pytest.approx(
            k / (4 * math.pi * lam * diffusion), rel=1e-14
        )


@pytest.mark.parametrize(
    ("radius", "tau"), [(30.9, 2985.0), (10.0, 1e4), (100.0, 3000.0), (5.0, 1e8)]
)
def test_exact_min_rate_solves_the_bessel_equation(radius: float, tau: float) -> None:
    nu = float(lifetime.min_handover_rate_exact(radius, tau, 1.0))
    assert float(mp_mtlt(radius, nu, 1.0)) == pytest.approx(tau, rel=1e-12)


def test_exact_min_rate_is_zero_when_static_suffices() -> None:
    radius = 200.0  # R²/(4D) = 10^4 s
    assert float(lifetime.min_handover_rate_exact(radius, 9_999.0, 1.0)) == 0.0
    assert float(lifetime.min_handover_rate_paper(radius, 9_999.0, 1.0)) == 0.0


def test_paper_surrogate_inverts_to_corollary5() -> None:
    """(R²/4D)·e^{R√(ν/D)} = τ at Corollary 5's ν: the paper tier is self-consistent."""
    radius, tau, diffusion = 30.9, 3000.0, 1.0
    nu = float(lifetime.min_handover_rate_paper(radius, tau, diffusion))
    assert nu == pytest.approx(
        diffusion / radius**2 * math.log(4 * diffusion * tau / radius**2) ** 2
    )
    assert float(lifetime.mtlt_dynamic_paper(radius, nu, diffusion)) == pytest.approx(
        tau, rel=1e-12
    )


def test_vectorised_min_rate_matches_scalar() -> None:
    radii = np.array([5.0, 30.0, 60.0, 500.0])
    vec = lifetime.min_handover_rate_exact(radii, 3000.0, 1.0)
    for r, v in zip(radii, vec, strict=True):
        assert v == float(lifetime.min_handover_rate_exact(r, 3000.0, 1.0))


@settings(max_examples=60, deadline=None)
@given(
    radius=st.floats(1.0, 1e3),
    nu_a=st.floats(0.0, 50.0),
    nu_b=st.floats(0.0, 50.0),
)
def test_mtlt_increases_with_handover_rate(radius: float, nu_a: float, nu_b: float) -> None:
    lo, hi = sorted((nu_a, nu_b))
    t_lo = float(lifetime.log_mtlt_dynamic(radius, lo, 1.0))
    t_hi = float(lifetime.log_mtlt_dynamic(radius, hi, 1.0))
    assert t_hi >= t_lo - 1e-12 * abs(t_lo)


@settings(max_examples=40, deadline=None)
@given(k=st.integers(1, 400), tau=st.floats(10.0, 1e6))
def test_min_rate_falls_with_cluster_size(k: int, tau: float) -> None:
    lam = 1e-4
    r = lifetime.cluster_radius(np.array([k, k + 1]), lam)
    nus = lifetime.min_handover_rate_exact(r, tau, 1.0)
    assert nus[1] <= nus[0]


def test_surrogates_overflow_to_infinity_without_a_warning() -> None:
    """R√(ν/D) = 1e4: the lifetime is beyond e^709 s; +inf, and no RuntimeWarning (which
    the suite turns into an error and the CLI would print)."""
    assert float(lifetime.mtlt_dynamic_paper(1e4, 1e4, 1.0)) == math.inf
    assert float(lifetime.mtlt_dynamic_large_rate(1e4, 1e4, 1.0)) == math.inf
