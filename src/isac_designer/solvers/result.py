"""The one result type every solver returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from isac_designer.designer.ceilings import CapacityCeilings
from isac_designer.designer.regimes import Regimes
from isac_designer.designer.tiers import Tier
from isac_designer.formulations.spec import Design, ProblemKind


class Status(StrEnum):
    """Outcome of a solve. Infeasible is a result, not an error."""

    OPTIMAL = "optimal"
    INFEASIBLE = "infeasible"
    ERROR = "error"


@dataclass(frozen=True)
class ConstraintReport:
    """One constraint evaluated at a design.

    Attributes
    ----------
    name, equation, description : str
        Identity of the constraint.
    sense : str
        ``">="`` or ``"<="``.
    value, bound : float
        Left- and right-hand sides (``value`` may be ``inf``).
    slack : float
        value − bound (>=) or bound − value (<=); negative when violated.
    unit : str
        Unit of value, bound and slack.
    satisfied : bool
        Whether it holds (relative tolerance 1e-9).
    active : bool
        Whether it binds: zero slack, or (for constraints in K) violated at
        K − 1 with the other variables re-optimised.
    """

    name: str
    equation: str
    description: str
    sense: str
    value: float
    bound: float
    slack: float
    unit: str
    satisfied: bool
    active: bool


@dataclass(frozen=True)
class ChanceCheck:
    """The design's kinematic chance constraint (34) under the exact exit-time law.

    The problems are posed with the exponential-tail surrogate (49),
    MTLT >= τ_req; this is what that surrogate stands for.

    Attributes
    ----------
    qos_time_s : float
        T_req = η/μ_sj [s].
    required : float
        1 − ε_micro.
    reliability : float
        P(t_loss >= T_req) at the design's K and ν_h.
    reliability_without_handover : float
        The same at ν_h = 0 (static cluster of the same K).
    min_handover_rate : float or None
        Smallest ν_h [1/s] meeting the chance constraint at the design's K
        (0 if the static cluster does); None for P2 (no handover). It may
        exceed ν_h^max: the check reports, it does not re-solve.
    handover_ceiling : float
        ν_h^max [1/s] of the problem (0 for P2), to compare with the above.
    """

    qos_time_s: float
    required: float
    reliability: float
    reliability_without_handover: float
    min_handover_rate: float | None
    handover_ceiling: float = 0.0

    @property
    def satisfied(self) -> bool:
        """Whether the design meets the chance constraint itself."""
        return self.reliability >= self.required


@dataclass(frozen=True)
class DesignResult:
    """Outcome of one solve of P2 / P2-DYN in one tier.

    Attributes
    ----------
    problem : ProblemKind
        Which problem.
    method : str
        Registered solver name.
    tier : Tier
        Tier of the constraints used.
    status : Status
        optimal / infeasible / error.
    reason : str or None
        Why infeasible (or the error), else None.
    design : Design or None
        The optimal design (None unless optimal).
    objective : float or None
        Ĉ_comm [bit/s] at the design.
    rate : float or None
        R̄(θ_m) [bit/s/Hz] at the design.
    load_factor : float or None
        1 − N̄ ρ_0 (1 + ν_h τ_ho), the share left to communication.
    constraints : tuple of ConstraintReport
        Every constraint at the design.
    active : tuple of str
        Active constraints and bounds (``reliability``, ``nu_h=0``,
        ``rho0=lower`` ...).
    regimes : Regimes or None
        Named regimes at the design.
    hysteresis_margin_m : float or None
        Δr* for the design's ν_h [m]; None with a reason when undefined.
    hysteresis_reason : str or None
        Why Δr* is undefined.
    rho0_headroom : float or None
        Largest ρ_0 that blocking admits at the design's K, ν_h.
    capacity : CapacityCeilings or None
        Capacity ceilings of the scenario (all tiers).
    exact_check : tuple of ConstraintReport
        For a non-exact tier: the same design under the exact constraints.
    chance_check : ChanceCheck or None
        The kinematic chance constraint itself at the design (exact exit-time law).
    assumptions : tuple of str
        Assumed parameters (key = value, why).
    warnings : tuple of str
        Model-validity notes.
    notes : tuple of str
        Formulation notes.
    timing_s : float
        Wall time of the solve [s].
    log : tuple of str
        The backend's own log lines.
    """

    problem: ProblemKind
    method: str
    tier: Tier
    status: Status
    reason: str | None = None
    design: Design | None = None
    objective: float | None = None
    rate: float | None = None
    load_factor: float | None = None
    constraints: tuple[ConstraintReport, ...] = ()
    active: tuple[str, ...] = ()
    regimes: Regimes | None = None
    hysteresis_margin_m: float | None = None
    hysteresis_reason: str | None = None
    rho0_headroom: float | None = None
    capacity: CapacityCeilings | None = None
    exact_check: tuple[ConstraintReport, ...] = ()
    chance_check: ChanceCheck | None = None
    assumptions: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    timing_s: float = 0.0
    log: tuple[str, ...] = field(default=())
