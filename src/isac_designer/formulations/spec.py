"""Backend-neutral problem specification: variables, objective, constraints.

Functions of a design take a *point*: a mapping from variable name
(``K``, ``nu_h``, ``theta_m``, ``rho0``) to a number or a numpy array, so a
solver may evaluate many candidate designs at once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from isac_designer.designer.model import NetworkModel
from isac_designer.designer.tiers import Tier
from isac_designer.errors import UnknownNameError

Point = Mapping[str, ArrayLike]
PointFunction = Callable[[Point], NDArray[np.float64]]
Sense = Literal[">=", "<="]

ACTIVE_RTOL = 1e-6
"""Relative slack below which a continuous constraint or bound counts as active."""


class ProblemKind(StrEnum):
    """The paper's two design problems."""

    P2 = "p2"
    P2_DYN = "p2-dyn"

    @classmethod
    def parse(cls, name: str | ProblemKind) -> ProblemKind:
        """Kind from its name; unknown names raise :class:`UnknownNameError`."""
        try:
            return cls(name)
        except ValueError:
            raise UnknownNameError.for_choice("problem", name, cls) from None


@dataclass(frozen=True)
class Design:
    """One design: cluster size, handover rate, beamwidth, per-target resource.

    Attributes
    ----------
    K : int
        Cluster size (number of cooperating BSs).
    nu_h : float
        Handover rate ν_h [1/s] (0 for the static problem P2).
    theta_m : float
        Beamwidth θ_m [rad].
    rho0 : float
        Per-cooperator per-target resource fraction ρ_0.
    """

    K: int
    nu_h: float
    theta_m: float
    rho0: float

    def as_point(self) -> dict[str, float]:
        """The design as a point mapping."""
        return {"K": float(self.K), "nu_h": self.nu_h, "theta_m": self.theta_m, "rho0": self.rho0}


@dataclass(frozen=True)
class Variable:
    """A decision variable with bounds.

    Attributes
    ----------
    name : str
        ``K``, ``nu_h``, ``theta_m`` or ``rho0``.
    lower, upper : float
        Bounds (``upper`` may be ``inf``).
    integer : bool
        Whether the variable is integer.
    unit : str
        Unit of the variable.
    description : str
        What the variable is.
    """

    name: str
    lower: float
    upper: float
    integer: bool
    unit: str
    description: str

    def at_lower(self, value: float) -> bool:
        """Whether ``value`` sits on the lower bound."""
        return _close(value, self.lower)

    def at_upper(self, value: float) -> bool:
        """Whether ``value`` sits on the upper bound (never, for an infinite bound)."""
        return math.isfinite(self.upper) and _close(value, self.upper)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= ACTIVE_RTOL * max(abs(a), abs(b), 1e-300)


@dataclass(frozen=True)
class Constraint:
    """A constraint ``value(x) >= bound`` or ``value(x) <= bound``.

    Attributes
    ----------
    name : str
        Stable identifier (``kinematic``, ``blocking``, ``commitment_budget``,
        ``reliability``, ``beamwidth_trap``).
    equation : str
        The paper's equation number(s).
    description : str
        One line for people.
    sense : {">=", "<="}
        Direction of the inequality.
    bound : float
        Right-hand side.
    value : callable
        Left-hand side as a function of a point (vectorised).
    unit : str
        Unit of value and bound.
    """

    name: str
    equation: str
    description: str
    sense: Sense
    bound: float
    value: PointFunction
    unit: str

    def slack(self, point: Point) -> NDArray[np.float64]:
        """Non-negative where satisfied: value − bound (>=) or bound − value (<=)."""
        v = self.value(point)
        return v - self.bound if self.sense == ">=" else self.bound - v

    def satisfied(self, point: Point) -> NDArray[np.bool_]:
        """Satisfied up to a relative tolerance of 1e-9 of the bound."""
        tol = 1e-9 * max(abs(self.bound), 1e-300) if math.isfinite(self.bound) else 0.0
        return np.asarray(self.slack(point) >= -tol)


@dataclass(frozen=True)
class ProblemSpec:
    """A problem instance: P2 or P2-DYN for one scenario and one tier.

    Attributes
    ----------
    kind : ProblemKind
        Which problem.
    tier : Tier
        Which tier's formulas the constraints use.
    model : NetworkModel
        The scenario's closed forms.
    variables : tuple of Variable
        K, (nu_h,) theta_m, rho0 with bounds.
    constraints : tuple of Constraint
        The problem's constraints.
    objective : callable
        Ĉ_comm [bit/s] as a function of a point (to maximise).
    min_handover_rate : callable
        ν_h^min(K) [1/s] making the kinematic constraint hold with equality
        (0 if it holds at ν_h = 0; ``inf`` for P2 where no rate helps). The
        kinematic constraint is increasing in ν_h, so this is exact.
    rate : callable
        R̄(θ_m) [bit/s/Hz].
    notes : tuple of str
        Modelling notes to carry into results.
    """

    kind: ProblemKind
    tier: Tier
    model: NetworkModel
    variables: tuple[Variable, ...]
    constraints: tuple[Constraint, ...]
    objective: PointFunction
    min_handover_rate: Callable[[ArrayLike], NDArray[np.float64]]
    rate: Callable[[float], float]
    best_beamwidth: Callable[[float, float], tuple[float, float]]
    notes: tuple[str, ...] = field(default=())

    def variable(self, name: str) -> Variable:
        """The variable called ``name``."""
        for var in self.variables:
            if var.name == name:
                return var
        raise UnknownNameError(f"problem {self.kind} has no variable '{name}'")

    def constraint(self, name: str) -> Constraint:
        """The constraint called ``name``."""
        for con in self.constraints:
            if con.name == name:
                return con
        raise UnknownNameError(f"problem {self.kind} has no constraint '{name}'")

    @property
    def cluster_floor(self) -> int:
        """Smallest admissible K (the reliability floor where it applies)."""
        return int(self.variable("K").lower)

    @property
    def has_handover(self) -> bool:
        """Whether ν_h is a decision variable (P2-DYN)."""
        return self.kind is ProblemKind.P2_DYN
