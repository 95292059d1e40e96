"""The kinematic/reliability part of the design: (K, ν_h) without blocking.

Theorem 1' (static) and Theorem 1'-DYN (dynamic) choose the cluster that
meets the kinematic constraint at the least per-target commitment
J = K(1 + ν_h τ_ho). Blocking and the beam are handled by the problems; the
capacity ceilings (Theorems 3, 3-DYN) need exactly this part.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from isac_designer.designer import cluster_size
from isac_designer.designer.model import NetworkModel
from isac_designer.designer.numerics import ceil_int, first_true
from isac_designer.designer.regimes import dynamic_regime
from isac_designer.designer.tiers import Tier
from isac_designer.errors import NumericalError

MAX_ENUMERATED_CLUSTERS = 1_000_000
"""Most cluster sizes an exact enumeration will consider."""


@dataclass(frozen=True)
class ClusterChoice:
    """A cluster size and handover rate with its per-target commitment.

    Attributes
    ----------
    K : int
        Cluster size.
    nu_h : float
        Handover rate [1/s].
    commitment : float
        J = K(1 + ν_h τ_ho), BSs committed per target.
    regime : str
        Theorem 1'-DYN regime ``"i"``, ``"ii"``, ``"iii"`` (dynamic) or
        ``"static"``.
    """

    K: int
    nu_h: float
    commitment: float
    regime: str


def static_cluster(model: NetworkModel, tier: Tier, floor: int) -> ClusterChoice | None:
    """Theorem 1' eq. (37) with the floor: max(K*, floor), or None if no K works.

    Sub-critical networks (Q < c*) have a K-independent MTLT R_max,1²/(4D): the
    floor is chosen if that meets τ_req, otherwise nothing does.
    """
    if model.supercritical(tier):
        k = max(model.static_cluster_size(tier), floor)
    elif float(model.static_mtlt(1, tier)) >= model.required_mtlt(tier):
        k = floor
    else:
        return None
    return ClusterChoice(k, 0.0, float(k), "static")


def dynamic_cluster_paper(model: NetworkModel, floor: int) -> ClusterChoice | None:
    """Theorem 1'-DYN eq. (46) as printed, with K_min (45) rounded up.

    Super-critical: regime (i) if ν_h^max >= ν_h^min(1); (ii) if
    π λ_b D/K*_static < ν_h^max < ν_h^min(1); (iii) otherwise; ν_h^min from
    Corollary 5. Two corrections keep the printed rule from contradicting
    itself: regime (ii) never returns a cluster larger than regime (iii)'s
    (which needs no handover) — (45) replaces ln(K*/K) by ln K* and can
    exceed K*_static near the (ii)/(iii) boundary — and a sub-critical
    network (where (46) does not apply) gets the floor with Corollary 5's
    rate for the K-independent range R_max,1. None when that rate exceeds
    ν_h^max.
    """
    s = model.scenario
    nu_max = s.max_handover_rate
    if not model.supercritical(Tier.PAPER):
        k = max(1, floor)
        nu = float(model.min_handover_rate(k, Tier.PAPER))
        if nu > nu_max:
            return None
        return ClusterChoice(k, nu, k * (1.0 + nu * s.handover_cost), "i")
    requirement = model.static_requirement(Tier.PAPER)
    static_k = max(model.static_cluster_size(Tier.PAPER), floor)
    rich = cluster_size.handover_rich_rate_paper(s.bs_density, s.diffusion, requirement)
    starved = cluster_size.handover_starved_rate_paper(s.bs_density, s.diffusion, requirement)
    k_min = (
        cluster_size.min_cluster_size_paper(s.bs_density, s.diffusion, requirement, nu_max)
        if starved < nu_max < rich
        else math.inf
    )
    if nu_max >= rich:
        k = max(1, floor)
        nu = float(model.min_handover_rate(k, Tier.PAPER))
        regime = "i"
    elif math.isfinite(k_min) and max(ceil_int(k_min), floor) < static_k:
        k = max(ceil_int(k_min), floor)
        nu = nu_max
        regime = "ii"
    else:
        k, nu, regime = static_k, 0.0, "iii"
    return ClusterChoice(k, nu, k * (1.0 + nu * s.handover_cost), regime)


def cluster_search_limit(model: NetworkModel, tier: Tier, floor: int) -> int:
    """Largest K worth enumerating: beyond it ν_h = 0 already works and J only grows."""
    if model.supercritical(tier):
        return max(floor, model.static_cluster_size(tier))
    return floor


def enumeration_limit_error(k_hi: int, prefix: str = "") -> NumericalError:
    """The error for a K range too long to enumerate, with the way out."""
    return NumericalError(
        f"{prefix}the exact optimum may need any K up to K*_static = {k_hi}, more than the "
        f"{MAX_ENUMERATED_CLUSTERS} cluster sizes an enumeration checks; "
        "'--tier paper --method staged' (closed form) still answers, or relax the QoS "
        "(qos_fraction, eps_micro)"
    )


def check_enumerable(floor: int, k_hi: int) -> int:
    """``k_hi`` if K = floor..k_hi can be enumerated, else a NumericalError saying why."""
    if k_hi - floor + 1 > MAX_ENUMERATED_CLUSTERS:
        raise enumeration_limit_error(k_hi)
    return k_hi


@dataclass(frozen=True)
class ClusterTable:
    """Every K worth considering with its least handover rate.

    Attributes
    ----------
    K : ndarray
        Cluster sizes floor..:func:`cluster_search_limit` (as floats).
    nu_h : ndarray
        ν_h^min(K) [1/s] from the tier's kinematic inversion.
    feasible : ndarray of bool
        ν_h^min(K) <= ν_h^max.
    """

    K: NDArray[np.float64]
    nu_h: NDArray[np.float64]
    feasible: NDArray[np.bool_]


def cluster_table(model: NetworkModel, tier: Tier, floor: int) -> ClusterTable:
    """ν_h^min for every K from the floor to the search limit (vectorised roots).

    Raises
    ------
    NumericalError
        If that range holds more than :data:`MAX_ENUMERATED_CLUSTERS` sizes.
    """
    k_hi = check_enumerable(floor, cluster_search_limit(model, tier, floor))
    ks = np.arange(floor, k_hi + 1, dtype=float)
    nus = model.min_handover_rate(ks, tier)
    return ClusterTable(ks, nus, nus <= model.scenario.max_handover_rate)


def first_kinematic_cluster(model: NetworkModel, tier: Tier, floor: int, k_hi: int) -> int | None:
    """Smallest K in [floor, k_hi] with ν_h^min(K) <= ν_h^max (bisection), or None.

    ν_h^min(K) does not increase with K (a larger footprint needs fewer resets).
    """
    nu_max = model.scenario.max_handover_rate
    return first_true(floor, k_hi, lambda k: float(model.min_handover_rate(k, tier)) <= nu_max)


def commitment_table(model: NetworkModel, tier: Tier, floor: int) -> ClusterTable | None:
    """The part of :func:`cluster_table` that can hold the least commitment J.

    From the first kinematically feasible K_1 (smaller K cannot meet τ_req) to
    J(K_1) = K_1(1 + ν_h^min(K_1) τ_ho) (a larger K has J >= K > J(K_1)), capped
    at the search limit; None when no K is kinematically feasible.
    """
    k_hi = cluster_search_limit(model, tier, floor)
    k_first = first_kinematic_cluster(model, tier, floor, k_hi)
    if k_first is None:
        return None
    nu_first = float(model.min_handover_rate(k_first, tier))
    bound = k_first * (1.0 + nu_first * model.scenario.handover_cost)
    k_end = check_enumerable(k_first, min(k_hi, max(k_first, math.floor(bound))))
    ks = np.arange(k_first, k_end + 1, dtype=float)
    nus = model.min_handover_rate(ks, tier)
    return ClusterTable(ks, nus, nus <= model.scenario.max_handover_rate)


def dynamic_cluster_exact(
    model: NetworkModel, tier: Tier, floor: int, table: ClusterTable | None = None
) -> ClusterChoice | None:
    """min over K >= floor of J = K(1 + ν_h^min(K) τ_ho) s.t. ν_h^min(K) <= ν_h^max.

    Enumerates :func:`commitment_table` (or the given ``table``, e.g. a full
    :func:`cluster_table` to reuse). None when no K meets the kinematic
    constraint within ν_h^max.

    Raises
    ------
    NumericalError
        If that range holds more than :data:`MAX_ENUMERATED_CLUSTERS` sizes.
    """
    s = model.scenario
    table = table or commitment_table(model, tier, floor)
    if table is None:
        return None
    ks, nus, feasible = table.K, table.nu_h, table.feasible
    if not np.any(feasible):
        return None
    commitment = np.where(feasible, ks * (1.0 + nus * s.handover_cost), math.inf)
    best = int(np.argmin(commitment))
    k, nu = int(ks[best]), float(nus[best])
    # K − 1 misses ν_h^max: it is before the table (which then starts after the floor)
    # or an infeasible entry of it
    ceiling_binds = k > floor and (best == 0 or not bool(feasible[best - 1]))
    regime = dynamic_regime(
        k_at_floor=k == floor, nu_at_zero=nu == 0.0, ceiling_binds=ceiling_binds
    )
    return ClusterChoice(k, nu, float(commitment[best]), regime)
