"""Capacity ceilings for one scenario in every tier: Theorems 3 and 3-DYN.

============  ====================================  ========================================
tier          static (Theorem 3, eq. (38))          dynamic (Theorem 3-DYN, eq. (47))
============  ====================================  ========================================
paper         ρ_max λ_b/(ρ_0 max(K*, K_rel)),        ρ_max λ_b/(ρ_0 [K_rel + πλDτ_ho ln²(K*/K_rel)])
              K* = 4πηλ_b D/(μ ε) continuous
exact         ρ_max λ_b/(ρ_0 K*), K* integer         ρ_max λ_b/(ρ_0 min_K K(1 + ν_h^min(K) τ_ho)),
              from ln(1−ε) (37)                      exact Bessel ν_h^min, ν_h <= ν_h^max
strict        N̄*(M_max, ε_macro) λ_b/K*             N̄*(⌊ρ_max/ρ_eff⌋, ε_macro) λ_b/K
              (Poisson quantile, no mean-load)
============  ====================================  ========================================

A ceiling is None (JSON null) when no cluster meets the kinematic constraint.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from isac_designer.designer import capacity, traffic
from isac_designer.designer.cluster_design import (
    MAX_ENUMERATED_CLUSTERS,
    ClusterChoice,
    ClusterTable,
    cluster_search_limit,
    cluster_table,
    dynamic_cluster_exact,
    dynamic_cluster_paper,
    static_cluster,
)
from isac_designer.designer.hysteresis import hysteresis_margin_printed
from isac_designer.designer.model import NetworkModel
from isac_designer.designer.tiers import Tier
from isac_designer.errors import NumericalError


@dataclass(frozen=True)
class TierValue:
    """One quantity in up to three tiers (None: undefined, with a reason)."""

    paper: float | None
    exact: float | None
    strict: float | None = None
    reason: str | None = None


@dataclass(frozen=True)
class CapacityCeilings:
    """Static and dynamic sensing-capacity ceilings at one BS density.

    All densities are per m² (SI); reports convert to per km².

    Attributes
    ----------
    bs_density : float
        λ_b [1/m²].
    bs_density_per_km2 : float
        λ_b as the scenario file states it [BS/km²] (reports echo this one, so
        495.7 does not come back as 495.69999999999993).
    static, dynamic : TierValue
        λ_T^max [targets/m²].
    gap : TierValue
        dynamic/static ratio.
    static_requirement : TierValue
        Continuous K*_static = 4πλ_b Dτ_req.
    static_cluster : TierValue
        Static design K (with the reliability floor where it applies).
    dynamic_cluster : TierValue
        Dynamic design K.
    reliability_floor : int
        K_rel.
    nu_h_min : TierValue
        ν_h^min(K_rel) [1/s] (Corollary 5 / exact root).
    hysteresis_margin : TierValue
        Δr* at ν_h^min(K_rel) [m] (paper: corrected Remark 5; exact).
    hysteresis_margin_printed : float or None
        Remark 5's Δr* exactly as printed (missing √K_rel) [m].
    commitment_ratio : TierValue
        Static K / dynamic K (the "13×").
    """

    bs_density: float
    bs_density_per_km2: float
    static: TierValue
    dynamic: TierValue
    gap: TierValue
    static_requirement: TierValue
    static_cluster: TierValue
    dynamic_cluster: TierValue
    reliability_floor: int
    nu_h_min: TierValue
    hysteresis_margin: TierValue
    hysteresis_margin_printed: float | None
    commitment_ratio: TierValue


def _values(
    paper: float | None,
    exact: float | None,
    strict: float | None = None,
    *,
    reason: str,
    with_strict: bool = False,
) -> TierValue:
    """A TierValue that carries ``reason`` only when one of its values is undefined
    (``strict`` counts only for the three-tier values, ``with_strict``)."""
    undefined = paper is None or exact is None or (with_strict and strict is None)
    return TierValue(paper, exact, strict, reason if undefined else None)


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0.0:
        return None
    return a / b


def _static_commitment_paper(model: NetworkModel, floor: int) -> float | None:
    """Theorem 3's static commitment: max(K*_static, floor) with the continuous K* of
    (38) when super-critical; the floor when a sub-critical single BS meets τ_req."""
    choice = static_cluster(model, Tier.PAPER, floor)
    if choice is None:
        return None
    if model.supercritical(Tier.PAPER):
        return max(model.static_requirement(Tier.PAPER), float(floor))
    return float(floor)


def _mean_load(model: NetworkModel, commitment: float | None) -> float | None:
    """ρ_max λ_b/(ρ_0 J), or None for an undefined commitment."""
    if commitment is None:
        return None
    s = model.scenario
    return float(capacity.mean_load_ceiling(s.bs_density, s.rho_max, s.rho0, commitment))


def _strict_dynamic_ceiling(model: NetworkModel, table: ClusterTable) -> float | None:
    """Best strict ceiling over every K (with its exact ν_h^min <= ν_h^max).

    The mean-load optimum need not be the strict one: ⌊ρ_max/ρ_eff⌋ drops by
    one as soon as ν_h > 0, so a larger cluster without handover can carry
    more. The range includes K*_static with ν_h = 0, so this is never below
    the static strict ceiling at the same floor.
    """
    s = model.scenario
    ks, nus, ok = table.K, table.nu_h, table.feasible
    if not np.any(ok):
        return None
    m = traffic.max_commitments(
        s.rho_max, traffic.effective_resource(s.rho0, np.where(ok, nus, 0.0), s.handover_cost)
    )
    ceilings = capacity.strict_ceiling(s.bs_density, ks, m, s.eps_macro)
    return float(np.max(np.where(ok, ceilings, -np.inf)))


def capacity_ceilings(model: NetworkModel) -> CapacityCeilings:
    """Every ceiling of Theorems 3 / 3-DYN for the model's scenario."""
    s = model.scenario
    lam = s.bs_density
    k_rel = model.reliability_floor
    static_floor = k_rel if s.reliability_floor_in_p2 else 1
    m0 = float(traffic.max_commitments(s.rho_max, s.rho0))

    # --- paper tier: continuous K*_static in (38); (46)'s cluster in (47)
    req_paper = model.static_requirement(Tier.PAPER)
    static_commit_paper = _static_commitment_paper(model, static_floor)
    static_paper = _mean_load(model, static_commit_paper)
    # Remark 6: the static cluster at K >= K_rel is the ν_h = 0 corner of the dynamic
    # framework, so the dynamic ceiling is never below it; in regime (i) the (46)
    # cluster's commitment K_rel(1 + ν_h^min τ_ho) is exactly the denominator of (47).
    dyn_paper_choice = dynamic_cluster_paper(model, k_rel)
    candidates = [
        c
        for c in (
            None if dyn_paper_choice is None else dyn_paper_choice.commitment,
            _static_commitment_paper(model, k_rel),
        )
        if c is not None
    ]
    dynamic_paper = _mean_load(model, min(candidates) if candidates else None)

    # --- exact tier: integer clusters, exact Bessel rates
    st: ClusterChoice | None = static_cluster(model, Tier.EXACT, static_floor)
    too_many: str | None = None
    try:
        table = cluster_table(model, Tier.EXACT, k_rel)
        dy = dynamic_cluster_exact(model, Tier.EXACT, k_rel, table)
        dynamic_strict = _strict_dynamic_ceiling(model, table)
    except NumericalError:
        # the strict ceiling needs every K; the least commitment needs only those up to
        # the first feasible K's commitment (commitment_table)
        dynamic_strict = None
        too_many = (
            f"the strict dynamic ceiling needs ν_h^min at every K up to K*_static = "
            f"{cluster_search_limit(model, Tier.EXACT, k_rel)}, more than the "
            f"{MAX_ENUMERATED_CLUSTERS} cluster sizes an enumeration checks"
        )
        try:
            dy = dynamic_cluster_exact(model, Tier.EXACT, k_rel)
        except NumericalError:
            dy = None
    static_exact = _mean_load(model, None if st is None else st.commitment)
    dynamic_exact = _mean_load(model, None if dy is None else dy.commitment)
    # --- strict tier: the Poisson tail instead of the mean load
    static_strict = (
        None if st is None else float(capacity.strict_ceiling(lam, st.K, m0, s.eps_macro))
    )

    nu_paper = float(model.min_handover_rate(k_rel, Tier.PAPER))
    nu_exact = float(model.min_handover_rate(k_rel, Tier.EXACT))
    dr_paper = float(model.hysteresis_margin(nu_paper, Tier.PAPER))
    dr_exact = float(model.hysteresis_margin(nu_exact, Tier.EXACT))
    dr_printed = hysteresis_margin_printed(lam, req_paper, k_rel)
    no_handover = "ν_h^min(K_rel) = 0 in that tier: the static cluster at K_rel meets τ_req"
    infeasible = too_many or "no cluster size meets the kinematic constraint"
    static_k_paper = (
        None
        if static_commit_paper is None
        else float(max(model.static_cluster_size(Tier.PAPER), static_floor))
    )
    static_k_exact = None if st is None else float(st.K)
    dynamic_k_exact = None if dy is None else float(dy.K)
    dynamic_k_paper = None if dyn_paper_choice is None else float(dyn_paper_choice.K)
    return CapacityCeilings(
        bs_density=lam,
        bs_density_per_km2=s.bs_density_per_km2,
        static=_values(
            static_paper, static_exact, static_strict, reason=infeasible, with_strict=True
        ),
        dynamic=_values(
            dynamic_paper, dynamic_exact, dynamic_strict, reason=infeasible, with_strict=True
        ),
        gap=_values(
            _ratio(dynamic_paper, static_paper),
            _ratio(dynamic_exact, static_exact),
            _ratio(dynamic_strict, static_strict),
            reason=infeasible,
            with_strict=True,
        ),
        static_requirement=TierValue(req_paper, model.static_requirement(Tier.EXACT)),
        static_cluster=_values(static_k_paper, static_k_exact, reason=infeasible),
        dynamic_cluster=_values(dynamic_k_paper, dynamic_k_exact, reason=infeasible),
        reliability_floor=k_rel,
        nu_h_min=TierValue(nu_paper, nu_exact),
        hysteresis_margin=_values(
            None if math.isinf(dr_paper) else dr_paper,
            None if math.isinf(dr_exact) else dr_exact,
            reason=no_handover,
        ),
        hysteresis_margin_printed=None if math.isinf(dr_printed) else dr_printed,
        commitment_ratio=_values(
            _ratio(static_commit_paper, dynamic_k_paper),
            _ratio(static_k_exact, dynamic_k_exact),
            reason=infeasible,
        ),
    )
