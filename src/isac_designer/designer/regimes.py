"""Regime classification, named from what is active at a design.

- percolation: sub- / near- / super-critical (Q against c*, eq. (22));
- handover: ``none`` (ν_h = 0), ``slow`` (ν_h < ν_h^c) or ``fast``, eq. (28);
- P2-DYN regime (i) / (ii) / (iii) of eq. (46), from which of K's floor and
  ν_h's bounds are active;
- cluster binding: whether the reliability floor, the kinematic constraint,
  both or neither stop K from shrinking;
- beam: rate-optimal, beamwidth-trap-bound or hardware-bound.
"""

from __future__ import annotations

from dataclasses import dataclass

DYNAMIC_REGIME_TEXT = {
    "i": "handover-rich: K on its floor, handover carries the kinematic burden",
    "i-static": "K on its floor and the kinematic constraint slack: no handover needed",
    "ii": "mid-budget: the handover ceiling ν_h^max holds K above its floor",
    "iii": "handover-starved: no handover, K at the static optimum",
    "interior": "K above its floor with 0 < ν_h < ν_h^max (least commitment between clusters)",
}


@dataclass(frozen=True)
class Regimes:
    """Named regimes of a design (strings are stable JSON values).

    Attributes
    ----------
    percolation : str
        ``sub-critical``, ``near-critical`` or ``super-critical``.
    coverage_parameter : float
        Q = λ_b π R_max,1².
    critical_filling : float
        c*.
    handover : str
        ``none``, ``slow`` or ``fast``.
    crossover_rate : float
        ν_h^c at the design's K [1/s].
    dynamic_regime : str or None
        ``i``, ``ii``, ``iii`` or ``interior`` for P2-DYN; None for P2.
    dynamic_regime_text : str or None
        What the regime means.
    cluster_binding : str
        ``reliability``, ``kinematics``, ``reliability+kinematics`` or ``none``.
    beam : str
        ``rate-optimal``, ``beamwidth-trap``, ``hardware-min`` or ``hardware-max``.
    """

    percolation: str
    coverage_parameter: float
    critical_filling: float
    handover: str
    crossover_rate: float
    dynamic_regime: str | None
    dynamic_regime_text: str | None
    cluster_binding: str
    beam: str


def dynamic_regime_text(regime: str, nu_at_zero: bool) -> str:
    """What a regime of (46) means at this design (regime i without handover reads differently)."""
    if regime == "i" and nu_at_zero:
        return DYNAMIC_REGIME_TEXT["i-static"]
    return DYNAMIC_REGIME_TEXT[regime]


def handover_speed(handover_rate: float, crossover_rate: float) -> str:
    """``none`` at ν_h = 0, ``slow`` below ν_h^c = D/R², ``fast`` at or above it."""
    if handover_rate == 0.0:
        return "none"
    return "slow" if handover_rate < crossover_rate else "fast"


def dynamic_regime(k_at_floor: bool, nu_at_zero: bool, ceiling_binds: bool) -> str:
    """Regime of eq. (46) from what is active at the optimum.

    Parameters
    ----------
    k_at_floor : bool
        K sits on its floor (max(1, K_rel)).
    nu_at_zero : bool
        ν_h = 0.
    ceiling_binds : bool
        K − 1 would need ν_h > ν_h^max: the handover ceiling is what keeps K
        up. With integer K this, not ν_h = ν_h^max, is how the ceiling binds.

    Returns
    -------
    str
        ``"i"`` (K on the floor), ``"iii"`` (no handover, K above the floor),
        ``"ii"`` (handover used, K held up by the ceiling) or ``"interior"``.
    """
    if k_at_floor:
        return "i"
    if nu_at_zero:
        return "iii"
    if ceiling_binds:
        return "ii"
    return "interior"


def cluster_binding(reliability_active: bool, kinematic_active: bool) -> str:
    """Which constraints stop K from shrinking."""
    if reliability_active and kinematic_active:
        return "reliability+kinematics"
    if reliability_active:
        return "reliability"
    if kinematic_active:
        return "kinematics"
    return "none"


def beam_binding(trap_active: bool, at_min: bool, at_max: bool) -> str:
    """What fixes θ_m: the trap, a hardware bound, or R̄'s own maximum."""
    if trap_active:
        return "beamwidth-trap"
    if at_min:
        return "hardware-min"
    if at_max:
        return "hardware-max"
    return "rate-optimal"
