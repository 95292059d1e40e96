"""The explicit registry of solver backends."""

from __future__ import annotations

from isac_designer.errors import UnknownNameError
from isac_designer.solvers.base import Solver
from isac_designer.solvers.exhaustive import ExhaustiveSolver
from isac_designer.solvers.staged import StagedSolver

SOLVERS: dict[str, type[Solver]] = {
    ExhaustiveSolver.name: ExhaustiveSolver,
    StagedSolver.name: StagedSolver,
}
"""Every backend by name; the first is the default."""

DEFAULT_METHOD = ExhaustiveSolver.name


def get_solver(name: str) -> type[Solver]:
    """The backend called ``name``; unknown names raise :class:`UnknownNameError`."""
    try:
        return SOLVERS[name]
    except KeyError:
        raise UnknownNameError.for_choice("method", name, SOLVERS) from None
