"""Lemma 1 / Corollary 2: the interference kernel, means and Laplace transforms."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, special

from isac_designer.designer import antenna, interference

BETA, D_MIN = 0.01, 50.0


def kernel_quad(a: float) -> float:
    value, _ = integrate.quad(
        lambda v: a * v * math.exp(-BETA * v) / (v * v + a),
        D_MIN,
        math.inf,
        limit=500,
        epsabs=0.0,
        epsrel=1e-13,
    )
    return value


@pytest.mark.parametrize("a", [1e-6, 1e-2, 1.0, 600.0, 625.0, 650.0, 2500.0, 1e4, 1e6, 1e10, 1e14])
def test_kernel_closed_form_against_quadrature(a: float) -> None:
    assert float(interference.interference_kernel_integral(a, BETA, D_MIN)) == pytest.approx(
        kernel_quad(a), rel=1e-10
    )


def test_kernel_limits() -> None:
    """a -> 0: a E_1(βd); a -> ∞: e^{-βd}(d/β + 1/β²) (Corollary 2's regimes)."""
    a = 1e-8
    assert float(interference.interference_kernel_integral(a, BETA, D_MIN)) == pytest.approx(
        a * special.exp1(BETA * D_MIN), rel=1e-9
    )
    saturated = math.exp(-BETA * D_MIN) * (D_MIN / BETA + 1 / BETA**2)
    assert float(interference.interference_kernel_integral(1e18, BETA, D_MIN)) == pytest.approx(
        saturated, rel=1e-6
    )


def test_mean_interference_by_campbell() -> None:
    lam, p_t = 1e-5, 39.8
    numeric, _ = integrate.quad(
        lambda v: lam * p_t * math.exp(-BETA * v) / v**2 * 2 * math.pi * v,
        D_MIN,
        math.inf,
        epsabs=0.0,
        epsrel=1e-13,
        limit=200,
    )
    assert interference.mean_direct_interference(lam, p_t, D_MIN, BETA) == pytest.approx(
        numeric, rel=1e-10
    )


def test_laplace_against_monte_carlo() -> None:
    """E[e^{-sI}] from sampled LoS-thinned PPP fields vs eq. (10), within the MC 99.9 % CI."""
    rng = np.random.default_rng(20261203)
    lam, p_t, theta, zeta = 1e-5, 39.8, 0.05, 1e-4
    s = 0.4 / interference.mean_direct_interference(lam, p_t, D_MIN, BETA)
    r_max = 3000.0  # e^{-β r_max} = e^{-30}: the window loses nothing measurable
    gm = float(antenna.main_lobe_gain(theta, zeta))
    n_fields = 20_000
    samples = np.empty(n_fields)
    for i in range(n_fields):
        n = rng.poisson(lam * math.pi * (r_max**2 - D_MIN**2))
        v = np.sqrt(rng.uniform(D_MIN**2, r_max**2, n))
        los = rng.random(n) < np.exp(-BETA * v)
        v = v[los]
        g_tx = np.where(rng.random(v.size) < theta / (2 * math.pi), gm, zeta * gm)
        g_rx = np.where(rng.random(v.size) < theta / (2 * math.pi), gm, zeta * gm)
        power = p_t * g_tx * g_rx * rng.exponential(size=v.size) / v**2
        samples[i] = math.exp(-s * power.sum())
    mean, sem = samples.mean(), samples.std(ddof=1) / math.sqrt(n_fields)
    closed = math.exp(
        float(interference.log_laplace_direct_interference(s, lam, p_t, D_MIN, BETA, theta, zeta))
    )
    assert abs(mean - closed) < 3.3 * sem
    # the paper's Corollary 2 (G̃ -> Ḡ) is a different number: measurably off here
    paper = math.exp(
        float(interference.log_laplace_direct_interference_paper(s, lam, p_t, D_MIN, BETA))
    )
    assert abs(mean - paper) > 3.3 * sem


def test_clutter_guarded_tends_to_remark_form() -> None:
    args = (1e-3, 39.8, 1.0, 1.0, 3.5)
    s = 1e3
    paper = float(interference.log_laplace_clutter_paper(s, *args))
    for guard, rel in ((1e-3, 1e-3), (1e-5, 1e-5)):
        guarded = float(interference.log_laplace_clutter(s, *args, guard))
        assert guarded == pytest.approx(paper, rel=rel * 5)
        assert guarded > paper  # fewer scatterers -> less clutter


def test_mean_clutter_power_by_integration() -> None:
    lam_c, p_t, g_c, coeff, alpha, guard = 1e-4, 39.8, 2.0, 0.5, 3.5, 10.0
    numeric, _ = integrate.quad(
        lambda r: lam_c * p_t * g_c * coeff * r ** (-alpha) * 2 * math.pi * r,
        guard,
        math.inf,
        epsabs=0.0,
        epsrel=1e-13,
        limit=200,
    )
    assert interference.mean_clutter_power(lam_c, p_t, g_c, coeff, alpha, guard) == pytest.approx(
        numeric, rel=1e-10
    )
    assert interference.mean_clutter_power(0.0, p_t, g_c, coeff, alpha, guard) == 0.0
