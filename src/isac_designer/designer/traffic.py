"""Target traffic, QoS time and blocking: eqs. (30), (31), (39), (49), c_macro.

Targets form an M/M/∞ population of density λ_T; each target commits K BSs,
so a BS serves a Poisson number of commitments with mean K λ_T/λ_b and can
hold M_max = ⌊ρ_max/ρ_eff⌋ of them.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special, stats

from isac_designer.designer.numerics import safe_floor


def qos_time(qos_fraction: float, sojourn_rate: float) -> float:
    """T_req = η/μ_sj [s], eq. (30)."""
    return qos_fraction / sojourn_rate


def required_mtlt_exact(qos_time_s: float, eps_micro: float) -> float:
    """τ_req = −T_req / ln(1 − ε_micro) [s], eq. (49) exact.

    Inverts the exponential-tail surrogate P(t_loss >= T) ≈ exp(−T/E[t_loss]).
    """
    return -qos_time_s / math.log1p(-eps_micro)


def required_mtlt_paper(qos_time_s: float, eps_micro: float) -> float:
    """τ_req ≈ T_req/ε_micro [s], the ε_micro ≪ 1 limit of eq. (49)."""
    return qos_time_s / eps_micro


def effective_resource(
    rho0: ArrayLike, handover_rate: ArrayLike, handover_cost_s: float
) -> NDArray[np.float64]:
    """ρ_eff = ρ_0 (1 + ν_h τ_ho), eq. (39)."""
    return np.asarray(rho0, dtype=float) * (
        1.0 + np.asarray(handover_rate, dtype=float) * handover_cost_s
    )


def max_commitments(rho_max: float, rho_per_target: ArrayLike) -> NDArray[np.float64]:
    """M_max = ⌊ρ_max/ρ⌋, guarded against float rounding (0.3/0.1 -> 3, not 2)."""
    return safe_floor(rho_max / np.asarray(rho_per_target, dtype=float))


def mean_load(
    cluster_size: ArrayLike, target_density: float, bs_density: float
) -> NDArray[np.float64]:
    """N̄ = K λ_T/λ_b: mean number of targets a BS cooperates on (Sec. V-A)."""
    return np.asarray(cluster_size, dtype=float) * target_density / bs_density


def blocking_probability(load: ArrayLike, capacity: ArrayLike) -> NDArray[np.float64]:
    """P_block = P(N > M_max), N ~ Poisson(N̄), eq. (31).

    Evaluated as the regularised incomplete gamma (scipy ``pdtrc``), accurate
    far into the tail where ``1 − Σ`` would cancel to zero.
    """
    m = np.asarray(capacity, dtype=float)
    lam = np.asarray(load, dtype=float)
    return np.where(m < 0, 1.0, special.pdtrc(np.maximum(m, 0.0), lam))


def admissible_load(capacity: ArrayLike, eps_macro: float) -> NDArray[np.float64]:
    """Largest Poisson mean N̄ with P(N > M) <= ε_macro (the Poisson quantile).

    P(N > M) = P(M + 1, N̄) (regularised lower incomplete gamma), increasing
    in N̄, so N̄* = P^{-1}(M + 1, ε_macro).
    """
    m = np.asarray(capacity, dtype=float)
    return np.where(m < 0, 0.0, special.gammaincinv(np.maximum(m, 0.0) + 1.0, eps_macro))


def required_commitments(load: ArrayLike, eps_macro: float) -> NDArray[np.float64]:
    """Smallest M with P(N > M) <= ε_macro for N ~ Poisson(N̄)."""
    return np.asarray(
        stats.poisson.ppf(1.0 - eps_macro, np.asarray(load, dtype=float)), dtype=float
    )


def c_macro_paper(capacity: ArrayLike, eps_macro: float) -> NDArray[np.float64]:
    """c_macro = ((M+1)! ε_macro)^{1/(M+1)}/M, the paper's bound (Sec. V-B).

    It keeps only the first tail term N̄^{M+1}/(M+1)! and drops e^{−N̄}.
    M = 10, ε = 0.05 gives 0.3739 (the paper's ≈ 0.37).
    """
    m = np.asarray(capacity, dtype=float)
    return np.exp((special.gammaln(m + 2.0) + math.log(eps_macro)) / (m + 1.0)) / m


def c_macro_exact(capacity: ArrayLike, eps_macro: float) -> NDArray[np.float64]:
    """c_macro = N̄*(M, ε_macro)/M from the Poisson quantile (exact).

    The factor by which the mean-load ceiling must shrink for the true tail
    P(N > M) <= ε_macro to hold; M = 10, ε = 0.05 gives 0.6169.
    """
    m = np.asarray(capacity, dtype=float)
    return admissible_load(m, eps_macro) / m
