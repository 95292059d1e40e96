"""Turn a backend's candidate into a full, explained :class:`DesignResult`.

Shared by every backend so that the constraint report, the active set, the
regimes, Δr*, the headroom and the capacity ceilings are computed one way.
"""

from __future__ import annotations

import math
import weakref
from dataclasses import replace

from isac_designer.designer.ceilings import CapacityCeilings, capacity_ceilings
from isac_designer.designer.model import NetworkModel
from isac_designer.designer.regimes import (
    Regimes,
    beam_binding,
    cluster_binding,
    dynamic_regime,
    dynamic_regime_text,
    handover_speed,
)
from isac_designer.designer.scenario_io import assumption_lines
from isac_designer.designer.tiers import Tier
from isac_designer.formulations.problems import build_problem
from isac_designer.formulations.spec import ACTIVE_RTOL, Design, ProblemSpec
from isac_designer.solvers.base import Candidate
from isac_designer.solvers.result import ChanceCheck, ConstraintReport, DesignResult, Status

_CEILINGS: weakref.WeakKeyDictionary[NetworkModel, CapacityCeilings] = weakref.WeakKeyDictionary()


def _ceilings_of(model: NetworkModel) -> CapacityCeilings:
    """The model's capacity ceilings, computed once however many tiers and backends
    are solved on the same model (they do not depend on either)."""
    if model not in _CEILINGS:
        _CEILINGS[model] = capacity_ceilings(model)
    return _CEILINGS[model]


def assumptions_of(spec: ProblemSpec) -> tuple[str, ...]:
    """Every assumed (not Table I) parameter with its value and rationale."""
    return assumption_lines(spec.model.scenario)


def _kinematic_stops_shrinking(spec: ProblemSpec, design: Design) -> bool:
    """Whether K − 1 (with ν_h re-optimised) would miss τ_req."""
    if design.K <= 1:
        return False
    nu_max = spec.variable("nu_h").upper if spec.has_handover else 0.0
    return float(spec.min_handover_rate(design.K - 1)) > nu_max


def _reliability_stops_shrinking(spec: ProblemSpec, design: Design) -> bool:
    """Whether K − 1 would break (42); at K = 1 only the bound K >= 1 binds."""
    if design.K <= 1:
        return False
    return not bool(spec.constraint("reliability").satisfied({"K": design.K - 1}))


def constraint_reports(
    spec: ProblemSpec, design: Design, with_activity: bool = True
) -> tuple[ConstraintReport, ...]:
    """Evaluate every constraint of ``spec`` at ``design``."""
    point = design.as_point()
    reports = []
    for con in spec.constraints:
        value = float(con.value(point))
        slack = float(con.slack(point))
        active = False
        if with_activity:
            scale = abs(con.bound) if math.isfinite(con.bound) and con.bound != 0 else 1.0
            active = abs(slack) <= ACTIVE_RTOL * scale
            if con.name == "kinematic":
                active = active or _kinematic_stops_shrinking(spec, design)
            elif con.name == "reliability":
                active = active or _reliability_stops_shrinking(spec, design)
        reports.append(
            ConstraintReport(
                name=con.name,
                equation=con.equation,
                description=con.description,
                sense=con.sense,
                value=value,
                bound=con.bound,
                slack=slack,
                unit=con.unit,
                satisfied=bool(con.satisfied(point)),
                active=active,
            )
        )
    return tuple(reports)


def _active_bounds(spec: ProblemSpec, design: Design) -> list[str]:
    names = []
    values = design.as_point()
    for var in spec.variables:
        if var.name == "K":
            continue  # K's lower bound is the reliability floor, reported as that constraint
        if var.at_lower(values[var.name]):
            names.append(f"{var.name}=lower")
        if var.at_upper(values[var.name]):
            names.append(f"{var.name}=upper")
    return names


def finalize(
    spec: ProblemSpec, candidate: Candidate, method: str, elapsed_s: float
) -> DesignResult:
    """Build the full result for ``candidate`` (optimal or infeasible)."""
    model = spec.model
    base = DesignResult(
        problem=spec.kind,
        method=method,
        tier=spec.tier,
        status=Status.INFEASIBLE,
        reason=candidate.reason,
        capacity=_ceilings_of(model),
        assumptions=assumptions_of(spec),
        warnings=tuple(model.validity_warnings()),
        notes=spec.notes,
        log=candidate.log,
        timing_s=elapsed_s,
    )
    design = candidate.design
    if design is None:
        return base

    reports = constraint_reports(spec, design)
    by_name = {r.name: r for r in reports}
    active = [r.name for r in reports if r.active] + _active_bounds(spec, design)
    theta_var = spec.variable("theta_m")
    crossover = float(model.crossover_rate(design.K, spec.tier))
    regime = (
        dynamic_regime(
            k_at_floor=spec.cluster_floor == design.K,
            nu_at_zero=design.nu_h == 0.0,
            ceiling_binds=_kinematic_stops_shrinking(spec, design),
        )
        if spec.has_handover
        else None
    )
    regimes = Regimes(
        percolation=str(model.percolation_regime(spec.tier)),
        coverage_parameter=model.coverage_parameter(spec.tier),
        critical_filling=model.critical_filling(spec.tier),
        handover=handover_speed(design.nu_h, crossover),
        crossover_rate=crossover,
        dynamic_regime=regime,
        dynamic_regime_text=dynamic_regime_text(regime, design.nu_h == 0.0) if regime else None,
        cluster_binding=cluster_binding(
            "reliability" in by_name and by_name["reliability"].active, by_name["kinematic"].active
        ),
        beam=beam_binding(
            by_name["beamwidth_trap"].active,
            theta_var.at_lower(design.theta_m),
            theta_var.at_upper(design.theta_m),
        ),
    )
    margin = float(model.hysteresis_margin(design.nu_h, spec.tier))
    if math.isinf(margin):
        margin_value, margin_reason = (
            None,
            (
                "static cluster (P2): no handover"
                if not spec.has_handover
                else "ν_h = 0: the cluster meets τ_req without handover, so no margin is needed"
            ),
        )
    else:
        margin_value, margin_reason = margin, None
    exact_check: tuple[ConstraintReport, ...] = ()
    if spec.tier is Tier.PAPER:
        exact_spec = build_problem(spec.kind, model.scenario, Tier.EXACT, model=model)
        exact_check = constraint_reports(exact_spec, design, with_activity=False)
    required = 1.0 - model.scenario.eps_micro
    reliability = model.tracking_reliability(design.K, design.nu_h)
    static_reliability = (
        model.tracking_reliability(design.K, 0.0) if design.nu_h > 0.0 else reliability
    )
    chance_check = ChanceCheck(
        qos_time_s=model.qos_time,
        required=required,
        reliability=reliability,
        reliability_without_handover=static_reliability,
        min_handover_rate=(
            (0.0 if static_reliability >= required else model.min_handover_rate_strict(design.K))
            if spec.has_handover
            else None
        ),
        handover_ceiling=spec.variable("nu_h").upper if spec.has_handover else 0.0,
    )
    point = design.as_point()
    rate = spec.rate(design.theta_m)
    scenario = model.scenario
    load_factor = 1.0 - float(model.mean_load(design.K)) * design.rho0 * (
        1.0 + design.nu_h * scenario.handover_cost
    )
    notes = spec.notes
    sojourn = scenario.mean_sojourn_s
    if design.nu_h > 0.0 and 1.0 / design.nu_h > sojourn:
        notes += (
            f"ν_h = {design.nu_h:.3g} 1/s is one handover per {1.0 / design.nu_h:.3g} s, rarer "
            f"than once per mean sojourn ({sojourn:g} s): most targets never see a handover "
            "and the cluster is in effect static (K*_static is just above K)",
        )
    return replace(
        base,
        status=Status.OPTIMAL,
        notes=notes,
        reason=None,
        design=design,
        objective=float(spec.objective(point)),
        rate=rate,
        load_factor=load_factor,
        constraints=reports,
        active=tuple(active),
        regimes=regimes,
        hysteresis_margin_m=margin_value,
        hysteresis_reason=margin_reason,
        rho0_headroom=model.rho0_headroom(design.K, design.nu_h),
        exact_check=exact_check,
        chance_check=chance_check,
    )
