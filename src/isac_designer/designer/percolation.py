"""Boolean-model percolation of the single-BS safe zones, Sec. IV-D, eq. (22).

Q = λ_b π R_max,1² is the coverage parameter of the Boolean model
∪_{x∈Φ_b} B(x, R_max,1); it percolates when Q exceeds the critical
filling factor c*.
"""

from __future__ import annotations

import math
from enum import StrEnum

import numpy as np
from numpy.typing import ArrayLike, NDArray

CRITICAL_FILLING_PAPER = 1.128
"""c* as printed in eq. (22)."""

CRITICAL_FILLING_EXACT = 1.12808737
"""c* for discs, η_c = 1.12808737(6) (Mertens & Moore, Phys. Rev. E 86, 061109, 2012)."""

FISHER_EXPONENT_EXACT = 187.0 / 91.0
"""2D percolation cluster-size exponent τ = 187/91 ≈ 2.0549 (the paper's δ_perc ≈ 2.05)."""

NEAR_CRITICAL_BAND = 0.10
"""Relative band |Q/c* − 1| <= 0.10 reported as near-critical."""


class Percolation(StrEnum):
    """Percolation regime of the safe-zone Boolean model."""

    SUBCRITICAL = "sub-critical"
    NEAR_CRITICAL = "near-critical"
    SUPERCRITICAL = "super-critical"


def coverage_parameter(bs_density: ArrayLike, safe_range_m: ArrayLike) -> NDArray[np.float64]:
    """Q = λ_b π R_max,1² (Lemma 2), dimensionless."""
    return (
        np.asarray(bs_density, dtype=float) * math.pi * np.asarray(safe_range_m, dtype=float) ** 2
    )


def is_supercritical(q: float, critical: float) -> bool:
    """Theorem 1's switch: the super-critical branch applies when Q > c*."""
    return q > critical


def percolation_regime(q: float, critical: float, band: float = NEAR_CRITICAL_BAND) -> Percolation:
    """Name the regime: near-critical within ``band`` of c*, else sub / super."""
    if abs(q / critical - 1.0) <= band:
        return Percolation.NEAR_CRITICAL
    return Percolation.SUPERCRITICAL if q > critical else Percolation.SUBCRITICAL
