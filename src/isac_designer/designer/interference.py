"""BS-to-BS cross-link interference and clutter: Lemma 1, Corollary 2, Sec. II-D.

All powers are in the paper's link budget (unit path gain at 1 m, see
:attr:`Scenario.noise_power_w`). The LoS-thinned interferers form a PPP of
intensity λ_b e^{−βv} outside the hard-core disc of radius d_min.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from isac_designer.designer.andrews_rho import andrews_rho
from isac_designer.designer.antenna import coupling_gain_distribution


def mean_direct_interference(
    bs_density: float,
    tx_power_w: float,
    min_spacing_m: float,
    blockage_per_m: float,
    mean_coupling_gain: float = 1.0,
) -> float:
    """E[I_dir] = 2π λ_b P_t Ḡ E_1(β d_min) [W], Sec. II-D (below eq. (4)).

    Derivation: Campbell's theorem over the thinned PPP,
    ``λ_b ∫_{d}^{∞} P_t Ḡ v^{-2} e^{-βv} 2πv dv = 2πλ_b P_t Ḡ E_1(βd)``.
    Finite only because β > 0 and d_min > 0.
    """
    return float(
        2.0
        * math.pi
        * bs_density
        * tx_power_w
        * mean_coupling_gain
        * special.exp1(blockage_per_m * min_spacing_m)
    )


def mean_clutter_power(
    clutter_density: float,
    tx_power_w: float,
    clutter_gain: float,
    scattering_coeff: float,
    pathloss_exp: float,
    guard_m: float,
) -> float:
    """E[C_clutter] of eq. (5) with scatterers beyond the near-field guard [W].

    ``2π λ_c P_t G_c σ_c ∫_{r_min}^{∞} r^{1−α_c} dr = 2π λ_c P_t G_c σ_c
    r_min^{2−α_c}/(α_c − 2)``. Without the guard the mean diverges for every
    α_c > 2 (the paper's Remark uses the Laplace transform, which does not).
    """
    if clutter_density == 0.0:
        return 0.0
    return (
        2.0
        * math.pi
        * clutter_density
        * tx_power_w
        * clutter_gain
        * scattering_coeff
        * guard_m ** (2.0 - pathloss_exp)
        / (pathloss_exp - 2.0)
    )


_SERIES_MAX_RATIO = 0.25
_SERIES_TERMS = 40


def interference_kernel_integral(
    a: ArrayLike, blockage_per_m: float, min_spacing_m: float
) -> NDArray[np.float64]:
    """𝓘(β, a) = ∫_{d}^{∞} a v e^{−βv}/(v² + a) dv [m²], Corollary 2.

    Closed form (partial fractions of v/(v² + a) with poles ±i√a)::

        𝓘(β, a) = a · Re[ e^{iβ√a} E_1(β(d + i√a)) ]

    For a < d²/4 the closed form cancels; there the convergent series
    ``Σ_n (−1)^n a^{n+1} d^{−2n} E_{2n+1}(βd)`` is used instead.
    Limits: 𝓘 → a E_1(βd) as a → 0; 𝓘 → e^{−βd}(d/β + 1/β²) as a → ∞.
    """
    arr = np.asarray(a, dtype=float)
    beta, d = blockage_per_m, min_spacing_m
    ratio = arr / (d * d)
    small = ratio < _SERIES_MAX_RATIO
    # series branch
    rs = np.where(small, ratio, 0.0)
    series = np.zeros_like(arr)
    power = np.ones_like(arr)
    for n in range(_SERIES_TERMS):
        series = series + ((-1) ** n) * power * special.expn(2 * n + 1, beta * d)
        power = power * rs
    series = series * np.where(small, arr, 0.0)
    # closed-form branch
    al = np.where(small, d * d, arr)
    root = np.sqrt(al)
    closed = al * np.real(np.exp(1j * beta * root) * special.exp1(beta * d + 1j * beta * root))
    return np.where(small, series, closed)


def log_laplace_direct_interference(
    s: ArrayLike,
    bs_density: float,
    tx_power_w: float,
    min_spacing_m: float,
    blockage_per_m: float,
    beamwidth: float,
    side_lobe_ratio: float,
) -> NDArray[np.float64]:
    """ln 𝓛_{I_dir}(s), Lemma 1 eq. (10), exact: E over the three-point law of G̃.

    ``−2πλ_b Σ_j P(G̃ = g_j) 𝓘(β, s P_t g_j)``.
    """
    s_arr = np.asarray(s, dtype=float)
    gains, probs = coupling_gain_distribution(beamwidth, side_lobe_ratio)
    total = np.zeros_like(s_arr)
    for gain, prob in zip(gains, probs, strict=True):
        if prob > 0.0:
            total = total + prob * interference_kernel_integral(
                s_arr * tx_power_w * gain, blockage_per_m, min_spacing_m
            )
    return -2.0 * math.pi * bs_density * total


def log_laplace_direct_interference_paper(
    s: ArrayLike,
    bs_density: float,
    tx_power_w: float,
    min_spacing_m: float,
    blockage_per_m: float,
    mean_coupling_gain: float = 1.0,
) -> NDArray[np.float64]:
    """ln 𝓛_{I_dir}(s) of Corollary 2 eq. (11): G̃ replaced by its mean Ḡ (= 1)."""
    a = np.asarray(s, dtype=float) * tx_power_w * mean_coupling_gain
    return (
        -2.0
        * math.pi
        * bs_density
        * mean_coupling_gain
        * interference_kernel_integral(a, blockage_per_m, min_spacing_m)
    )


def log_laplace_clutter_paper(
    s: ArrayLike,
    clutter_density: float,
    tx_power_w: float,
    clutter_gain: float,
    scattering_coeff: float,
    pathloss_exp: float,
) -> NDArray[np.float64]:
    """ln 𝓛_C(s) of the paper's clutter Remark (no guard, Rayleigh scatterers).

    ``−π λ_c Γ(1 + 2/α_c) Γ(1 − 2/α_c) (s P_t G_c σ_c)^{2/α_c}``, α_c > 2.
    """
    s_arr = np.asarray(s, dtype=float)
    delta = 2.0 / pathloss_exp
    coeff = math.pi * clutter_density * special.gamma(1 + delta) * special.gamma(1 - delta)
    return -coeff * (s_arr * tx_power_w * clutter_gain * scattering_coeff) ** delta


def log_laplace_clutter(
    s: ArrayLike,
    clutter_density: float,
    tx_power_w: float,
    clutter_gain: float,
    scattering_coeff: float,
    pathloss_exp: float,
    guard_m: float,
) -> NDArray[np.float64]:
    """ln 𝓛_C(s) with scatterers beyond the near-field guard r_min, exact.

    ``−2πλ_c ∫_{r_min}^{∞} r dr/(1 + r^{α_c}/c)`` with c = s P_t G_c σ_c; the
    substitution w = (r/r_min)² turns it into Andrews' ρ::

        ln 𝓛_C(s) = −π λ_c r_min² ρ(c r_min^{−α_c}, α_c)

    which tends to :func:`log_laplace_clutter_paper` as r_min → 0.
    """
    s_arr = np.asarray(s, dtype=float)
    if clutter_density == 0.0:
        return np.zeros_like(s_arr)
    c = s_arr * tx_power_w * clutter_gain * scattering_coeff
    rho = andrews_rho(c * guard_m ** (-pathloss_exp), pathloss_exp)
    return -math.pi * clutter_density * guard_m**2 * rho
