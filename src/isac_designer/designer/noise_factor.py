"""The noise average F(κ, α) = ∫_0^∞ exp(−u − κ u^{α/2}) du of the downlink rate.

It is the distance average of the noise term in the coverage of
:mod:`isac_designer.designer.comms_rate` (u = πλr²(1 + A)). Three exact
evaluations, each where it is cheap and accurate: the small-κ expansion, the
α = 4 erfcx closed form or a spectrally accurate trapezoid rule, and a
convergent power series in κ^{−2/α} for large κ.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray
from scipy import special

from isac_designer.designer.andrews_rho import LOG_CAP

_SMALL_LOG_KAPPA = -40.0
"""Below ln κ = −40, F(κ, α) = 1 − Γ(1 + α/2) κ to double precision."""


def trapezoid_nodes(pathloss_exp: float) -> tuple[NDArray[np.float64], float]:
    """Nodes in z = ln u (before the shift to the bulk) and step of the trapezoid rule."""
    # The integrand in z = ln u, exp(z − e^z − κ e^{αz/2}), is entire and decays
    # in the strip |Im z| < π/(2α); the trapezoid rule with step h then errs by
    # ~exp(−2π·(π/(2α))/h) = e^{−30}.
    step = math.pi**2 / (30.0 * pathloss_exp)
    nodes = np.arange(-36.0, 4.0 + step, step)
    return nodes, step


_LARGE_LOG_KAPPA_PER_ALPHA = 5.0
"""Above ln κ = 5α, κ^{−2/α} <= e^{−10} and the power series in κ^{−2/α} is used."""
_LARGE_TERMS = 12


def noise_factor_large(log_kappa: NDArray[np.float64], pathloss_exp: float) -> NDArray[np.float64]:
    """F(κ, α) = (2/α) Σ_n (−1)^n Γ(2(n+1)/α)/n! κ^{−2(n+1)/α} (expand e^{−u}, integrate
    u^n e^{−κ u^{α/2}}); convergent for α > 2, 12 terms exact to double precision
    when κ^{−2/α} <= e^{−10}."""
    a = 2.0 / pathloss_exp
    total = np.zeros_like(log_kappa)
    for n in range(_LARGE_TERMS):
        coeff = (-1) ** n * math.gamma(a * (n + 1)) / math.factorial(n)
        total += coeff * np.exp(-a * (n + 1) * log_kappa)
    return a * total


def noise_factor(log_kappa: NDArray[np.float64], pathloss_exp: float) -> NDArray[np.float64]:
    """F(κ, α) = ∫_0^∞ exp(−u − κ u^{α/2}) du for κ = e^{log_kappa} (F(0) = 1).

    α = 4: F = (√π/(2√κ)) erfcx(1/(2√κ)) (complete the square). Otherwise a
    trapezoid rule in z = ln u on a window shifted to the integrand's bulk
    (u ~ min(1, κ^{−2/α})), relative error below 1e-12, between κ = e^{−40}
    and e^{5α}; above, the power series in κ^{−2/α} of
    :func:`noise_factor_large`. For κ < e^{−40} all give way to
    F = 1 − Γ(1 + α/2) κ.
    """
    small = log_kappa < _SMALL_LOG_KAPPA
    lk = np.where(small, 0.0, log_kappa)
    if pathloss_exp == 4.0:
        half_inv_root = 0.5 * np.exp(-0.5 * lk)  # 1/(2√κ)
        bulk = math.sqrt(math.pi) * half_inv_root * special.erfcx(half_inv_root)
    else:
        bulk = np.empty_like(lk)
        large = lk > _LARGE_LOG_KAPPA_PER_ALPHA * pathloss_exp
        bulk[large] = noise_factor_large(lk[large], pathloss_exp)
        middle = ~large
        nodes, step = trapezoid_nodes(pathloss_exp)
        lk_mid = lk[middle]
        shift = -(2.0 / pathloss_exp) * np.maximum(lk_mid, 0.0)
        z = shift[..., np.newaxis] + nodes
        power = np.minimum(lk_mid[..., np.newaxis] + 0.5 * pathloss_exp * z, LOG_CAP)
        bulk[middle] = step * np.exp(z - np.exp(z) - np.exp(power)).sum(axis=-1)
    series = 1.0 - math.gamma(1.0 + 0.5 * pathloss_exp) * np.exp(np.minimum(log_kappa, 0.0))
    return np.asarray(np.where(small, series, bulk))
