"""Downlink ergodic rate R̄(θ_m) of the typical user with sectored beams and pointing error.

Model (derived in ``docs/comms-rate.md``): base stations form a homogeneous
PPP of density λ; the typical UE at the origin is served by its nearest BS at
distance r; single-slope path loss r^{−α} (α > 2, unit gain at 1 m), Rayleigh
fading on every link, transmit power P, noise power W in the same budget.
Every BS uses the flat-top beam of :mod:`isac_designer.designer.antenna`
(main-lobe gain G_m(θ), side-lobe gain G_s = ζ G_m); the UE is omni.

* Serving link: Gaussian pointing error δ ~ N(0, σ²), so the UE sees G_m with
  probability q = P(|δ| ≤ θ/2) = erf(θ/(2√2 σ)) and G_s otherwise (Wildman
  et al., IEEE TWC 2014, orientation error).
* Interferers: the PPP outside the disc of radius r, each with gain G_m with
  probability p = θ/(2π) and G_s otherwise (mean gain exactly 1).

Given r and the serving gain G_0 (Andrews, Baccelli & Ganti, IEEE TCOM 2011,
their coverage result with a marked interference field)::

    P(SINR > T | r, G_0) = exp(−T r^α W/(P G_0)) · exp(−πλ r² Σ_j π_j ρ(T g_j/G_0, α)),
    ρ(c, α) = ∫_1^∞ dw/(1 + w^{α/2}/c) = (2c/(α−2)) ₂F₁(1, 1−2/α; 2−2/α; −c).

Averaging over r (y = πλr², then u = y(1 + A) with A = Σ_j π_j ρ(T g_j/G_0, α))::

    P_cov(T | G_0) = F(κ, α)/(1 + A),  F(κ, α) = ∫_0^∞ e^{−u − κ u^{α/2}} du,
    κ = T W / (P G_0 (πλ)^{α/2} (1 + A)^{α/2})   (F = 1 without noise),

and R̄ = (1/ln 2) ∫_0^∞ [q P_cov(e^t − 1 | G_m) + (1 − q) P_cov(e^t − 1 | G_s)] dt
[bit/s/Hz]. All quantities are SI / linear; angles in radians.

Numerics: the rate integral is taken in x = ln T, where it reads
(1/ln 2) ∫_ℝ h(x) dx, h(x) = P_cov(e^x) e^x/(1 + e^x). h is analytic in the strip
|Im x| < π (P_cov is a Stieltjes-type function of T off the negative axis), so
the trapezoid rule with step 1/2 errs by ~e^{−2π·π/0.5} ≈ 1e-17 of the scale of h;
the window is widened until rigorous tail bounds (h <= e^x below it,
h <= e^{−δx}/(pC) above it, see :meth:`DownlinkModel.rates`) are below
1e-15 of the integral, and the step-1 sum (the same nodes, every other one)
must agree to 1e-6, else NumericalError. Every beamwidth of a call shares the
grid (one vectorised evaluation). For α = 4 the noise average F has the closed
form (√π/(2√κ)) erfcx(1/(2√κ)).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize, special

from isac_designer.designer.andrews_rho import (
    check_pathloss,
    check_scalar,
    rho_from_log,
)
from isac_designer.designer.antenna import main_lobe_gain
from isac_designer.designer.noise_factor import noise_factor
from isac_designer.errors import NumericalError, ScenarioError

TWO_PI = 2.0 * math.pi

_RATE_STEP = 0.5
"""Trapezoid step in x = ln T; analytic in |Im x| < π, so the error is ~e^{−2π²/0.5}."""
_TAIL_RTOL = 1e-15
"""Each truncated tail of the rate integral is bounded by this times the integral."""
_WINDOW = (-40.0, 60.0)
"""Initial x = ln T window; widened per the tail bounds (most scenarios need no widening)."""
_X_FLOOR = -746.0
"""Below ln T = −746, e^x underflows: the lower tail is < 5e-324 absolutely."""
_X_CEILING = 20000.0
"""A window that would reach past this ln T is refused (NumericalError)."""
_STEP_AGREEMENT = 1e-6
"""Steps 1 and 1/2 must agree to this (relative); spectral convergence then puts the
step-1/2 error near its square."""

_GRID_POINTS = 25
"""Log-spaced beamwidths in the coarse scan of :func:`best_beamwidth`."""
_REFINE_XATOL = 1e-7
"""Absolute tolerance on ln θ_m of the bounded refinement in :func:`best_beamwidth`."""


# --------------------------------------------------------------------------- validation


def _check_beamwidth(beamwidth: ArrayLike) -> NDArray[np.float64]:
    theta = np.asarray(beamwidth, dtype=float)
    bad = ~((theta > 0.0) & (theta <= TWO_PI))  # also catches NaN
    if np.any(bad):
        value = theta[bad].flat[0] if theta.ndim else float(theta)
        raise ScenarioError(
            f"0 < θ_m <= 2π must hold for a beamwidth [rad], but got beamwidth={float(value)!r}"
        )
    return theta


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class DownlinkModel:
    """The downlink of :mod:`comms_rate`: six numbers, validated, hashable (memoisable).

    Attributes
    ----------
    bs_density : float
        λ > 0 [BS/m²].
    pathloss_exp : float
        α > 2 (UE links).
    side_lobe_ratio : float
        ζ = G_s/G_m in [0, 1) (linear).
    pointing_error : float
        σ > 0 [rad], std of the serving BS's pointing error.
    tx_power_w : float
        P > 0 [W] (budget with unit path gain at 1 m).
    noise_w : float
        W >= 0 [W], same budget.

    Raises
    ------
    ScenarioError
        On construction, if a parameter is out of its range.
    """

    bs_density: float
    pathloss_exp: float
    side_lobe_ratio: float
    pointing_error: float
    tx_power_w: float
    noise_w: float

    def __post_init__(self) -> None:
        check_scalar(
            "bs_density",
            self.bs_density,
            "0 < λ < ∞ for the BS density [1/m²]",
            math.isfinite(self.bs_density) and self.bs_density > 0.0,
        )
        check_pathloss(self.pathloss_exp)
        check_scalar(
            "side_lobe_ratio",
            self.side_lobe_ratio,
            "0 <= ζ < 1 for the side-lobe ratio (linear)",
            0.0 <= self.side_lobe_ratio < 1.0,
        )
        check_scalar(
            "pointing_error",
            self.pointing_error,
            "0 < σ < ∞ for the pointing-error std [rad]",
            math.isfinite(self.pointing_error) and self.pointing_error > 0.0,
        )
        check_scalar(
            "tx_power_w",
            self.tx_power_w,
            "0 < P < ∞ for the transmit power [W]",
            math.isfinite(self.tx_power_w) and self.tx_power_w > 0.0,
        )
        check_scalar(
            "noise_w",
            self.noise_w,
            "0 <= W < ∞ for the noise power [W]",
            math.isfinite(self.noise_w) and self.noise_w >= 0.0,
        )

    # ----------------------------------------------------------------- coverage

    def log_coverage_kernel(
        self, log_t: NDArray[np.float64], beamwidth: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        """P_cov(T) for T = e^{log_t} and θ_m = ``beamwidth`` (broadcast; −∞ means T = 0).

        Serving branches: G_m with weight q = erf(θ/(2√2σ)), G_s = ζ G_m with
        1 − q; interferer marks G_m with probability p = θ/(2π), G_s with 1 − p.
        For ζ = 0 the side-lobe branch never covers and the side-lobe mark adds
        ρ(0, α) = 0, so both are dropped.
        """
        alpha, zeta = self.pathloss_exp, self.side_lobe_ratio
        log_gm = np.log(main_lobe_gain(beamwidth, zeta))
        p = beamwidth / TWO_PI
        q = special.erf(beamwidth / (2.0 * math.sqrt(2.0) * self.pointing_error))
        log_zeta = math.log(zeta) if zeta > 0.0 else -math.inf
        log_noise = (
            math.log(self.noise_w / self.tx_power_w)
            - 0.5 * alpha * math.log(math.pi * self.bs_density)
            if self.noise_w > 0.0
            else None
        )

        def branch(log_serving_rel: float) -> NDArray[np.float64]:
            # serving gain S = G_m e^{log_serving_rel}; marks at ln(g_j/S)
            load = p * rho_from_log(log_t - log_serving_rel, alpha)
            if zeta > 0.0:
                load = load + (1.0 - p) * rho_from_log(log_t + log_zeta - log_serving_rel, alpha)
            log_one_plus = np.log1p(load)
            conditional = np.exp(-log_one_plus)
            if log_noise is not None:
                log_kappa = (
                    log_t + log_noise - (log_gm + log_serving_rel) - 0.5 * alpha * log_one_plus
                )
                conditional = conditional * noise_factor(log_kappa, alpha)
            return np.asarray(conditional)

        covered = q * branch(0.0)
        if zeta > 0.0:
            covered = covered + (1.0 - q) * branch(log_zeta)
        return np.asarray(covered)

    def coverage(self, threshold: ArrayLike, beamwidth: float) -> NDArray[np.float64]:
        """P(SINR > T) for thresholds T >= 0 (any shape) and one beamwidth [rad]."""
        theta = float(_check_beamwidth(beamwidth))
        t_arr = np.asarray(threshold, dtype=float)
        bad = ~(np.isfinite(t_arr) & (t_arr >= 0.0))
        if np.any(bad):
            value = t_arr[bad].flat[0] if t_arr.ndim else float(t_arr)
            raise ScenarioError(
                f"0 <= T < ∞ must hold for an SINR threshold, but got threshold={float(value)!r}"
            )
        with np.errstate(divide="ignore"):
            log_t = np.log(t_arr)
        return self.log_coverage_kernel(log_t, np.asarray(theta)).reshape(t_arr.shape)

    # ----------------------------------------------------------------- rate

    def rates(self, beamwidth: ArrayLike) -> NDArray[np.float64]:
        """R̄(θ_m) [bit/s/Hz] for beamwidths of any shape [rad], all on one grid.

        R̄ ln 2 = ∫_ℝ h(x) dx, h(x) = P_cov(e^x) σ(x), σ(x) = e^x/(1 + e^x)
        (t = ln(1 + T), T = e^x). Trapezoid rule, step 1/2, on a window
        [x_lo, x_hi] widened until both tails are below 1e-15 of the integral:

        * below x_lo: h <= σ(x) <= e^x, so the tail is <= e^{x_lo};
        * above x_hi >= 0: every serving branch sees the main-lobe marks, so
          A >= p ρ(T) >= p (C T^δ − 1) (δ = 2/α, C = πδ/sin πδ, the ₂F₁ term
          of ρ is <= 1 for T >= 1) and P_cov <= 1/(1 + A) <= e^{−δx}/(pC):
          the tail is <= e^{−δ x_hi}/(δ p C).

        A rate so small that it underflows is held to 1e-300 nats absolute.
        The step-1 sum (every other node) must agree with the step-1/2 sum to
        1e-6 relative, else :class:`NumericalError`.
        """
        theta = _check_beamwidth(beamwidth)
        flat = theta.reshape(-1)
        delta = 2.0 / self.pathloss_exp
        log_tail_coeff = -np.log(
            delta * (flat / TWO_PI) * (math.pi * delta) / math.sin(math.pi * delta)
        )
        lo, hi = _WINDOW
        for _ in range(4):
            x = np.arange(lo, hi + 0.5 * _RATE_STEP, _RATE_STEP)
            h = self.log_coverage_kernel(x[np.newaxis, :], flat[:, np.newaxis]) * special.expit(x)
            fine = _RATE_STEP * h.sum(axis=1)
            coarse = 2.0 * _RATE_STEP * h[:, ::2].sum(axis=1)
            # a rate that underflows (SNR ~ e^{−700}) is held to 1e-300 nats absolute
            log_allowed = np.log(np.maximum(_TAIL_RTOL * fine, 1e-300))
            need_lo = float(np.min(log_allowed)) - 1.0
            need_hi = float(np.max((log_tail_coeff - log_allowed) / delta)) + 1.0
            lo_ok = lo <= _X_FLOOR or lo <= need_lo
            hi_ok = hi >= need_hi
            if lo_ok and hi_ok:
                break
            if not lo_ok:
                lo = max(math.floor(need_lo), _X_FLOOR)
            if not hi_ok:
                if not need_hi <= _X_CEILING:
                    worst = float(flat[np.argmax(log_tail_coeff - log_allowed)])
                    raise NumericalError(
                        f"the ergodic-rate integral needs ln T up to {need_hi:g} (beyond "
                        f"{_X_CEILING:g}) for θ_m={worst!r} rad"
                    )
                hi = math.ceil(need_hi)
        else:  # pragma: no cover - each pass only widens the window
            raise NumericalError("the ergodic-rate window did not settle after 4 passes")
        bad = ~(np.isfinite(fine) & (np.abs(fine - coarse) <= _STEP_AGREEMENT * fine + 1e-300))
        if np.any(bad):
            i = int(np.flatnonzero(bad)[0])
            raise NumericalError(
                f"the ergodic-rate integral did not converge at θ_m={float(flat[i])!r} rad "
                f"(trapezoid sums {fine[i]:g} at step {_RATE_STEP:g} and {coarse[i]:g} at step "
                f"{2 * _RATE_STEP:g} on ln T in [{lo:g}, {hi:g}])"
            )
        return (fine / math.log(2.0)).reshape(theta.shape)

    def rate(self, beamwidth: float) -> float:
        """R̄(θ_m) [bit/s/Hz] for one beamwidth [rad]."""
        return float(self.rates(beamwidth))

    def best_beamwidth(self, lower: float, upper: float) -> tuple[float, float]:
        """(θ* [rad], R̄(θ*) [bit/s/Hz]) on [lower, upper]: see :func:`best_beamwidth`."""
        _check_beamwidth(np.array([lower, upper]))
        if not lower <= upper:
            raise ScenarioError(
                f"lower <= upper must hold for the beamwidth interval, but got "
                f"lower={lower!r}, upper={upper!r}"
            )
        if lower == upper:
            return float(lower), self.rate(lower)
        grid = np.exp(np.linspace(math.log(lower), math.log(upper), _GRID_POINTS))
        grid[0], grid[-1] = lower, upper
        rates = self.rates(grid)
        i = int(np.argmax(rates))
        lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, _GRID_POINTS - 1)]

        def negative_rate(log_theta: float) -> float:
            return -self.rate(min(max(math.exp(log_theta), lower), upper))

        res = optimize.minimize_scalar(
            negative_rate,
            bounds=(math.log(lo), math.log(hi)),
            method="bounded",
            options={"xatol": _REFINE_XATOL},
        )
        if not res.success:
            raise NumericalError(f"the beamwidth refinement failed: {res.message}")
        best_theta, best_rate = float(grid[i]), float(rates[i])
        if -res.fun > best_rate:
            best_theta, best_rate = min(max(math.exp(res.x), lower), upper), -float(res.fun)
        return best_theta, best_rate


# --------------------------------------------------------------------------- functions


def coverage_probability(
    threshold: ArrayLike,
    beamwidth: float,
    *,
    bs_density: float,
    pathloss_exp: float,
    side_lobe_ratio: float,
    pointing_error: float,
    tx_power_w: float,
    noise_w: float,
) -> NDArray[np.float64]:
    """Downlink SINR coverage P(SINR > T) of the typical UE, vectorised over T.

    P_cov(T) = q P_cov(T | G_m) + (1 − q) P_cov(T | G_s) with the r-averaged
    conditional coverage of Andrews, Baccelli & Ganti 2011 (with random
    interferer gains) and the pointing-error alignment probability
    q = erf(θ/(2√2 σ)) (orientation-error model of Wildman et al., IEEE TWC 2014,
    with a Gaussian error).

    Parameters
    ----------
    threshold : array_like
        SINR threshold T >= 0 (linear).
    beamwidth : float
        θ_m [rad], in (0, 2π].
    bs_density, pathloss_exp, side_lobe_ratio, pointing_error, tx_power_w, noise_w
        As the attributes of :class:`DownlinkModel` ([BS/m²], -, linear, [rad], [W], [W]).

    Returns
    -------
    ndarray
        P(SINR > T) in [0, 1], same shape as ``threshold``.

    Raises
    ------
    ScenarioError
        If any parameter or threshold is out of range.
    """
    model = DownlinkModel(
        bs_density, pathloss_exp, side_lobe_ratio, pointing_error, tx_power_w, noise_w
    )
    return model.coverage(threshold, beamwidth)


def ergodic_rate(
    beamwidth: ArrayLike,
    *,
    bs_density: float,
    pathloss_exp: float,
    side_lobe_ratio: float,
    pointing_error: float,
    tx_power_w: float,
    noise_w: float,
) -> NDArray[np.float64]:
    """R̄(θ_m) = E[log2(1 + SINR)] [bit/s/Hz] of the typical UE, vectorised over beamwidth.

    R̄ = (1/ln 2) ∫_0^∞ P_cov(e^t − 1) dt (the mean-rate identity of
    Andrews, Baccelli & Ganti 2011), with :func:`coverage_probability`'s model
    (pointing error as in Wildman et al., IEEE TWC 2014), integrated in
    x = ln T by the trapezoid rule (step 1/2, truncation below 1e-15 of the
    integral) for all beamwidths at once.

    Parameters
    ----------
    beamwidth : array_like
        θ_m [rad], each in (0, 2π].
    bs_density, pathloss_exp, side_lobe_ratio, pointing_error, tx_power_w, noise_w
        As the attributes of :class:`DownlinkModel` ([BS/m²], -, linear, [rad], [W], [W]).

    Returns
    -------
    ndarray
        R̄ [bit/s/Hz], same shape as ``beamwidth``.

    Raises
    ------
    ScenarioError
        If a parameter is out of range.
    NumericalError
        If the rate integral fails to converge.
    """
    model = DownlinkModel(
        bs_density, pathloss_exp, side_lobe_ratio, pointing_error, tx_power_w, noise_w
    )
    return model.rates(beamwidth)


def best_beamwidth(
    lower: float,
    upper: float,
    *,
    bs_density: float,
    pathloss_exp: float,
    side_lobe_ratio: float,
    pointing_error: float,
    tx_power_w: float,
    noise_w: float,
) -> tuple[float, float]:
    """Rate-maximising beamwidth θ* = argmax_{θ ∈ [lower, upper]} R̄(θ) and R̄(θ*).

    A coarse scan of 25 log-spaced beamwidths (endpoints included, one
    vectorised integral) locates the best grid point; a bounded Brent search
    on ln θ between its two neighbours refines it. The best of the grid and
    the refined point is returned, so a maximum at a bound returns that bound
    exactly.

    Parameters
    ----------
    lower, upper : float
        Search interval [rad], 0 < lower <= upper <= 2π.
    bs_density, pathloss_exp, side_lobe_ratio, pointing_error, tx_power_w, noise_w
        As the attributes of :class:`DownlinkModel`.

    Returns
    -------
    tuple of float
        (θ* [rad], R̄(θ*) [bit/s/Hz]).

    Raises
    ------
    ScenarioError
        If the interval or a parameter is out of range.
    NumericalError
        If a rate integral or the refinement fails.
    """
    model = DownlinkModel(
        bs_density, pathloss_exp, side_lobe_ratio, pointing_error, tx_power_w, noise_w
    )
    return model.best_beamwidth(lower, upper)
