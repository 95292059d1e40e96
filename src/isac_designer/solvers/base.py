"""What every solver backend is, and the stages all of them share.

A backend declares its name, what it solves (problems, tiers), the Python
modules it needs, and implements :meth:`Solver.search`, returning a
:class:`Candidate`. Turning a candidate into a full result (constraint
report, active set, regimes ...) is shared: :mod:`.finalize`.
"""

from __future__ import annotations

import importlib.util
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar

from isac_designer.designer.tiers import Tier
from isac_designer.formulations.spec import Design, ProblemKind, ProblemSpec


@dataclass(frozen=True)
class Candidate:
    """A backend's answer before it is evaluated and explained.

    Attributes
    ----------
    design : Design or None
        The design found, or None if the backend proved infeasibility.
    reason : str or None
        Why no design exists (None when one was found).
    log : tuple of str
        The backend's own log lines.
    """

    design: Design | None
    reason: str | None = None
    log: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class BeamChoice:
    """The beam stage: θ_m* and R̄ there, or why no beamwidth is admissible."""

    theta: float | None
    rate: float | None
    reason: str | None
    log: str


def choose_beamwidth(spec: ProblemSpec) -> BeamChoice:
    """Stage (ii) of Sec. V-D: θ_m* = argmax R̄ on [θ_min, min(θ_max, θ_crit)].

    The objective is B·(load share)·R̄(θ_m) with a positive load share that
    does not involve θ_m, so θ_m* does not depend on K, ν_h or ρ_0.
    """
    var = spec.variable("theta_m")
    trap = spec.constraint("beamwidth_trap").bound
    upper = min(var.upper, trap)
    if upper < var.lower:
        r0 = spec.model.scenario.design_range
        if spec.model.critical_beamwidth(spec.tier).status == "closed":
            why = (
                f"beamwidth trap closed: no beamwidth reaches the design range r_0 = {r0:.6g} m "
                f"with P_cov >= 1 − ε_0 (eq. (7)); lower design_range_m or raise the link budget"
            )
        else:
            why = (
                f"beamwidth trap closed: θ_crit(r_0 = {r0:.6g} m) = {trap:.6g} rad is below "
                f"θ_min = {var.lower:.6g} rad (eq. (36))"
            )
        return BeamChoice(None, None, why, "beam stage: infeasible")
    theta, rate = spec.best_beamwidth(var.lower, upper)
    return BeamChoice(
        theta,
        rate,
        None,
        f"beam stage: θ_m* = {theta:.6g} rad on [{var.lower:.6g}, {upper:.6g}], "
        f"R̄ = {rate:.6g} bit/s/Hz",
    )


class Solver(ABC):
    """A solver backend.

    Class attributes declare capabilities so that choosing a backend is
    automatic and explainable.
    """

    name: ClassVar[str]
    description: ClassVar[str]
    problems: ClassVar[frozenset[ProblemKind]] = frozenset(ProblemKind)
    tiers: ClassVar[frozenset[Tier]] = frozenset({Tier.PAPER, Tier.EXACT})
    requires: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def available(cls) -> bool:
        """Whether every module the backend needs can be imported."""
        return all(importlib.util.find_spec(mod) is not None for mod in cls.requires)

    @classmethod
    def supports(cls, spec: ProblemSpec) -> bool:
        """Whether the backend can solve this problem in this tier."""
        return spec.kind in cls.problems and spec.tier in cls.tiers

    @abstractmethod
    def search(self, spec: ProblemSpec) -> Candidate:
        """Find the optimal design of ``spec`` (or prove there is none)."""


def subcritical_reason(spec: ProblemSpec) -> str:
    """Why a static cluster cannot meet τ_req in a sub-critical network."""
    model, tier = spec.model, spec.tier
    return (
        f"kinematic: the network is sub-critical (Q = {model.coverage_parameter(tier):.4g} <= "
        f"c* = {model.critical_filling(tier):g}), so the static MTLT "
        f"R_max,1²/(4D) = {float(model.static_mtlt(1, tier)):.4g} s is below "
        f"τ_req = {model.required_mtlt(tier):.4g} s for every K"
    )


def kinematic_reason(spec: ProblemSpec, nu_needed: float, nu_max: float) -> str:
    """Why no cluster meets τ_req within the handover ceiling."""
    return (
        f"kinematic: no cluster size meets τ_req = {spec.model.required_mtlt(spec.tier):.4g} s "
        f"with ν_h <= ν_h^max = {nu_max:g} 1/s (the largest useful cluster still needs "
        f"ν_h = {nu_needed:.4g} 1/s)"
    )
