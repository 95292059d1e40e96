"""The exact tracking-lifetime law (isac_designer.designer.exit_time).

References are independent of the module's Laplace inversion: the Bessel-zero
series at β = 0, the mean lifetime (26) as ∫ S dτ, and an exact renewal
Monte-Carlo (disc-exit times drawn from the Bessel series, resets from an
exponential clock) with a tolerance from its binomial confidence interval.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.typing import NDArray
from scipy import special

from isac_designer.designer.exit_time import (
    min_handover_rate_strict,
    survival_scaled,
    tracking_reliability,
)
from isac_designer.errors import ScenarioError

J0_ZEROS = special.jn_zeros(0, 400)


def bessel_series_survival(tau: NDArray[np.float64]) -> NDArray[np.float64]:
    """S_0(τ) = Σ 2 e^{−j_n² τ}/(j_n J_1(j_n)): disc exit from the centre, no resets."""
    coeff = 2.0 / (J0_ZEROS * special.j1(J0_ZEROS))
    return np.exp(-np.outer(tau, J0_ZEROS**2)) @ coeff


def test_static_law_is_the_bessel_zero_series() -> None:
    taus = np.array([0.01, 0.03, 0.1, 0.25, 0.5, 1.0, 2.0])
    np.testing.assert_allclose(
        survival_scaled(taus, 0.0), bessel_series_survival(taus), rtol=1e-12, atol=1e-15
    )


@pytest.mark.parametrize("beta", [0.0, 50.0])
def test_mean_of_the_law_is_theorem_1_dyn(beta: float) -> None:
    """∫_0^∞ S_β dτ = (I_0(√β) − 1)/β (eq. (26) in units of R²/D; 1/4 at β = 0).

    Gauss–Legendre, 40 nodes on each of [0, 0.25], [0.25, 1], [1, 4m], [4m, 40m]
    (m the mean; the first panels resolve the early shoulder of S, the tail beyond
    40m is below e^{−35})."""
    want = 0.25 if beta == 0.0 else (special.i0(math.sqrt(beta)) - 1.0) / beta
    nodes, weights = np.polynomial.legendre.leggauss(40)
    value = 0.0
    for lo, hi in ((0.0, 0.25), (0.25, 1.0), (1.0, 4.0 * want), (4.0 * want, 40.0 * want)):
        taus = 0.5 * (hi - lo) * nodes + 0.5 * (hi + lo)
        value += 0.5 * (hi - lo) * float(weights @ survival_scaled(taus, beta))
    assert value == pytest.approx(want, rel=1e-10)


def renewal_monte_carlo(
    beta: float, taus: NDArray[np.float64], n: int, seed: int
) -> NDArray[np.float64]:
    """P(t_loss > τ) by exact renewal sampling: from the centre, the exit time T_0
    (inverse of the Bessel-series law on a fine grid) races an Exp(β) reset; a reset
    restarts from the centre, so cycles are i.i.d."""
    rng = np.random.default_rng(seed)
    grid = np.concatenate([[0.0], np.geomspace(1e-3, 6.0, 20000)])
    cdf = 1.0 - np.concatenate([[1.0], bessel_series_survival(grid[1:])])
    cdf = np.maximum.accumulate(np.clip(cdf, 0.0, 1.0))
    loss = np.zeros(n)
    alive = np.ones(n, dtype=bool)
    while np.any(alive):
        m = int(alive.sum())
        exit_time = np.interp(rng.random(m), cdf, grid)
        reset = rng.exponential(1.0 / beta, m) if beta > 0 else np.full(m, np.inf)
        idx = np.flatnonzero(alive)
        lost = exit_time < reset
        loss[idx] += np.where(lost, exit_time, reset)
        alive[idx[lost]] = False
    return np.array([(loss > t).mean() for t in taus])


@pytest.mark.parametrize("beta", [3.0, 50.0])
def test_law_matches_renewal_monte_carlo(beta: float) -> None:
    """β = 50 is past the point where poles of the transform turn complex."""
    taus = np.array([0.05, 0.2, 0.5, 1.0])
    n = 40_000
    estimate = renewal_monte_carlo(beta, taus, n, seed=20261203)
    exact = survival_scaled(taus, beta)
    half_width = 4.5 * np.sqrt(np.maximum(exact * (1 - exact), 1e-4) / n)  # ~4.5σ binomial
    assert np.all(np.abs(estimate - exact) <= half_width), (estimate, exact)


def test_resets_only_help_and_survival_decreases_in_time() -> None:
    taus = np.array([0.02, 0.1, 0.4, 1.5])
    rows = np.array([survival_scaled(taus, b) for b in (0.0, 1.0, 4.0, 20.0, 200.0)])
    assert np.all(np.diff(rows, axis=0) >= -1e-14)  # more resets, longer tracking
    assert np.all(np.diff(rows, axis=1) <= 1e-14)
    assert float(survival_scaled(0.0, 5.0)) == 1.0


def test_table1_small_cell_needs_no_handover_under_the_chance_constraint() -> None:
    """1000 BS/km², K = 3: r_K = 30.90 m, T_req = 30 s, D = 1 m²/s. The surrogate (49)
    asks for ν_h = 0.0493 1/s; the chance constraint (34) holds with no handover."""
    radius = math.sqrt(3 / (math.pi * 1e-3))
    static = float(tracking_reliability(30.0, radius, 1.0, 0.0))
    assert static == pytest.approx(float(bessel_series_survival(np.array([30.0 / radius**2]))[0]))
    assert static == pytest.approx(0.999320, abs=5e-7)
    assert min_handover_rate_strict(30.0, 0.99, radius, 1.0) == 0.0


def test_strict_rate_solves_the_chance_constraint() -> None:
    radius = math.sqrt(1 / (math.pi * 1e-2))  # K = 1 at 10 000 BS/km²: static fails
    assert float(tracking_reliability(30.0, radius, 1.0, 0.0)) < 0.99
    rate = min_handover_rate_strict(30.0, 0.99, radius, 1.0)
    assert rate > 0.0
    assert float(tracking_reliability(30.0, radius, 1.0, rate)) == pytest.approx(0.99, abs=1e-9)
    assert float(tracking_reliability(30.0, radius, 1.0, 0.99 * rate)) < 0.99


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: survival_scaled(-0.1, 1.0), "τ"),
        (lambda: survival_scaled(0.1, -1.0), "β"),
        (lambda: survival_scaled(math.nan, 1.0), "τ"),
        (lambda: tracking_reliability(1.0, 0.0, 1.0, 0.0), "R"),
        (lambda: tracking_reliability(1.0, 10.0, math.inf, 0.0), "D"),
        (lambda: min_handover_rate_strict(1.0, 1.0, 10.0, 1.0), "reliability"),
    ],
)
def test_bad_input_names_the_rule(call: object, match: str) -> None:
    with pytest.raises(ScenarioError, match=match):
        call()  # type: ignore[operator]
