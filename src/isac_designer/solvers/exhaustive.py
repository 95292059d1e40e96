"""Exhaustive reference solver: enumerate K, solve the rest exactly.

For every K from the floor to the search limit (beyond which ν_h = 0 already
meets τ_req and Ĉ only falls with K): ν_h = ν_h^min(K) (the kinematic
constraint is increasing in ν_h and Ĉ decreasing, so the least feasible rate
is optimal; exact Bessel root via scipy), θ_m from the beam stage (θ_m enters
Ĉ only through R̄), ρ_0 on its lower bound (Ĉ falls and P_block rises with
ρ_0). Every constraint is then evaluated for all K at once and the feasible
K with the largest Ĉ wins.

Two bounds keep the enumeration short (see :meth:`ExhaustiveSolver.search`):
K below the first kinematically feasible one is skipped (bisection), and K
above the best feasible commitment J = K(1 + ν_h τ_ho) cannot win, since Ĉ
falls with J and J >= K. At Table I with ε_micro = 3e-9 that is 1 024 cluster
sizes instead of K*_static = 1 256 638.
"""

from __future__ import annotations

import numpy as np

from isac_designer.designer.cluster_design import (
    MAX_ENUMERATED_CLUSTERS,
    cluster_search_limit,
    enumeration_limit_error,
)
from isac_designer.designer.numerics import first_true
from isac_designer.formulations.spec import Design, ProblemSpec
from isac_designer.solvers.base import (
    Candidate,
    Solver,
    choose_beamwidth,
    kinematic_reason,
    subcritical_reason,
)

_FIRST_CHUNK = 1_024
_MAX_CHUNK = 131_072
"""Cluster sizes evaluated at once: 1024 first (the commitment bound usually stops
there), doubling up to 131 072."""


class ExhaustiveSolver(Solver):
    """Enumerate every admissible K; the reference optimum."""

    name = "exhaustive"
    description = "enumerate integer K, solve ν_h, θ_m, ρ_0 exactly for each (reference)"

    def search(self, spec: ProblemSpec) -> Candidate:
        """Enumerate K; see the module docstring.

        K below the first one that meets the kinematic constraint (found by
        bisection) cannot be feasible. Upwards, Ĉ depends on K only through the
        commitment J = K(1 + ν_h τ_ho) >= K, so once a feasible K has
        commitment J, no K > J can beat it: the enumeration (in chunks) stops
        there. Only when neither bound applies within
        :data:`~isac_designer.designer.cluster_design.MAX_ENUMERATED_CLUSTERS`
        sizes does it give up (NumericalError).
        """
        log: list[str] = []
        floor = spec.cluster_floor
        k_limit = cluster_search_limit(spec.model, spec.tier, floor)
        nu_max = spec.variable("nu_h").upper if spec.has_handover else 0.0
        k_first = first_true(floor, k_limit, lambda k: float(spec.min_handover_rate(k)) <= nu_max)
        if k_first is None:
            # P2 always meets τ_req at K*_static when super-critical, so a static
            # infeasibility is the sub-critical one.
            log.append(f"no K in {floor}..{k_limit} meets the kinematic constraint")
            reason = (
                kinematic_reason(spec, float(spec.min_handover_rate(k_limit)), nu_max)
                if spec.has_handover
                else subcritical_reason(spec)
            )
            return Candidate(None, reason, tuple(log))
        beam = choose_beamwidth(spec)
        log.append(beam.log)
        if beam.theta is None:
            return Candidate(None, beam.reason, tuple(log))
        rho0 = spec.variable("rho0").lower
        tau_ho = spec.model.scenario.handover_cost if spec.has_handover else 0.0
        best: tuple[float, Design, float] | None = None  # (Ĉ, design, commitment J)
        worst_blocking = np.inf
        start, n_feasible, chunk = k_first, 0, _FIRST_CHUNK
        while start <= k_limit:
            end = min(start + chunk - 1, k_limit)
            if end - k_first + 1 > MAX_ENUMERATED_CLUSTERS:
                raise enumeration_limit_error(
                    k_limit, f"no cluster size in K = {k_first}..{start - 1} is feasible, and "
                )
            chunk = min(2 * chunk, _MAX_CHUNK)
            ks = np.arange(start, end + 1, dtype=float)
            nus = np.asarray(spec.min_handover_rate(ks), dtype=float)
            kinematic_ok = nus <= nu_max
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
            if np.any(kinematic_ok):
                blocking = spec.constraint("blocking").value(point)[kinematic_ok]
                worst_blocking = min(worst_blocking, float(np.min(blocking)))
            if np.any(feasible):
                n_feasible += int(feasible.sum())
                objective = np.where(feasible, spec.objective(point), -np.inf)
                i = int(np.argmax(objective))
                if best is None or objective[i] > best[0]:
                    design = Design(
                        K=int(ks[i]), nu_h=float(nu_used[i]), theta_m=beam.theta, rho0=rho0
                    )
                    best = (float(objective[i]), design, float(ks[i] * (1.0 + nu_used[i] * tau_ho)))
            if best is not None and end + 1 > best[2]:
                break  # every larger K has commitment J >= K > J_best
            start = end + 1
        beyond = (
            "cannot beat the best commitment"
            if end < k_limit
            else "need no more than ν_h = 0 and only cost more"
        )
        log.append(
            f"enumerated K = {k_first}..{end} (K < {k_first} miss the kinematic constraint, "
            f"K > {end} {beyond}): {n_feasible} feasible"
        )
        if best is None:
            bound = spec.constraint("blocking").bound
            return Candidate(
                None,
                (
                    f"blocking: every cluster that meets the kinematic constraint has "
                    f"P_block >= {worst_blocking:.4g} > ε_macro = {bound:g} "
                    "(ρ_0 on its lower bound)"
                ),
                tuple(log),
            )
        log.append(f"best: K = {best[1].K}")
        return Candidate(best[1], None, tuple(log))
