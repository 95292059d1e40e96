"""Numerical helpers shared by the closed forms.

Integer thresholds (K_rel, K*, M_max) are computed with a relative guard so
that a ratio that is an integer in exact arithmetic does not flip through
float rounding (``ln(1e-3)/ln(0.1)`` is 2.9999999999999996 in float64, but
K_rel is 3). Bessel and Poisson quantities are evaluated in log space.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

INTEGER_RTOL = 1e-12
"""Relative distance to an integer below which a ratio counts as that integer.

A few thousand ulps: float rounding of the ratios is ~1e-15 relative, while a
looser guard (it was 1e-9) snapped K*_static = 3769909299.35 down to 3769909299
at 1e7 BS/km², a cluster that then missed the kinematic constraint."""


def _snap(x: NDArray[np.float64], rtol: float) -> NDArray[np.float64]:
    nearest = np.round(x)
    close = np.abs(x - nearest) <= rtol * np.maximum(1.0, np.abs(x))
    return np.where(close, nearest, x)


def safe_ceil(x: ArrayLike, rtol: float = INTEGER_RTOL) -> NDArray[np.float64]:
    """Ceiling that treats values within ``rtol`` of an integer as that integer.

    Returns float64 so that ``inf`` survives; cast with ``int()`` where finite.
    """
    arr = np.asarray(x, dtype=float)
    return np.ceil(_snap(arr, rtol))


def safe_floor(x: ArrayLike, rtol: float = INTEGER_RTOL) -> NDArray[np.float64]:
    """Floor that treats values within ``rtol`` of an integer as that integer."""
    arr = np.asarray(x, dtype=float)
    return np.floor(_snap(arr, rtol))


def ceil_int(x: float, rtol: float = INTEGER_RTOL) -> int:
    """Scalar :func:`safe_ceil` as an ``int`` (``x`` must be finite)."""
    if not math.isfinite(x):
        raise ValueError(f"ceil_int needs a finite value, got {x!r}")
    return int(safe_ceil(x, rtol))


def floor_int(x: float, rtol: float = INTEGER_RTOL) -> int:
    """Scalar :func:`safe_floor` as an ``int`` (``x`` must be finite)."""
    if not math.isfinite(x):
        raise ValueError(f"floor_int needs a finite value, got {x!r}")
    return int(safe_floor(x, rtol))


def log_i0(x: ArrayLike) -> NDArray[np.float64]:
    """ln I_0(x) for x >= 0 without overflow (scaled Bessel: x + ln i0e(x))."""
    arr = np.asarray(x, dtype=float)
    return arr + np.log(special.i0e(arr))


_SERIES_SWITCH = 2.0
_SERIES_TERMS = 30


def bessel_growth(x: ArrayLike) -> NDArray[np.float64]:
    """g(x) = (I_0(x) − 1)/x², with g(0) = 1/4, accurate at every x >= 0.

    The power series ``Σ_{k>=1} (x²/4)^k/(k!)² / x²`` is used for x < 2
    (no cancellation in ``I_0(x) − 1``); above, ``exp(ln(I_0 − 1) − 2 ln x)``
    with the scaled Bessel function, so it is ``inf`` only where the value
    itself exceeds float64 (x ≳ 713).
    """
    arr = np.asarray(x, dtype=float)
    with np.errstate(over="ignore"):
        return np.exp(log_bessel_growth(arr))


def log_bessel_growth(x: ArrayLike) -> NDArray[np.float64]:
    """ln g(x) = ln((I_0(x) − 1)/x²), finite for every finite x >= 0."""
    arr = np.asarray(x, dtype=float)
    small = arr < _SERIES_SWITCH
    xs = np.where(small, arr, 0.0)
    q = xs * xs / 4.0
    # (I0 - 1)/x^2 = (1/4) * sum_{k>=1} q^(k-1) / (k!)^2
    term = np.full_like(xs, 0.25)
    total = term.copy()
    for k in range(2, _SERIES_TERMS):
        term = term * q / (k * k)
        total = total + term
    xl = np.where(small, _SERIES_SWITCH, arr)
    i0e = special.i0e(xl)
    # ln(I0 - 1) = x + ln(i0e) + ln(1 - e^{-x}/i0e)
    log_i0_minus_1 = xl + np.log(i0e) + np.log1p(-np.exp(-xl) / i0e)
    large_val = log_i0_minus_1 - 2.0 * np.log(xl)
    return np.where(small, np.log(total), large_val)


def first_true(lo: int, hi: int, predicate: Callable[[int], bool]) -> int | None:
    """Smallest integer k in [lo, hi] with ``predicate(k)``, for a predicate that is
    False then True (monotone); None if ``predicate(hi)`` is False. Bisection:
    about log2(hi − lo) calls."""
    if not predicate(hi):
        return None
    while lo < hi:
        mid = (lo + hi) // 2
        if predicate(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo
