"""Sensing-capacity ceilings: Theorem 3 (38), Theorem 3-DYN (47), crossovers (48).

Under the per-BS mean-load surrogate ρ_0 (1 + ν_h τ_ho) K λ_T/λ_b <= ρ_max the
largest sustainable target density is ρ_max λ_b/(ρ_0 J), where
J = K (1 + ν_h τ_ho) is the per-target BS commitment. Under the strict tail
P_block <= ε_macro it is N̄*(M_max, ε_macro) λ_b/K instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize

from isac_designer.designer.lifetime import cluster_radius, min_handover_rate_exact
from isac_designer.designer.traffic import admissible_load
from isac_designer.errors import NumericalError


def mean_load_ceiling(
    bs_density: ArrayLike, rho_max: float, rho0: float, commitment: ArrayLike
) -> NDArray[np.float64]:
    """λ_T^max = ρ_max λ_b/(ρ_0 J) [targets/m²] under the mean-load surrogate.

    Parameters
    ----------
    bs_density : array_like
        λ_b [1/m²].
    rho_max, rho0 : float
        Per-BS budget and per-commitment resource.
    commitment : array_like
        J = K(1 + ν_h τ_ho), BSs committed per target (dimensionless).
    """
    return (
        rho_max * np.asarray(bs_density, dtype=float) / (rho0 * np.asarray(commitment, dtype=float))
    )


def static_plateau_paper(
    rho_max: float,
    sojourn_rate: float,
    eps_micro: float,
    diffusion: float,
    qos_fraction: float,
    rho0: float,
) -> float:
    """λ_T^max = ρ_max μ_sj ε_micro/(4π D η ρ_0) [targets/m²], eq. (38), ε ≪ 1 form.

    Table I: 2.6526e-4 /m² = 265.26 targets/km² (the paper's "≈ 265").
    """
    return rho_max * sojourn_rate * eps_micro / (4.0 * math.pi * diffusion * qos_fraction * rho0)


def static_plateau_exact(
    rho_max: float,
    sojourn_rate: float,
    eps_micro: float,
    diffusion: float,
    qos_fraction: float,
    rho0: float,
) -> float:
    """Eq. (38) with −ln(1 − ε_micro) for ε_micro (continuous K): 266.60 /km² for Table I."""
    return static_plateau_paper(
        rho_max, sojourn_rate, -math.log1p(-eps_micro), diffusion, qos_fraction, rho0
    )


def dynamic_commitment_paper(
    bs_density: ArrayLike,
    diffusion: float,
    handover_cost_s: float,
    static_requirement: ArrayLike,
    reliability_floor: int,
) -> NDArray[np.float64]:
    """J = K_rel + π λ_b D τ_ho ln²(K*_static/K_rel), the denominator of eq. (47).

    The overhead term vanishes when K*_static <= K_rel (no handover needed).
    """
    lam = np.asarray(bs_density, dtype=float)
    ratio = np.asarray(static_requirement, dtype=float) / reliability_floor
    log_ratio = np.log(np.maximum(ratio, 1.0))
    return reliability_floor + math.pi * lam * diffusion * handover_cost_s * log_ratio**2


def strict_ceiling(
    bs_density: ArrayLike, cluster_size: ArrayLike, capacity: ArrayLike, eps_macro: float
) -> NDArray[np.float64]:
    """λ_T^max under P(N > M_max) <= ε_macro: N̄*(M_max, ε) λ_b/K [targets/m²]."""
    return (
        admissible_load(capacity, eps_macro)
        * np.asarray(bs_density, dtype=float)
        / np.asarray(cluster_size, dtype=float)
    )


def static_crossover_density(
    reliability_floor: int, diffusion: float, required_mtlt_s: float
) -> float:
    """λ_b^{c,static} [1/m²]: where the static requirement 4πλ_b Dτ_req reaches K_rel.

    Paper tier (τ_req = η/(μ ε)): 7.958e-5 /m² = 79.58 BS/km² ("≈ 80").
    """
    return reliability_floor / (4.0 * math.pi * diffusion * required_mtlt_s)


def dynamic_crossover_density_paper(
    reliability_floor: int, diffusion: float, handover_cost_s: float, required_mtlt_s: float
) -> float:
    """λ_b^{c,dyn} of eq. (48) [1/m²]: K_rel = π λ D τ_ho ln²(4πλDτ_req/K_rel)."""

    def residual(log_lam: float) -> float:
        lam = math.exp(log_lam)
        log_ratio = math.log(4.0 * math.pi * lam * diffusion * required_mtlt_s / reliability_floor)
        return math.pi * lam * diffusion * handover_cost_s * log_ratio**2 - reliability_floor

    return _grow_root(
        residual, static_crossover_density(reliability_floor, diffusion, required_mtlt_s) * math.e
    )


def dynamic_crossover_density_exact(
    reliability_floor: int, diffusion: float, handover_cost_s: float, required_mtlt_s: float
) -> float:
    """Exact counterpart of (48) [1/m²]: the density where K_rel ν_h^min τ_ho = K_rel.

    ν_h^min is the exact Bessel root at K = K_rel, so the overhead term of (47)
    equals the reliability term when ν_h^min(K_rel) = 1/τ_ho.
    """
    if handover_cost_s == 0.0:
        return math.inf

    def residual(log_lam: float) -> float:
        radius = float(cluster_radius(reliability_floor, math.exp(log_lam)))
        nu = float(min_handover_rate_exact(radius, required_mtlt_s, diffusion))
        return nu * handover_cost_s - 1.0

    return _grow_root(
        residual, static_crossover_density(reliability_floor, diffusion, required_mtlt_s)
    )


def _grow_root(residual: Callable[[float], float], start: float) -> float:
    """Root of an increasing ``residual(ln λ)`` at or above ``start`` [1/m²]; inf if none."""
    lo = math.log(start)
    if residual(lo) >= 0.0:
        raise NumericalError(f"crossover density is below the bracket start {start:g} /m²")
    hi = lo + 1.0
    while residual(hi) < 0.0:
        lo, hi = hi, hi + 1.0
        if hi - math.log(start) > 200.0:
            return math.inf
    return math.exp(optimize.brentq(residual, lo, hi, xtol=1e-14, rtol=1e-13))
