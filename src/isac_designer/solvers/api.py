"""``solve()``: one entry point for every problem, tier and backend."""

from __future__ import annotations

import time

from isac_designer.designer.model import NetworkModel
from isac_designer.designer.scenario import Scenario
from isac_designer.designer.scenario_io import assumption_lines
from isac_designer.designer.tiers import Tier
from isac_designer.errors import NumericalError, SolverError, UnknownNameError
from isac_designer.formulations.problems import build_problem
from isac_designer.formulations.spec import ProblemKind, ProblemSpec
from isac_designer.solvers.base import Candidate
from isac_designer.solvers.finalize import finalize
from isac_designer.solvers.registry import DEFAULT_METHOD, get_solver
from isac_designer.solvers.result import DesignResult, Status


def solve(problem: ProblemSpec, method: str = DEFAULT_METHOD) -> DesignResult:
    """Solve a problem spec with a registered backend.

    Parameters
    ----------
    problem : ProblemSpec
        From :func:`isac_designer.formulations.problems.build_problem`.
    method : str
        Backend name (see :data:`isac_designer.solvers.registry.SOLVERS`).

    Returns
    -------
    DesignResult
        ``optimal`` or ``infeasible`` (with the binding reason); a numerical
        failure inside the backend is recorded as status ``error`` rather than
        raised, so sweeps go on.

    Raises
    ------
    UnknownNameError
        Unknown method, or a method that cannot solve this problem/tier.
    """
    backend = get_solver(method)
    if not backend.supports(problem):
        raise UnknownNameError(
            f"method '{method}' does not solve {problem.kind} in tier '{problem.tier}'"
        )
    if not backend.available():
        raise SolverError(
            f"method '{method}' needs {', '.join(backend.requires)}; install it with pip"
        )
    start = time.perf_counter()
    try:
        candidate: Candidate = backend().search(problem)
    except NumericalError as exc:
        return DesignResult(
            problem=problem.kind,
            method=method,
            tier=problem.tier,
            status=Status.ERROR,
            reason=str(exc),
            assumptions=assumption_lines(problem.model.scenario),
            warnings=tuple(problem.model.validity_warnings()),
            notes=problem.notes,
            timing_s=time.perf_counter() - start,
        )
    return finalize(problem, candidate, method, time.perf_counter() - start)


def design(
    scenario: Scenario,
    problem: ProblemKind | str = ProblemKind.P2_DYN,
    tier: Tier | str = Tier.EXACT,
    method: str = DEFAULT_METHOD,
    model: NetworkModel | None = None,
) -> DesignResult:
    """Build and solve in one call: ``design(table1(), "p2-dyn", "exact")``."""
    return solve(build_problem(problem, scenario, tier, model=model), method)
