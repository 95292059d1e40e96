"""Exhaustive reference solver: enumerate K, solve the rest exactly.

For every K from the floor to the search limit (beyond which ν_h = 0 already
meets τ_req and Ĉ only falls with K): ν_h = ν_h^min(K) (the kinematic
constraint is increasing in ν_h and Ĉ decreasing, so the least feasible rate
is optimal; exact Bessel root via scipy), θ_m from the beam stage (θ_m enters
Ĉ only through R̄), ρ_0 on its lower bound (Ĉ falls and P_block rises with
ρ_0). Every constraint is then evaluated for all K at once and the feasible
K with the largest Ĉ wins.
"""

from __future__ import annotations

import numpy as np

from isac_designer.designer.cluster_design import check_enumerable, cluster_search_limit
from isac_designer.formulations.spec import Design, ProblemSpec
from isac_designer.solvers.base import (
    Candidate,
    Solver,
    choose_beamwidth,
    kinematic_reason,
    subcritical_reason,
)


class ExhaustiveSolver(Solver):
    """Enumerate every admissible K; the reference optimum."""

    name = "exhaustive"
    description = "enumerate integer K, solve ν_h, θ_m, ρ_0 exactly for each (reference)"

    def search(self, spec: ProblemSpec) -> Candidate:
        """Enumerate K; see the module docstring."""
        log: list[str] = []
        floor = spec.cluster_floor
        k_hi = check_enumerable(floor, cluster_search_limit(spec.model, spec.tier, floor))
        ks = np.arange(floor, k_hi + 1, dtype=float)
        nus = spec.min_handover_rate(ks)
        nu_max = spec.variable("nu_h").upper if spec.has_handover else 0.0
        kinematic_ok = nus <= nu_max
        log.append(
            f"enumerated K = {floor}..{k_hi}: "
            f"{int(kinematic_ok.sum())} meet the kinematic constraint"
        )
        if not np.any(kinematic_ok):
            # P2 always meets τ_req at K*_static when super-critical, so a static
            # infeasibility is the sub-critical one.
            reason = (
                kinematic_reason(spec, float(nus[-1]), nu_max)
                if spec.has_handover
                else subcritical_reason(spec)
            )
            return Candidate(None, reason, tuple(log))
        beam = choose_beamwidth(spec)
        log.append(beam.log)
        if beam.theta is None:
            return Candidate(None, beam.reason, tuple(log))
        rho0 = spec.variable("rho0").lower
        nu_used = np.where(kinematic_ok, nus, 0.0)
        point = {
            "K": ks,
            "nu_h": nu_used,
            "theta_m": np.full_like(ks, beam.theta),
            "rho0": np.full_like(ks, rho0),
        }
        feasible = kinematic_ok.copy()
        for con in spec.constraints:
            feasible &= con.satisfied(point)
        if not np.any(feasible):
            blocking = spec.constraint("blocking")
            worst = float(np.min(blocking.value(point)[kinematic_ok]))
            return Candidate(
                None,
                (
                    f"blocking: every cluster that meets the kinematic constraint has "
                    f"P_block >= {worst:.4g} > ε_macro = {blocking.bound:g} "
                    "(ρ_0 on its lower bound)"
                ),
                tuple(log),
            )
        objective = np.where(feasible, spec.objective(point), -np.inf)
        best = int(np.argmax(objective))
        log.append(f"best of {int(feasible.sum())} feasible clusters: K = {int(ks[best])}")
        design = Design(K=int(ks[best]), nu_h=float(nu_used[best]), theta_m=beam.theta, rho0=rho0)
        return Candidate(design, None, tuple(log))
