"""Design results and capacity ceilings as JSON-ready dictionaries.

Stable keys, SI values (with a few human-unit companions), ``null`` plus a
``*_reason`` key wherever a value is undefined or infinite.
"""

from __future__ import annotations

import math
from typing import Any

from isac_designer import __version__
from isac_designer.designer.ceilings import CapacityCeilings, TierValue
from isac_designer.designer.scenario import Scenario
from isac_designer.designer.units import per_m2_to_per_km2, rad_to_deg
from isac_designer.solvers.result import ChanceCheck, ConstraintReport, DesignResult
from isac_designer.studies.jsonable import SCHEMA_VERSION, number, with_reason

UNITS = {
    "nu_h": "1/s",
    "theta_m": "rad",
    "theta_m_deg": "deg",
    "objective": "bit/s",
    "rate": "bit/s/Hz",
    "hysteresis_margin_m": "m",
    "capacity": "targets/km²",
    "timing_s": "s",
}


def scenario_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario in file keys and units; an infinite value is null with a reason."""
    out: dict[str, Any] = {}
    for key, value in scenario.to_mapping().items():
        if isinstance(value, float) and math.isinf(value):
            out[key] = None
            out[f"{key}_reason"] = "infinite (no ceiling)"
        else:
            out[key] = value
    return out


def constraint_dict(report: ConstraintReport, with_activity: bool = True) -> dict[str, Any]:
    """One constraint row."""
    out: dict[str, Any] = {
        "name": report.name,
        "equation": report.equation,
        "description": report.description,
        "sense": report.sense,
        **with_reason("value", report.value),
        **with_reason("bound", report.bound),
        **with_reason("slack", report.slack),
        "unit": report.unit,
        "satisfied": report.satisfied,
    }
    if with_activity:
        out["active"] = report.active
    return out


TWO_TIERS = ("paper", "exact")
THREE_TIERS = ("paper", "exact", "strict")


def _tier_value(
    value: TierValue, scale: float = 1.0, tiers: tuple[str, ...] = TWO_TIERS
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for tier in tiers:
        raw = getattr(value, tier)
        out[tier] = None if raw is None else number(raw * scale)
    if value.reason is not None and any(v is None for v in out.values()):
        out["reason"] = value.reason
    return out


def capacity_dict(c: CapacityCeilings) -> dict[str, Any]:
    """Capacity ceilings at one density, per km² for densities."""
    per_km2 = per_m2_to_per_km2(1.0)
    return {
        "bs_density_per_km2": c.bs_density_per_km2,
        "static_ceiling_per_km2": _tier_value(c.static, per_km2, THREE_TIERS),
        "dynamic_ceiling_per_km2": _tier_value(c.dynamic, per_km2, THREE_TIERS),
        "dynamic_over_static": _tier_value(c.gap, tiers=THREE_TIERS),
        "static_requirement_K": _tier_value(c.static_requirement),
        "static_K": _tier_value(c.static_cluster),
        "dynamic_K": _tier_value(c.dynamic_cluster),
        "K_rel": c.reliability_floor,
        "commitment_ratio": _tier_value(c.commitment_ratio),
        "nu_h_min_at_K_rel_per_s": _tier_value(c.nu_h_min),
        "hysteresis_margin_m": _tier_value(c.hysteresis_margin),
        **with_reason(
            "hysteresis_margin_printed_m",
            c.hysteresis_margin_printed,
            "the printed Remark 5 form needs K*_static > K_rel (its log argument <= 1)",
        ),
    }


def tier_summary(result: DesignResult) -> dict[str, Any]:
    """The compact per-tier block used for side-by-side comparison."""
    out: dict[str, Any] = {
        "status": str(result.status),
        "reason": result.reason,
        "design": design_dict(result),
        **with_reason("objective", result.objective, "no design"),
        "active_constraints": list(result.active),
        **with_reason(
            "hysteresis_margin_m",
            result.hysteresis_margin_m,
            result.hysteresis_reason or "no design",
        ),
    }
    if result.exact_check:
        out["exact_check"] = [constraint_dict(r, with_activity=False) for r in result.exact_check]
    out.update(chance_block(result))
    return out


def chance_block(result: DesignResult) -> dict[str, Any]:
    """``{"kinematic_chance_check": {...}}``, or null with a reason when there is no design."""
    if result.chance_check is None:
        return {
            "kinematic_chance_check": None,
            "kinematic_chance_check_reason": result.reason or "no design",
        }
    return {"kinematic_chance_check": chance_check_dict(result.chance_check)}


def chance_check_dict(check: ChanceCheck) -> dict[str, Any]:
    """The chance constraint (34) at the design under the exact exit-time law."""
    return {
        "qos_time_s": check.qos_time_s,
        "required": check.required,
        "reliability": check.reliability,
        "reliability_without_handover": check.reliability_without_handover,
        "satisfied": check.satisfied,
        **with_reason(
            "nu_h_min_strict_per_s", check.min_handover_rate, "P2: static cluster, no handover"
        ),
    }


def design_dict(result: DesignResult) -> dict[str, Any] | None:
    """``{"K", "nu_h", "theta_m", "rho0", "theta_m_deg"}`` or None."""
    d = result.design
    if d is None:
        return None
    return {
        "K": d.K,
        "nu_h": d.nu_h,
        "theta_m": d.theta_m,
        "rho0": d.rho0,
        "theta_m_deg": rad_to_deg(d.theta_m),
    }


def result_document(
    result: DesignResult, scenario: Scenario, others: dict[str, DesignResult] | None = None
) -> dict[str, Any]:
    """The full JSON document of ``isac-designer design --json``.

    Parameters
    ----------
    result : DesignResult
        The primary result (the requested tier).
    scenario : Scenario
        The scenario solved.
    others : dict, optional
        Results of the other tiers, keyed by tier name, for ``tiers``.
    """
    regimes = result.regimes
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "isac-designer", "version": __version__},
        "problem": str(result.problem),
        "method": result.method,
        "tier": str(result.tier),
        "status": str(result.status),
        "reason": result.reason,
        "design": design_dict(result),
        **with_reason("objective", result.objective, result.reason or "no design"),
        "objective_mbit_per_s": None if result.objective is None else result.objective / 1e6,
        **with_reason("rate", result.rate, "no design"),
        **with_reason("load_factor", result.load_factor, "no design"),
        "units": UNITS,
        "constraints": [constraint_dict(r) for r in result.constraints],
        "active_constraints": list(result.active),
        "regimes": None
        if regimes is None
        else {
            "percolation": regimes.percolation,
            "coverage_parameter_Q": regimes.coverage_parameter,
            "critical_filling_c_star": regimes.critical_filling,
            "handover": regimes.handover,
            "crossover_rate_per_s": number(regimes.crossover_rate),
            "dynamic_regime": regimes.dynamic_regime,
            "dynamic_regime_text": regimes.dynamic_regime_text,
            **(
                {"dynamic_regime_reason": "P2: static cluster, regimes (45)-(46) are P2-DYN's"}
                if regimes.dynamic_regime is None
                else {}
            ),
            "cluster_binding": regimes.cluster_binding,
            "beam": regimes.beam,
            "feasible": True,
        },
        **with_reason(
            "hysteresis_margin_m",
            result.hysteresis_margin_m,
            result.hysteresis_reason or result.reason or "no design",
        ),
        **with_reason("rho0_headroom", result.rho0_headroom, "no design"),
        **chance_block(result),
        **(
            {"capacity": capacity_dict(result.capacity)}
            if result.capacity is not None
            else {"capacity": None, "capacity_reason": result.reason or "not computed"}
        ),
        "tiers": {str(result.tier): tier_summary(result)},
        "assumptions": list(result.assumptions),
        "warnings": list(result.warnings),
        "notes": list(result.notes),
        "timing_s": result.timing_s,
        "log": list(result.log),
        "scenario": scenario_dict(scenario),
    }
    if doc["regimes"] is None and result.reason is not None:
        doc["regimes"] = {"feasible": False, "reason": result.reason}
    for name, other in (others or {}).items():
        doc["tiers"][name] = tier_summary(other)
    return doc
