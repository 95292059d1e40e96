"""The exact tracking-lifetime law: P(t_loss > t), static and with handover resets.

The paper constrains the *mean* lifetime (MTLT >= τ_req, eq. (49)) as a
surrogate of the chance constraint (34), P(t_loss >= T_req) >= 1 − ε_micro,
by assuming an exponential tail. This module evaluates the chance constraint
itself for the model of Theorem 1 / Theorem 1-DYN: 2D Brownian motion
(diffusion D) started at the centre of a disc of radius R, reset to the centre
at the epochs of a Poisson process of rate ν_h (dynamic re-selection,
Sec. IV-E).

In dimensionless time τ = D t/R² and rate β = ν_h R²/D (β = x², x the
argument of Theorem 1-DYN) the Laplace transform of the survival function
follows from the renewal at the resets (Q̃_0(s) = (1 − 1/I_0(√s))/s is the
transform without resets)::

    Q̃_β(s) = Q̃_0(s + β)/(1 − β Q̃_0(s + β)) = (I_0(√u) − 1)/(I_0(√u)(u − β) + β),  u = s + β,

and Q̃_β(0) = (I_0(√β) − 1)/β is eq. (26). It is inverted numerically by
Talbot's method (:func:`mpmath.invertlaplace`, 20 digits, ≈ 20 ms a value).

Why not the pole (residue) series: for β = 0 it is the Bessel-zero series
S_0(τ) = Σ 2 e^{−j_n² τ}/(j_n J_1(j_n)) (the tests use it as a reference), but
for β ≳ 20 some poles −z² with J_0(z)(z² + β) = β leave the real axis in
complex-conjugate pairs (at β = 50 a real-root-only series is 4e-2 off), so
a series needs complex root finding in every lobe of J_0; the inversion needs
none of it.
"""

from __future__ import annotations

import math
from functools import lru_cache

import mpmath
import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize

from isac_designer.errors import NumericalError, ScenarioError

_DIGITS = 20
"""Working precision of the Laplace inversion [decimal digits]."""


@lru_cache(maxsize=4096)
def _survival_one(tau: float, beta: float) -> float:
    """S_β(τ) for one (τ, β): memoised, since the paper and exact tiers check their
    designs at the same K (same τ, β) and repeat the same root-finding steps."""
    if tau == 0.0:
        return 1.0
    with mpmath.workdps(_DIGITS):
        b = mpmath.mpf(beta)

        def transform(s: mpmath.mpf) -> mpmath.mpf:
            u = s + b
            i0 = mpmath.besseli(0, mpmath.sqrt(u))
            return (i0 - 1) / (i0 * (u - b) + b)

        value = mpmath.invertlaplace(transform, mpmath.mpf(tau), method="talbot")
    result = float(mpmath.re(value))
    if not math.isfinite(result):
        raise NumericalError(f"the exit-time law did not invert at τ={tau!r}, β={beta!r}")
    return min(max(result, 0.0), 1.0)


def survival_scaled(tau: ArrayLike, beta: float) -> NDArray[np.float64]:
    """S_β(τ) = P(t_loss > t) in dimensionless form: τ = Dt/R², β = ν_h R²/D.

    Parameters
    ----------
    tau : array_like
        Dimensionless times D t/R² >= 0.
    beta : float
        Dimensionless reset rate ν_h R²/D >= 0 (β = x² of Theorem 1-DYN).

    Returns
    -------
    ndarray
        Survival probabilities in [0, 1], same shape as ``tau``.

    Raises
    ------
    ScenarioError
        If τ < 0, β < 0 or either is not finite.
    """
    t = np.asarray(tau, dtype=float)
    if not (math.isfinite(beta) and beta >= 0.0):
        raise ScenarioError(f"0 <= β < ∞ must hold for the reset rate ν_h R²/D, but got {beta!r}")
    ok = np.isfinite(t) & (t >= 0.0)
    if not np.all(ok):
        bad = float(t[~ok].flat[0])
        raise ScenarioError(f"0 <= τ < ∞ must hold for the time D t/R², but got {bad!r}")
    out = np.array([_survival_one(float(x), float(beta)) for x in t.reshape(-1)])
    return out.reshape(t.shape)


def _check_geometry(radius_m: float, diffusion: float) -> None:
    if not (math.isfinite(radius_m) and radius_m > 0.0):
        raise ScenarioError(
            f"0 < R < ∞ must hold for the safe-zone radius [m], but got {radius_m!r}"
        )
    if not (math.isfinite(diffusion) and diffusion > 0.0):
        raise ScenarioError(f"0 < D < ∞ must hold for the diffusion [m²/s], but got {diffusion!r}")


def tracking_reliability(
    duration_s: ArrayLike, radius_m: float, diffusion: float, handover_rate: float
) -> NDArray[np.float64]:
    """P(t_loss >= t): the exact left side of the chance constraint (34).

    Parameters
    ----------
    duration_s : array_like
        t [s] (T_req for (34)).
    radius_m : float
        Safe-zone radius R [m] (r_K for a percolating cluster).
    diffusion : float
        D [m²/s].
    handover_rate : float
        ν_h [1/s]; 0 for a static cluster.

    Returns
    -------
    ndarray
        Probability that a target starting at the centre is still tracked at t.
    """
    _check_geometry(radius_m, diffusion)
    scale = diffusion / radius_m**2
    return survival_scaled(np.asarray(duration_s, dtype=float) * scale, handover_rate / scale)


def min_handover_rate_strict(
    duration_s: float, reliability: float, radius_m: float, diffusion: float
) -> float:
    """Smallest ν_h [1/s] with P(t_loss >= T_req) >= 1 − ε_micro: (34) solved exactly.

    0 if the static cluster already meets it. Resets to the centre only help
    (the centre is the best place to restart), so S_β(τ) increases with β and
    the root is unique.

    Parameters
    ----------
    duration_s : float
        T_req [s].
    reliability : float
        1 − ε_micro, in (0, 1).
    radius_m, diffusion : float
        R [m], D [m²/s].
    """
    _check_geometry(radius_m, diffusion)
    if not 0.0 < reliability < 1.0:
        raise ScenarioError(f"0 < 1 − ε < 1 must hold for the reliability, but got {reliability!r}")
    scale = diffusion / radius_m**2
    tau = duration_s * scale

    def gap(beta: float) -> float:
        return _survival_one(tau, beta) - reliability

    if gap(0.0) >= 0.0:
        return 0.0
    hi = 1.0
    while gap(hi) < 0.0:
        hi *= 4.0
        if hi > 1e15:
            raise NumericalError(f"no handover rate reaches reliability {reliability!r}")
    beta = optimize.brentq(gap, 0.0, hi, xtol=1e-12, rtol=1e-10)
    return float(beta * scale)
