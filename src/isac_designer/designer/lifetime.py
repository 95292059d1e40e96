"""Tracking lifetimes: Theorem 1 (static), Theorem 1-DYN (dynamic), eqs. (23)-(29).

The target is 2D Brownian motion with diffusion D; the cluster's safe zone is
idealised as a disc of radius R around the target's start (Theorem 1): the
cluster footprint r_K = √(K/(πλ_b)) when the safe zones percolate, the single-BS
range R_max,1 otherwise. Handover at Poisson rate ν_h resets the target to
the centre (Sec. IV-E).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import elementwise

from isac_designer.designer.numerics import bessel_growth, log_bessel_growth
from isac_designer.errors import NumericalError


def cluster_radius(cluster_size: ArrayLike, bs_density: float) -> NDArray[np.float64]:
    """r_K = √(K/(π λ_b)) [m]: radius of the disc holding K BSs on average.

    The paper prints r_K = √K/(πλ_b) in Lemma 2 and Sec. IV-D, which is not a
    length; E[r_K²] = K/(πλ_b) for the K-th nearest PPP point, and Theorem 1's
    K/(4πλ_b D) = r_K²/(4D) requires the form used here.
    """
    return np.sqrt(np.asarray(cluster_size, dtype=float) / (math.pi * bs_density))


def disc_exit_mtlt(radius_m: ArrayLike, diffusion: float) -> NDArray[np.float64]:
    """Mean exit time of 2D Brownian motion from the centre of a disc: R²/(4D) [s].

    Solves eq. (13), −D∇²T = 1 with T(R) = 0, at the centre.
    """
    r = np.asarray(radius_m, dtype=float)
    return r * r / (4.0 * diffusion)


def static_mtlt(
    cluster_size: ArrayLike,
    bs_density: float,
    diffusion: float,
    safe_range_m: float,
    supercritical: bool,
) -> NDArray[np.float64]:
    """Static-cluster MTLT, Theorem 1 eq. (23) [s].

    Super-critical: K/(4π λ_b D) (disc of radius r_K); sub-critical:
    R_max,1²/(4D), independent of K.
    """
    k = np.asarray(cluster_size, dtype=float)
    if supercritical:
        return k / (4.0 * math.pi * bs_density * diffusion)
    return np.broadcast_to(disc_exit_mtlt(safe_range_m, diffusion), k.shape).astype(float)


def mtlt_dynamic(
    radius_m: ArrayLike, handover_rate: ArrayLike, diffusion: float
) -> NDArray[np.float64]:
    """Dynamic-cluster MTLT, Theorem 1-DYN eq. (26), exact [s].

    E[t] = [I_0(R√(ν_h/D)) − 1]/ν_h, evaluated as (R²/D)·g(x) with
    g(x) = (I_0(x) − 1)/x² and x = R√(ν_h/D), so that ν_h = 0 gives the static
    limit R²/(4D) exactly, small x suffers no cancellation and large x no
    overflow (the result is ``inf`` only when it exceeds float64).
    """
    r = np.asarray(radius_m, dtype=float)
    nu = np.asarray(handover_rate, dtype=float)
    x = r * np.sqrt(nu / diffusion)
    return (r * r / diffusion) * bessel_growth(x)


def log_mtlt_dynamic(
    radius_m: ArrayLike, handover_rate: ArrayLike, diffusion: float
) -> NDArray[np.float64]:
    """ln of :func:`mtlt_dynamic`, finite wherever the arguments are."""
    r = np.asarray(radius_m, dtype=float)
    nu = np.asarray(handover_rate, dtype=float)
    x = r * np.sqrt(nu / diffusion)
    return np.log(r * r / diffusion) + log_bessel_growth(x)


def mtlt_dynamic_large_rate(
    radius_m: ArrayLike, handover_rate: ArrayLike, diffusion: float
) -> NDArray[np.float64]:
    """Fast-handover asymptote of eq. (27): e^x/(ν_h √(2πx)), x = R√(ν_h/D) [s].

    From I_0(x) ~ e^x/√(2πx); the relative error is ≈ 1/(8x).
    """
    r = np.asarray(radius_m, dtype=float)
    nu = np.asarray(handover_rate, dtype=float)
    x = r * np.sqrt(nu / diffusion)
    with np.errstate(over="ignore"):  # beyond e^709 the lifetime is +inf, as it should be
        return np.exp(x - 0.5 * np.log(2.0 * math.pi * x)) / nu


def mtlt_dynamic_paper(
    radius_m: ArrayLike, handover_rate: ArrayLike, diffusion: float
) -> NDArray[np.float64]:
    """The paper tier's kinematic surrogate: (R²/(4D))·exp(R√(ν_h/D)) [s].

    This is the function whose exact inversion is Corollary 5: the proof of
    (29) keeps only R√(ν_h/D) ≈ ln(ν_h τ_req) and then identifies the log's
    argument with K*_static/K = 4Dτ_req/R², i.e. it solves
    R√(ν_h/D) = ln(4Dτ_req/R²). It equals the static R²/(4D) at ν_h = 0.
    """
    r = np.asarray(radius_m, dtype=float)
    nu = np.asarray(handover_rate, dtype=float)
    with np.errstate(over="ignore"):  # beyond e^709 the lifetime is +inf, as it should be
        return disc_exit_mtlt(r, diffusion) * np.exp(r * np.sqrt(nu / diffusion))


def crossover_handover_rate(radius_m: ArrayLike, diffusion: float) -> NDArray[np.float64]:
    """ν_h^c = D/R² [1/s], eq. (28) (= π λ_b D/K in the super-critical case)."""
    r = np.asarray(radius_m, dtype=float)
    return diffusion / (r * r)


def min_handover_rate_paper(
    radius_m: ArrayLike, required_mtlt_s: float, diffusion: float
) -> NDArray[np.float64]:
    """ν_h^min of Corollary 5, eq. (29) [1/s].

    ``(D/R²) ln²(4Dτ_req/R²)``, which in the super-critical case
    (R² = K/(πλ_b)) is the printed ``(πλ_b D/K) ln²(K*_static/K)``. Zero
    when the static cluster already meets τ_req (4Dτ_req/R² <= 1); the
    printed formula would instead grow again for K > K*_static.
    """
    r = np.asarray(radius_m, dtype=float)
    ratio = 4.0 * diffusion * required_mtlt_s / (r * r)
    log_ratio = np.log(np.maximum(ratio, 1.0))
    return (diffusion / (r * r)) * log_ratio * log_ratio


def min_handover_rate_exact(
    radius_m: ArrayLike, required_mtlt_s: float, diffusion: float
) -> NDArray[np.float64]:
    """Exact ν_h^min [1/s]: the root of eq. (26) = τ_req, vectorised over R.

    Solves ln g(x) = ln(τ_req D/R²) for x = R√(ν_h/D) (g is increasing), then
    ν_h = x² D/R². Zero where R²/(4D) >= τ_req (no handover needed).
    """
    r = np.atleast_1d(np.asarray(radius_m, dtype=float))
    target = required_mtlt_s * diffusion / (r * r)
    needs = target > 0.25
    log_target = np.log(np.where(needs, target, 1.0))
    hi = 2.0 * np.maximum(log_target, 0.0) + 20.0
    result = np.zeros_like(r)
    if np.any(needs):
        lt = log_target[needs]
        sol = elementwise.find_root(
            lambda x, lt: log_bessel_growth(x) - lt,
            (np.zeros_like(lt), hi[needs]),
            args=(lt,),
            tolerances={"xrtol": 4 * np.finfo(float).eps, "xatol": 0.0},
        )
        if not np.all(sol.success):
            raise NumericalError(
                f"exact ν_h^min root finding failed for radius {r[needs][~sol.success]} m"
            )
        # the bracket end where ln g >= target: the returned rate never undershoots
        left, right = sol.bracket
        f_right = sol.f_bracket[1]
        x = np.where(sol.f_x >= 0.0, sol.x, np.where(f_right >= 0.0, right, left))
        result[needs] = x**2 * diffusion / (r[needs] ** 2)
    return result if np.ndim(radius_m) else result.reshape(())
