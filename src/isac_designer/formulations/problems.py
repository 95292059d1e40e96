"""Builders for P2 (eqs. (33)-(36)) and P2-DYN (eqs. (40)-(43)).

Following DESIGN.md: θ_m is primary (G_m from eq. (1)); the scenario's ρ_0 is
the lower bound of ρ_0 (the per-target requirement) and ρ_max its upper
bound; the reliability floor (42) applies to P2 too unless the scenario
switches it off; ν_h^max may be infinite.

Objective (both problems), the mean-load surrogate of eq. (32)::

    Ĉ_comm = B · (1 − N̄ ρ_0 (1 + ν_h τ_ho)) · R̄(θ_m)    [bit/s],  N̄ = K λ_T/λ_b
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike, NDArray

from isac_designer.designer import comms_rate
from isac_designer.designer.model import NetworkModel
from isac_designer.designer.scenario import Scenario
from isac_designer.designer.tiers import Tier
from isac_designer.formulations.spec import (
    Constraint,
    Point,
    ProblemKind,
    ProblemSpec,
    Variable,
)


def _arr(point: Point, name: str) -> NDArray[np.float64]:
    return np.asarray(point[name], dtype=float)


def downlink_model(scenario: Scenario) -> comms_rate.DownlinkModel:
    """The scenario values R̄(θ_m) depends on."""
    return comms_rate.DownlinkModel(
        bs_density=scenario.bs_density,
        pathloss_exp=scenario.ue_pathloss_exponent,
        side_lobe_ratio=scenario.side_lobe_ratio,
        pointing_error=scenario.pointing_error,
        tx_power_w=scenario.tx_power_w,
        noise_w=scenario.noise_power_w,
    )


@lru_cache(maxsize=4096)
def _rate(model: comms_rate.DownlinkModel, theta: float) -> float:
    """R̄(θ_m) [bit/s/Hz], memoised across problems that share the rate model."""
    return model.rate(theta)


@lru_cache(maxsize=256)
def _best(model: comms_rate.DownlinkModel, lower: float, upper: float) -> tuple[float, float]:
    """argmax of R̄ on [lower, upper] and R̄ there, memoised likewise."""
    return model.best_beamwidth(lower, upper)


def build_problem(
    kind: ProblemKind | str,
    scenario: Scenario,
    tier: Tier | str = Tier.EXACT,
    model: NetworkModel | None = None,
) -> ProblemSpec:
    """Build P2 or P2-DYN for a scenario in one tier.

    Parameters
    ----------
    kind : ProblemKind or str
        ``"p2"`` or ``"p2-dyn"``.
    scenario : Scenario
        The parameter set.
    tier : Tier or str
        ``"paper"`` or ``"exact"`` (``"strict"`` is accepted and uses the
        exact constraints; its blocking tail is already the Poisson tail).
    model : NetworkModel, optional
        Reuse an existing model of the same scenario (its cache).
    """
    kind = ProblemKind.parse(kind)
    tier = Tier.parse(tier)
    model = model or NetworkModel(scenario)
    s = scenario
    dynamic = kind is ProblemKind.P2_DYN
    floor_applies = dynamic or s.reliability_floor_in_p2
    k_floor = model.reliability_floor if floor_applies else 1
    tau = model.required_mtlt(tier)
    theta_crit = model.critical_beamwidth(tier).value
    downlink = downlink_model(s)

    def rate(theta: float) -> float:
        return _rate(downlink, float(theta))

    def best(lower: float, upper: float) -> tuple[float, float]:
        return _best(downlink, float(lower), float(upper))

    variables = [
        Variable(
            "K",
            float(k_floor),
            math.inf,
            True,
            "1",
            "cluster size (cooperating BSs)",
        ),
    ]
    if dynamic:
        variables.append(
            Variable("nu_h", 0.0, s.max_handover_rate, False, "1/s", "cluster handover rate")
        )
    variables += [
        Variable("theta_m", s.beamwidth_min, s.beamwidth_max, False, "rad", "sensing beamwidth"),
        Variable("rho0", s.rho0, s.rho_max, False, "1", "per-cooperator per-target resource"),
    ]

    def nu_of(point: Point) -> NDArray[np.float64]:
        return _arr(point, "nu_h") if dynamic else np.zeros_like(_arr(point, "K"))

    def kinematic_value(point: Point) -> NDArray[np.float64]:
        if dynamic:
            return model.dynamic_mtlt(_arr(point, "K"), nu_of(point), tier)
        return model.static_mtlt(_arr(point, "K"), tier)

    def blocking_value(point: Point) -> NDArray[np.float64]:
        return model.blocking(_arr(point, "K"), nu_of(point), _arr(point, "rho0"))

    constraints = [
        Constraint(
            "kinematic",
            "(40), (26), (49)" if dynamic else "(34), (23), (49)",
            "mean tracking lifetime reaches τ_req",
            ">=",
            tau,
            kinematic_value,
            "s",
        ),
        Constraint(
            "blocking",
            "(41), (31)" if dynamic else "(35), (31)",
            "P(a cooperator is saturated) within ε_macro",
            "<=",
            s.eps_macro,
            blocking_value,
            "1",
        ),
    ]
    if dynamic:
        constraints.append(
            Constraint(
                "commitment_budget",
                "(39), (31)",
                "one commitment fits a BS: ρ_0 (1 + ν_h τ_ho) <= ρ_max, i.e. M_max >= 1",
                "<=",
                s.rho_max,
                lambda p: _arr(p, "rho0") * (1.0 + nu_of(p) * s.handover_cost),
                "1",
            )
        )
    if floor_applies:
        constraints.append(
            Constraint(
                "reliability",
                "(42), (44)",
                "all K links fail together at most ε_rel",
                "<=",
                s.eps_rel,
                lambda p: model.reliability_failure(_arr(p, "K")),
                "1",
            )
        )
    constraints.append(
        Constraint(
            "beamwidth_trap",
            "(36), (16)",
            "θ_m below the beamwidth trap θ_crit(r_0)",
            "<=",
            theta_crit,
            lambda p: _arr(p, "theta_m"),
            "rad",
        )
    )

    def objective(point: Point) -> NDArray[np.float64]:
        load = model.mean_load(_arr(point, "K"))
        rho_eff = _arr(point, "rho0") * (1.0 + nu_of(point) * s.handover_cost)
        theta = np.asarray(point["theta_m"], dtype=float)
        rates = np.vectorize(lambda t: rate(float(t)))(theta)
        return s.bandwidth_hz * (1.0 - load * rho_eff) * rates

    def min_rate(cluster: ArrayLike) -> NDArray[np.float64]:
        k = np.asarray(cluster, dtype=float)
        if dynamic:
            return model.min_handover_rate(k, tier)
        meets = model.static_mtlt(k, tier) >= tau * (1.0 - 1e-12)
        return np.where(meets, 0.0, math.inf)

    notes = [
        f"tier '{tier}': "
        + {
            Tier.PAPER: "the paper's formulas (mean-field R_max,1, ε for −ln(1−ε), Corollary 5)",
            Tier.EXACT: "the same model solved exactly (Laplace R_max,1, ln(1−ε), Bessel root)",
            Tier.STRICT: "exact constraints; blocking is the Poisson tail (31) itself",
        }[tier],
        "ρ_0 is bounded below by the scenario's rho0 (the per-target requirement); "
        "the largest ρ_0 blocking admits is reported as headroom",
    ]
    if not dynamic and floor_applies:
        notes.append("reliability floor K >= K_rel applied to P2 (reliability_floor_in_p2)")
    return ProblemSpec(
        kind=kind,
        tier=tier,
        model=model,
        variables=tuple(variables),
        constraints=tuple(constraints),
        objective=objective,
        min_handover_rate=min_rate,
        rate=rate,
        best_beamwidth=best,
        notes=tuple(notes),
    )
