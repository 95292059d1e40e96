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
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import integrate, optimize

from isac_designer.designer.andrews_rho import (
    LOG_CAP,
    check_pathloss,
    check_scalar,
    rho_from_log,
)
from isac_designer.designer.antenna import main_lobe_gain
from isac_designer.errors import NumericalError, ScenarioError

TWO_PI = 2.0 * math.pi


_QUAD_EPSREL = 1e-9
_QUAD_EPSABS = 1e-13
_QUAD_LIMIT = 200
_ACCEPT_RTOL = 1e-6
"""A rate integral whose quad error estimate exceeds this (relative) raises NumericalError."""
_ACCEPT_ATOL = 1e-12

_GRID_POINTS = 25
"""Log-spaced beamwidths in the coarse scan of :func:`best_beamwidth`."""
_REFINE_XATOL = 1e-7
"""Absolute tolerance on ln θ_m of the bounded refinement in :func:`best_beamwidth`."""


# --------------------------------------------------------------------------- validation


def _check_common(
    bs_density: float,
    pathloss_exp: float,
    side_lobe_ratio: float,
    pointing_error: float,
    tx_power_w: float,
    noise_w: float,
) -> None:
    """Raise :class:`ScenarioError` if a model parameter is out of its range."""
    check_scalar(
        "bs_density",
        bs_density,
        "0 < λ < ∞ for the BS density [1/m²]",
        math.isfinite(bs_density) and bs_density > 0.0,
    )
    check_pathloss(pathloss_exp)
    check_scalar(
        "side_lobe_ratio",
        side_lobe_ratio,
        "0 <= ζ < 1 for the side-lobe ratio (linear)",
        0.0 <= side_lobe_ratio < 1.0,
    )
    check_scalar(
        "pointing_error",
        pointing_error,
        "0 < σ < ∞ for the pointing-error std [rad]",
        math.isfinite(pointing_error) and pointing_error > 0.0,
    )
    check_scalar(
        "tx_power_w",
        tx_power_w,
        "0 < P < ∞ for the transmit power [W]",
        math.isfinite(tx_power_w) and tx_power_w > 0.0,
    )
    check_scalar(
        "noise_w",
        noise_w,
        "0 <= W < ∞ for the noise power [W]",
        math.isfinite(noise_w) and noise_w >= 0.0,
    )


def _check_beamwidth(beamwidth: ArrayLike) -> NDArray[np.float64]:
    theta = np.asarray(beamwidth, dtype=float)
    bad = ~((theta > 0.0) & (theta <= TWO_PI))  # also catches NaN
    if np.any(bad):
        value = theta[bad].flat[0] if theta.ndim else float(theta)
        raise ScenarioError(
            f"0 < θ_m <= 2π must hold for a beamwidth [rad], but got beamwidth={float(value)!r}"
        )
    return theta


# --------------------------------------------------------------------------- noise factor


@lru_cache(maxsize=32)
def _trapezoid_nodes(pathloss_exp: float) -> tuple[NDArray[np.float64], float]:
    # The integrand in z = ln u, exp(z − e^z − κ e^{αz/2}), is entire and decays
    # in the strip |Im z| < π/(2α); the trapezoid rule with step h then errs by
    # ~exp(−2π·(π/(2α))/h) = e^{−30}.
    step = math.pi**2 / (30.0 * pathloss_exp)
    nodes = np.arange(-36.0, 4.0 + step, step)
    return nodes, step


def _noise_factor(log_kappa: NDArray[np.float64], pathloss_exp: float) -> NDArray[np.float64]:
    """F(κ, α) = ∫_0^∞ exp(−u − κ u^{α/2}) du for κ = e^{log_kappa} (F(0) = 1).

    Trapezoid rule in z = ln u on a window shifted to the integrand's bulk
    (u ~ min(1, κ^{−2/α})); relative error below 1e-12 for every κ.
    """
    nodes, step = _trapezoid_nodes(pathloss_exp)
    shift = -(2.0 / pathloss_exp) * np.maximum(log_kappa, 0.0)
    z = shift[..., np.newaxis] + nodes
    power = np.minimum(log_kappa[..., np.newaxis] + 0.5 * pathloss_exp * z, LOG_CAP)
    return np.asarray(step * np.exp(z - np.exp(z) - np.exp(power)).sum(axis=-1))


# --------------------------------------------------------------------------- coverage


def _alignment_probability(beamwidth: float, pointing_error: float) -> float:
    """q = P(|δ| <= θ/2) = erf(θ/(2√2 σ)) for δ ~ N(0, σ²) (Wildman et al. 2014)."""
    return math.erf(beamwidth / (2.0 * math.sqrt(2.0) * pointing_error))


class _Beam:
    """Per-beamwidth constants of the coverage model, evaluated in log-threshold space.

    Serving branches k (gain S_k, weight w_k ∈ {q, 1 − q}) and interferer marks
    j (gain g_j, probability π_j ∈ {p, 1 − p}); branches or marks of zero gain
    or zero probability are dropped (a zero serving gain never covers,
    ρ(0, α) = 0).
    """

    def __init__(
        self,
        beamwidth: float,
        bs_density: float,
        pathloss_exp: float,
        side_lobe_ratio: float,
        pointing_error: float,
        tx_power_w: float,
        noise_w: float,
    ) -> None:
        gm = float(main_lobe_gain(beamwidth, side_lobe_ratio))
        gs = side_lobe_ratio * gm
        p = beamwidth / TWO_PI
        q = _alignment_probability(beamwidth, pointing_error)
        self.alpha = pathloss_exp
        serving = [(g, w) for g, w in ((gm, q), (gs, 1.0 - q)) if g > 0.0 and w > 0.0]
        marks = [(g, w) for g, w in ((gm, p), (gs, 1.0 - p)) if g > 0.0 and w > 0.0]
        self.weights = np.array([w for _, w in serving])
        self.log_serving = np.log([g for g, _ in serving])
        self.mark_probs = np.array([w for _, w in marks])
        # ln(g_j/S_k), shape (marks, serving, 1)
        self.log_ratio = (np.log([g for g, _ in marks])[:, None] - self.log_serving[None, :])[
            ..., None
        ]
        # ln(W/(P S_k (πλ)^{α/2})), shape (serving, 1); −inf without noise
        self.noisy = noise_w > 0.0
        log_noise = (
            math.log(noise_w / tx_power_w) - 0.5 * pathloss_exp * math.log(math.pi * bs_density)
            if self.noisy
            else -math.inf
        )
        self.log_noise = (log_noise - self.log_serving)[:, None]

    def coverage(self, log_t: NDArray[np.float64]) -> NDArray[np.float64]:
        """P_cov(T) for T = e^{log_t} (1-D array; −∞ means T = 0)."""
        if self.weights.size == 0:
            return np.zeros_like(log_t)
        rho = rho_from_log(log_t + self.log_ratio, self.alpha)  # (marks, serving, n)
        log_one_plus = np.log1p(np.tensordot(self.mark_probs, rho, axes=1))  # (serving, n)
        conditional = np.exp(-log_one_plus)
        if self.noisy:
            log_kappa = log_t + self.log_noise - 0.5 * self.alpha * log_one_plus
            conditional = conditional * _noise_factor(log_kappa, self.alpha)
        return np.asarray(self.weights @ conditional)

    def rate_nats(self) -> float:
        def integrand(t: float) -> float:
            # ln T = ln(e^t − 1), without overflow at large t
            log_t = t + math.log(-math.expm1(-t)) if t > 0.0 else -math.inf
            return float(self.coverage(np.array([log_t]))[0])

        value, abserr, info, *msg = integrate.quad(
            integrand,
            0.0,
            math.inf,
            epsabs=_QUAD_EPSABS,
            epsrel=_QUAD_EPSREL,
            limit=_QUAD_LIMIT,
            full_output=1,
        )
        if not math.isfinite(value) or abserr > max(_ACCEPT_RTOL * abs(value), _ACCEPT_ATOL):
            detail = msg[0] if msg else f"error estimate {abserr:g}"
            raise NumericalError(
                f"the ergodic-rate integral did not converge (value {value:g}, "
                f"{info['neval']} evaluations): {detail}"
            )
        return float(value)


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
    bs_density : float
        λ > 0 [BS/m²].
    pathloss_exp : float
        α > 2.
    side_lobe_ratio : float
        ζ = G_s/G_m in [0, 1) (linear).
    pointing_error : float
        σ > 0 [rad], std of the serving BS's pointing error.
    tx_power_w : float
        P > 0 [W] (budget with unit path gain at 1 m).
    noise_w : float
        W >= 0 [W], same budget.

    Returns
    -------
    ndarray
        P(SINR > T) in [0, 1], same shape as ``threshold``.

    Raises
    ------
    ScenarioError
        If any parameter or threshold is out of range.
    """
    _check_common(bs_density, pathloss_exp, side_lobe_ratio, pointing_error, tx_power_w, noise_w)
    theta = float(_check_beamwidth(beamwidth))
    t_arr = np.asarray(threshold, dtype=float)
    bad = ~(np.isfinite(t_arr) & (t_arr >= 0.0))
    if np.any(bad):
        value = t_arr[bad].flat[0] if t_arr.ndim else float(t_arr)
        raise ScenarioError(
            f"0 <= T < ∞ must hold for an SINR threshold, but got threshold={float(value)!r}"
        )
    beam = _Beam(
        theta, bs_density, pathloss_exp, side_lobe_ratio, pointing_error, tx_power_w, noise_w
    )
    with np.errstate(divide="ignore"):
        log_t = np.log(t_arr)
    return beam.coverage(np.atleast_1d(log_t)).reshape(t_arr.shape)


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
    Andrews, Baccelli & Ganti 2011), with :func:`coverage_probability`'s model (pointing error as in
    Wildman et al., IEEE TWC 2014). Computed by adaptive quadrature (relative
    tolerance 1e-9); the noise average uses a trapezoid rule accurate to 1e-12.

    Parameters
    ----------
    beamwidth : array_like
        θ_m [rad], each in (0, 2π].
    bs_density, pathloss_exp, side_lobe_ratio, pointing_error, tx_power_w, noise_w
        As in :func:`coverage_probability` ([BS/m²], -, linear, [rad], [W], [W]).

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
    _check_common(bs_density, pathloss_exp, side_lobe_ratio, pointing_error, tx_power_w, noise_w)
    theta = _check_beamwidth(beamwidth)
    flat = theta.reshape(-1)
    out = np.empty(flat.shape)
    for i, th in enumerate(flat):
        beam = _Beam(
            float(th),
            bs_density,
            pathloss_exp,
            side_lobe_ratio,
            pointing_error,
            tx_power_w,
            noise_w,
        )
        out[i] = beam.rate_nats() / math.log(2.0)
    return out.reshape(theta.shape)


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

    A coarse scan of 25 log-spaced beamwidths (endpoints included) locates
    the best grid point; a bounded Brent search on ln θ between its two
    neighbours refines it. The best of the grid and the refined point is
    returned, so a maximum at a bound returns that bound exactly.

    Parameters
    ----------
    lower, upper : float
        Search interval [rad], 0 < lower <= upper <= 2π.
    bs_density, pathloss_exp, side_lobe_ratio, pointing_error, tx_power_w, noise_w
        As in :func:`ergodic_rate`.

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
    _check_beamwidth(np.array([lower, upper]))
    if not lower <= upper:
        raise ScenarioError(
            f"lower <= upper must hold for the beamwidth interval, but got "
            f"lower={lower!r}, upper={upper!r}"
        )
    params = {
        "bs_density": bs_density,
        "pathloss_exp": pathloss_exp,
        "side_lobe_ratio": side_lobe_ratio,
        "pointing_error": pointing_error,
        "tx_power_w": tx_power_w,
        "noise_w": noise_w,
    }
    if lower == upper:
        return float(lower), float(ergodic_rate(lower, **params))
    grid = np.exp(np.linspace(math.log(lower), math.log(upper), _GRID_POINTS))
    grid[0], grid[-1] = lower, upper
    rates = ergodic_rate(grid, **params)
    i = int(np.argmax(rates))
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, _GRID_POINTS - 1)]

    def negative_rate(log_theta: float) -> float:
        return -float(ergodic_rate(min(max(math.exp(log_theta), lower), upper), **params))

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


@dataclass(frozen=True)
class DownlinkModel:
    """The six numbers R̄(θ_m) depends on, hashable so results can be memoised.

    Attributes are the keyword arguments of :func:`ergodic_rate` (SI units).
    """

    bs_density: float
    pathloss_exp: float
    side_lobe_ratio: float
    pointing_error: float
    tx_power_w: float
    noise_w: float

    def rate(self, beamwidth: float) -> float:
        """R̄(θ_m) [bit/s/Hz] for one beamwidth [rad]."""
        return float(ergodic_rate(beamwidth, **asdict(self)))

    def best_beamwidth(self, lower: float, upper: float) -> tuple[float, float]:
        """:func:`best_beamwidth` for this model."""
        return best_beamwidth(lower, upper, **asdict(self))
