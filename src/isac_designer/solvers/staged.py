"""The paper's closed-form staged solution (Sec. V-D), in paper and exact tiers.

(i) the cluster (K, ν_h) from Theorem 1' (37) / Theorem 1'-DYN (46) — in the
exact tier, the smallest K >= floor whose exact ν_h^min(K) fits under
ν_h^max, with ν_h = ν_h^min(K), which is the paper's own argument ("K as small
as possible") without its asymptotics; (ii) θ_m* = argmax R̄ clipped at
min(θ_max, θ_crit); (iii) ρ_0 on its lower bound, blocking checked.
"""

from __future__ import annotations

import numpy as np

from isac_designer.designer.cluster_design import (
    cluster_search_limit,
    dynamic_cluster_paper,
    static_cluster,
)
from isac_designer.designer.tiers import Tier
from isac_designer.formulations.spec import Design, ProblemSpec
from isac_designer.solvers.base import (
    Candidate,
    Solver,
    choose_beamwidth,
    kinematic_reason,
    subcritical_reason,
)


class StagedSolver(Solver):
    """Closed-form staged recipe of Sec. V-D."""

    name = "staged"
    description = "the paper's closed-form staged solution (Sec. V-D), paper or exact formulas"

    def search(self, spec: ProblemSpec) -> Candidate:
        """Run stages (i)-(iii); see the module docstring."""
        log: list[str] = []
        model, tier = spec.model, spec.tier
        floor = spec.cluster_floor
        nu_max = spec.variable("nu_h").upper if spec.has_handover else 0.0
        if not spec.has_handover:
            choice = static_cluster(model, tier, floor)
            if choice is None:
                return Candidate(None, subcritical_reason(spec), tuple(log))
            k, nu = choice.K, 0.0
            log.append(f"stage (i): Theorem 1' (37) gives K = {k}")
        elif tier is Tier.PAPER:
            paper = dynamic_cluster_paper(model, floor)
            k, nu = paper.K, paper.nu_h
            log.append(
                f"stage (i): Theorem 1'-DYN (46) regime ({paper.regime}): "
                f"K = {k}, ν_h = {nu:.6g} 1/s"
            )
        else:
            k_hi = cluster_search_limit(model, tier, floor)
            ks = np.arange(floor, k_hi + 1, dtype=float)
            nus = spec.min_handover_rate(ks)
            ok = np.flatnonzero(nus <= nu_max)
            if ok.size == 0:
                return Candidate(None, kinematic_reason(spec, nus[-1], nu_max), tuple(log))
            k, nu = int(ks[ok[0]]), float(nus[ok[0]])
            log.append(
                f"stage (i): smallest K >= {floor} with exact ν_h^min(K) <= ν_h^max: "
                f"K = {k}, ν_h = {nu:.6g} 1/s"
            )
        beam = choose_beamwidth(spec)
        log.append(beam.log)
        if beam.theta is None:
            return Candidate(None, beam.reason, tuple(log))
        design = Design(K=k, nu_h=nu, theta_m=beam.theta, rho0=spec.variable("rho0").lower)
        blocking = spec.constraint("blocking")
        if not bool(blocking.satisfied(design.as_point())):
            value = float(blocking.value(design.as_point()))
            return Candidate(
                None,
                (
                    f"blocking: P_block = {value:.4g} > ε_macro = {blocking.bound:g} at the staged "
                    f"cluster K = {k} even with ρ_0 on its lower bound"
                ),
                tuple(log),
            )
        log.append("stage (iii): ρ_0 on its lower bound; blocking holds")
        return Candidate(design, None, tuple(log))
