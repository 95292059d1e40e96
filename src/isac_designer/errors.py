"""The toolkit's exceptions.

One base class, :class:`IsacError`; each subclass also inherits the matching
built-in so that callers may catch either. Messages name the rule, the bad
value and, where there is one, the fix.
"""

from __future__ import annotations

from collections.abc import Iterable


class IsacError(Exception):
    """Base class of every error raised on purpose by isac-designer."""


class ScenarioError(IsacError, ValueError):
    """A scenario parameter breaks a rule (unknown key, wrong type, out of range)."""


class ScenarioFileError(IsacError, OSError):
    """A scenario file is missing, unreadable or not valid TOML."""


class UnknownNameError(IsacError, KeyError):
    """An unknown problem, method, tier or other registered name was asked for."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""

    @classmethod
    def for_choice(cls, what: str, name: object, choices: Iterable[object]) -> UnknownNameError:
        """``unknown <what> '<name>'; choose one of: a, b, c``."""
        known = ", ".join(str(c) for c in choices)
        return cls(f"unknown {what} '{name}'; choose one of: {known}")


class NumericalError(IsacError, ArithmeticError):
    """A numerical procedure (root finding, quadrature) failed to converge."""


class SolverError(IsacError, RuntimeError):
    """A solver backend failed in a way that is not an infeasibility result."""
