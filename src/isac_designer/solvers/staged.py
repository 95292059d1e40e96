"""The paper's closed-form staged solution (Sec. V-D), in paper and exact tiers.

(i) the cluster (K, ν_h) from Theorem 1' (37) / Theorem 1'-DYN (46). In the
exact tier, stage (i) minimises the per-target cost the proof of
Theorem 1'-DYN writes down, 𝒥(K) = K ρ_0 (1 + ν_h^min(K) τ_ho), over K with
the exact Bessel ν_h^min(K) <= ν_h^max — the paper concludes K = K_rel only
after approximating the second term as constant in K;
(ii) θ_m* = argmax R̄ clipped at min(θ_max, θ_crit); (iii) ρ_0 on its lower
bound, and every constraint checked at that design. Unlike the exhaustive
solver, the staged recipe does not revisit K when blocking fails there.
"""

from __future__ import annotations

from isac_designer.designer.cluster_design import (
    cluster_search_limit,
    dynamic_cluster_exact,
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
        else:
            if tier is Tier.PAPER:
                choice = dynamic_cluster_paper(model, floor)
                rule = "Theorem 1'-DYN (46)"
            else:
                choice = dynamic_cluster_exact(model, tier, floor)
                rule = "least exact commitment K(1 + ν_h^min(K) τ_ho)"
            if choice is None:
                k_hi = cluster_search_limit(model, tier, floor)
                needed = float(spec.min_handover_rate(k_hi))
                return Candidate(None, kinematic_reason(spec, needed, nu_max), tuple(log))
            k, nu = choice.K, choice.nu_h
            log.append(f"stage (i): {rule}, regime ({choice.regime}): K = {k}, ν_h = {nu:.6g} 1/s")
        beam = choose_beamwidth(spec)
        log.append(beam.log)
        if beam.theta is None:
            return Candidate(None, beam.reason, tuple(log))
        design = Design(K=k, nu_h=nu, theta_m=beam.theta, rho0=spec.variable("rho0").lower)
        point = design.as_point()
        broken = [c for c in spec.constraints if not bool(c.satisfied(point))]
        if broken:
            con = broken[0]
            return Candidate(
                None,
                (
                    f"{con.name}: {float(con.value(point)):.4g}{_unit(con.unit)} breaks "
                    f"{con.sense} {con.bound:g}{_unit(con.unit)} {con.equation} at the staged "
                    "cluster "
                    f"K = {k}, ν_h = {nu:.4g} 1/s, even with ρ_0 on its lower bound"
                ),
                tuple(log),
            )
        log.append("stage (iii): ρ_0 on its lower bound; every constraint holds")
        return Candidate(design, None, tuple(log))


def _unit(unit: str) -> str:
    """ " s", " 1/s" …; nothing for a dimensionless quantity (unit "1" or "")."""
    return "" if unit in ("", "1", "-") else f" {unit}"
