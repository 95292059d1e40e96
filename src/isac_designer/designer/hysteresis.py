"""Event-triggered hysteresis handover, Remark 5: the margin Δr* for a rate ν_h.

A drop/add margin Δr triggers a handover when the target has drifted Δr from
its cluster reference. Remark 5 maps this onto Theorem 1-DYN with
ν_h^eff ≈ D/Δr² ("2D Brownian FPT scaling"); the exact mean time for 2D
Brownian motion to first reach distance Δr is Δr²/(4D), so matching the mean
inter-handover time gives ν_h^eff = 4D/Δr².
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray


def hysteresis_margin_paper(handover_rate: ArrayLike, diffusion: float) -> NDArray[np.float64]:
    """Δr = √(D/ν_h) [m], Remark 5's scaling inverted; inf at ν_h = 0."""
    nu = np.asarray(handover_rate, dtype=float)
    with np.errstate(divide="ignore"):
        return np.sqrt(diffusion / nu)


def hysteresis_margin_exact(handover_rate: ArrayLike, diffusion: float) -> NDArray[np.float64]:
    """Δr = 2√(D/ν_h) [m]: the disc whose mean exit time Δr²/(4D) is 1/ν_h; inf at 0."""
    nu = np.asarray(handover_rate, dtype=float)
    with np.errstate(divide="ignore"):
        return 2.0 * np.sqrt(diffusion / nu)


def hysteresis_margin_printed(
    bs_density: float, static_requirement: float, cluster_size: float
) -> float:
    """Δr* = [√(πλ_b) ln(K*_static/K)]^{-1} [m] exactly as Remark 5 prints it.

    Substituting (29) into Δr = √(D/ν_h) gives √(K/(πλ_b))/ln(K*_static/K);
    the printed form drops the √K (it holds for K = 1 only). Kept to show
    the size of the slip; the paper tier reports the corrected value.
    """
    log_ratio = math.log(static_requirement / cluster_size)
    if log_ratio <= 0.0:
        return math.inf
    return 1.0 / (math.sqrt(math.pi * bs_density) * log_ratio)
