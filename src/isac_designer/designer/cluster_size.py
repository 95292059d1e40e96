"""Cluster sizes: K*_static (37), K_rel (44), K_min (45), regime rates of (46)."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from isac_designer.designer.numerics import ceil_int, safe_ceil


def static_cluster_requirement(
    bs_density: ArrayLike, diffusion: float, required_mtlt_s: float
) -> NDArray[np.float64]:
    """The continuous K that meets τ_req statically: 4π λ_b D τ_req (Theorem 1').

    With the paper's τ_req = η/(μ_sj ε_micro) this is its
    K*_static = 4πηλ_b D/(μ_sj ε_micro); Table I gives 0.377 at 10 BS/km²
    ("≈ 0.4") and 37.70 at 1000 BS/km² ("≈ 40").
    """
    return 4.0 * math.pi * np.asarray(bs_density, dtype=float) * diffusion * required_mtlt_s


def static_optimal_cluster_size(requirement: ArrayLike) -> NDArray[np.float64]:
    """K* = min{K ∈ ℕ₊ : K/(4πλ_b D) >= τ_req} = max(1, ⌈4πλ_b D τ_req⌉), eq. (37).

    The paper prints a floor in (37), which violates the constraint it solves
    (⌊37.70⌋ = 37 gives 2944 s < 3000 s at 1000 BS/km²); its own set
    definition and Theorem 1'-DYN use the ceiling.
    """
    return np.maximum(1.0, safe_ceil(requirement))


def reliability_floor(link_availability: float, eps_rel: float) -> int:
    """K_rel = ⌈ln ε_rel / ln(1 − p_link)⌉, eq. (44); 1 when p_link = 1.

    The ratio is computed in float and snapped to an integer when within
    1e-9 of one: ln(1e-3)/ln(0.1) is 2.9999999999999996 in float64 and
    K_rel is 3.
    """
    if link_availability >= 1.0:
        return 1
    return max(1, ceil_int(math.log(eps_rel) / math.log1p(-link_availability)))


def reliability_failure_probability(
    link_availability: float, cluster_size: ArrayLike
) -> NDArray[np.float64]:
    """(1 − p_link)^K, the left side of eq. (42)."""
    return (1.0 - link_availability) ** np.asarray(cluster_size, dtype=float)


def min_cluster_size_paper(
    bs_density: float, diffusion: float, static_requirement: float, max_handover_rate: float
) -> float:
    """K_min(ν_h^max) ≈ π λ_b D ln²(K*_static)/ν_h^max, eq. (45) (continuous)."""
    if max_handover_rate == 0.0:
        return math.inf
    log_k = math.log(max(static_requirement, 1.0))
    return math.pi * bs_density * diffusion * log_k * log_k / max_handover_rate


def handover_rich_rate_paper(
    bs_density: float, diffusion: float, static_requirement: float
) -> float:
    """ν_h^min(1) = π λ_b D ln²(K*_static) [1/s], the regime (i)/(ii) boundary of (46).

    Zero when K*_static <= 1 (a single BS meets τ_req statically).
    """
    log_k = math.log(max(static_requirement, 1.0))
    return math.pi * bs_density * diffusion * log_k * log_k


def handover_starved_rate_paper(
    bs_density: float, diffusion: float, static_requirement: float
) -> float:
    """π λ_b D/K*_static [1/s], the regime (ii)/(iii) boundary of (46)."""
    return math.pi * bs_density * diffusion / static_requirement
