"""Andrews' ρ(c, α), the interference functional of Poisson fields with Rayleigh fading.

ρ(c, α) = ∫_1^∞ dw/(1 + w^{α/2}/c) = (2c/(α−2)) ₂F₁(1, 1−2/α; 2−2/α; −c)
(Andrews, Baccelli & Ganti, IEEE TCOM 2011, their ρ(T, α)). It appears in the
downlink coverage of :mod:`.comms_rate` and in the guarded clutter Laplace
transform of :mod:`.interference`.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from isac_designer.errors import ScenarioError

LOG_CAP = 600.0
"""Largest exponent taken in the log-space evaluation; e^{−600} is a coverage of zero."""


def check_scalar(name: str, value: float, rule: str, ok: bool) -> None:
    """Raise :class:`ScenarioError` naming ``rule`` and the value unless ``ok``."""
    if not ok:
        raise ScenarioError(f"{rule} must hold, but got {name}={value!r}")


def check_pathloss(pathloss_exp: float) -> None:
    """A path-loss exponent must be finite and above 2."""
    check_scalar(
        "pathloss_exp",
        pathloss_exp,
        "2 < α < ∞ for the path-loss exponent",
        math.isfinite(pathloss_exp) and pathloss_exp > 2.0,
    )


def rho_from_log(log_c: NDArray[np.float64], pathloss_exp: float) -> NDArray[np.float64]:
    """ρ(e^{log_c}, α), accurate for every c >= 0 (log_c = −∞ gives 0).

    For c <= 1 the series form (2c/(α−2)) ₂F₁(1, 1−δ; 2−δ; −c); for c > 1 the
    connection formula ρ = c^δ πδ/sin(πδ) − ₂F₁(1, δ; 1+δ; −1/c), δ = 2/α,
    so ₂F₁ is only ever evaluated on [−1, 0]. c^δ is capped at e^600.
    """
    delta = 2.0 / pathloss_exp
    small = log_c <= 0.0
    c_small = np.exp(np.minimum(log_c, 0.0))
    rho_small = (2.0 * c_small / (pathloss_exp - 2.0)) * special.hyp2f1(
        1.0, 1.0 - delta, 2.0 - delta, -c_small
    )
    inv_large = np.exp(-np.maximum(log_c, 0.0))
    full = math.pi * delta / math.sin(math.pi * delta)
    rho_large = np.exp(np.minimum(delta * log_c, LOG_CAP)) * full - special.hyp2f1(
        1.0, delta, 1.0 + delta, -inv_large
    )
    return np.where(small, rho_small, rho_large)


def andrews_rho(c: ArrayLike, pathloss_exp: float) -> NDArray[np.float64]:
    """ρ(c, α) = ∫_1^∞ dw/(1 + w^{α/2}/c) of Andrews, Baccelli & Ganti 2011.

    Equals (2c/(α−2)) ₂F₁(1, 1−2/α; 2−2/α; −c); for α = 4 it is
    √c (π/2 − arctan(1/√c)). It grows like c^{2/α} (2π/α)/sin(2π/α) for
    large c and like 2c/(α−2) for small c.

    Parameters
    ----------
    c : array_like
        Normalised threshold c >= 0 (dimensionless; T g_j/G_0 in this module).
    pathloss_exp : float
        α > 2.

    Returns
    -------
    ndarray
        ρ(c, α) >= 0, same shape as ``c``.

    Raises
    ------
    ScenarioError
        If α <= 2 or some c is negative or NaN.
    """
    check_pathloss(pathloss_exp)
    arr = np.asarray(c, dtype=float)
    bad = ~(arr >= 0.0)
    if np.any(bad):
        value = arr[bad].flat[0] if arr.ndim else float(arr)
        raise ScenarioError(f"c >= 0 must hold for ρ(c, α), but got c={float(value)!r}")
    with np.errstate(divide="ignore"):
        log_c = np.log(arr)
    rho = rho_from_log(log_c, pathloss_exp)
    return np.where(np.isinf(arr), np.inf, rho)
