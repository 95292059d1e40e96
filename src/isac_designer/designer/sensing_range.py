"""Single-BS sensing coverage, the safe range R_max,1 and the beamwidth trap.

Eq. (7) coverage, the mean-field range used by eq. (16), the exact range
(root of P_cov(R) = 1 − ε_0 on the Laplace functional (10)) and θ_crit in its
paper (16) and exact forms.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize

from isac_designer.designer.antenna import main_lobe_gain
from isac_designer.designer.interference import (
    log_laplace_clutter,
    log_laplace_direct_interference,
)
from isac_designer.errors import NumericalError


@dataclass(frozen=True)
class LinkBudget:
    """The numbers the sensing link needs, SI / linear, in the paper's budget.

    Attributes
    ----------
    bs_density : float
        λ_b [1/m²].
    tx_power_w : float
        P_t [W].
    target_rcs : float
        σ [m²].
    detection_threshold : float
        γ_s, linear.
    side_lobe_ratio : float
        ζ, linear.
    min_spacing_m : float
        d_min^(b) [m].
    blockage_per_m : float
        β [1/m].
    noise_w : float
        W_0 [W].
    clutter_density : float
        λ_c [1/m²].
    clutter_gain : float
        G_c, linear.
    clutter_coeff : float
        σ_c.
    clutter_exp : float
        α_c.
    guard_m : float
        r_min [m] (clutter guard).
    """

    bs_density: float
    tx_power_w: float
    target_rcs: float
    detection_threshold: float
    side_lobe_ratio: float
    min_spacing_m: float
    blockage_per_m: float
    noise_w: float
    clutter_density: float
    clutter_gain: float
    clutter_coeff: float
    clutter_exp: float
    guard_m: float


def mean_field_range(
    main_gain: ArrayLike,
    tx_power_w: float,
    target_rcs: float,
    detection_threshold: float,
    mean_noise_w: float,
) -> NDArray[np.float64]:
    """Mean-field R_max,1 [m] used in the proof of Theorem 2.

    ``R⁴ = P_t G_m² σ / (γ_s 𝒩)`` with 𝒩 = E[I_dir] + E[C_clutter] + W_0:
    the range at which the mean echo equals γ_s times the mean disturbance.
    With Table I (Ḡ = 1, G_m = 30 dBi) it gives Q = λ_b π R² = 2.98 at
    10 BS/km² and 0.67 at 0.5 BS/km², the two values of Fig. 2(b).
    """
    gm = np.asarray(main_gain, dtype=float)
    return (tx_power_w * gm * gm * target_rcs / (detection_threshold * mean_noise_w)) ** 0.25


def log_coverage_probability(
    distance_m: ArrayLike, beamwidth: float, budget: LinkBudget
) -> NDArray[np.float64]:
    """ln P_cov(r_0), eq. (7), exact: ``−s W_0 + ln 𝓛_I(s) + ln 𝓛_C(s)``.

    s = γ_s r_0⁴ / (P_t G_m² σ) with G_m from eq. (1) for ``beamwidth``.
    """
    r = np.asarray(distance_m, dtype=float)
    gm = float(main_lobe_gain(beamwidth, budget.side_lobe_ratio))
    s = budget.detection_threshold * r**4 / (budget.tx_power_w * gm * gm * budget.target_rcs)
    log_li = log_laplace_direct_interference(
        s,
        budget.bs_density,
        budget.tx_power_w,
        budget.min_spacing_m,
        budget.blockage_per_m,
        beamwidth,
        budget.side_lobe_ratio,
    )
    log_lc = log_laplace_clutter(
        s,
        budget.clutter_density,
        budget.tx_power_w,
        budget.clutter_gain,
        budget.clutter_coeff,
        budget.clutter_exp,
        budget.guard_m,
    )
    return -s * budget.noise_w + log_li + log_lc


def exact_range(beamwidth: float, budget: LinkBudget, outage: float) -> float:
    """Exact R_max,1 [m]: the root of P_cov(R) = 1 − ε_0 (Sec. III-A).

    P_cov is strictly decreasing in R (the noise term alone drives it to 0),
    so the root is unique; it is bracketed in s and found with Brent's method.
    """
    target = math.log1p(-outage)
    gm = float(main_lobe_gain(beamwidth, budget.side_lobe_ratio))
    scale = budget.tx_power_w * gm * gm * budget.target_rcs / budget.detection_threshold

    def residual(log_s: float) -> float:
        r = (math.exp(log_s) * scale) ** 0.25
        return float(log_coverage_probability(r, beamwidth, budget)) - target

    # The noise term alone guarantees the upper end of the bracket.
    log_hi = math.log(-4.0 * target / budget.noise_w)
    log_lo = log_hi - 10.0
    while residual(log_lo) < 0.0:
        log_lo -= 10.0
        if log_lo < log_hi - 400.0:
            raise NumericalError(
                f"cannot bracket R_max,1 for beamwidth={beamwidth:g} rad, ε_0={outage:g}"
            )
    log_s = optimize.brentq(residual, log_lo, log_hi, xtol=1e-13, rtol=1e-15)
    return float((math.exp(log_s) * scale) ** 0.25)


def critical_beamwidth_paper(
    design_range_m: float,
    tx_power_w: float,
    target_rcs: float,
    detection_threshold: float,
    mean_noise_w: float,
) -> float:
    """θ_crit, eq. (16) corrected [rad].

    The paper prints ``θ_crit = (2π/r_0) √(P_t σ/(γ_s 𝒩))`` beside
    ``θ_crit² = 4π² P_t σ/(r_0⁴ γ_s 𝒩)``; they disagree by a factor r_0. The
    derivation (R_max,1(θ_crit) = r_0 with R⁴ = P_t G_m² σ/(γ_s 𝒩) and
    G_m = 2π/θ_m) gives the second, as do Fig. 3's θ_crit = (κ/r_0)² and the
    text ("scales inversely with r_0²")::

        θ_crit = (2π / r_0²) √(P_t σ / (γ_s 𝒩))
    """
    return (
        2.0
        * math.pi
        / design_range_m
        / design_range_m  # not r_0**2, which underflows to 0 below r_0 ~ 1e-162
        * math.sqrt(tx_power_w * target_rcs / (detection_threshold * mean_noise_w))
    )


@dataclass(frozen=True)
class CriticalBeamwidth:
    """Exact beamwidth trap at range r_0.

    Attributes
    ----------
    value : float
        θ_crit [rad]; 2π when even an omni beam covers r_0 (no trap), 0 when
        no beam does (the trap is closed).
    status : str
        ``"interior"``, ``"no-trap"`` or ``"closed"``.
    """

    value: float
    status: str


def critical_beamwidth_exact(
    design_range_m: float, budget: LinkBudget, outage: float
) -> CriticalBeamwidth:
    """Exact θ_crit: the beamwidth at which the exact R_max,1(θ_m) equals r_0.

    Uses eq. (1) with ζ (not 2π/θ) and the Laplace coverage (7)/(10) with the
    interferers' gain law for the same beamwidth; P_cov(r_0) falls as θ_m
    grows, so the root is unique.
    """
    target = math.log1p(-outage)

    def residual(log_theta: float) -> float:
        theta = math.exp(log_theta)
        return float(log_coverage_probability(design_range_m, theta, budget)) - target

    hi = math.log(2.0 * math.pi)
    if residual(hi) >= 0.0:
        return CriticalBeamwidth(2.0 * math.pi, "no-trap")
    lo = math.log(1e-9)
    if residual(lo) < 0.0:
        return CriticalBeamwidth(0.0, "closed")
    log_theta = optimize.brentq(residual, lo, hi, xtol=1e-13, rtol=1e-15)
    return CriticalBeamwidth(math.exp(log_theta), "interior")
