"""Sectored (flat-top) beams and the BS-to-BS coupling gain, eqs. (1), (8), (9).

A beam of width θ_m has gain G_m inside ±θ_m/2 and G_s = ζ G_m outside;
energy conservation fixes G_m given θ_m and ζ. θ_m is the primary variable.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from isac_designer.errors import ScenarioError

TWO_PI = 2.0 * math.pi


def main_lobe_gain(beamwidth: ArrayLike, side_lobe_ratio: float) -> NDArray[np.float64]:
    """G_m = 2π / (θ_m + ζ(2π − θ_m)), eq. (1), exact.

    Parameters
    ----------
    beamwidth : array_like
        θ_m [rad], in (0, 2π].
    side_lobe_ratio : float
        ζ = G_s/G_m, linear, in [0, 1).

    Returns
    -------
    ndarray
        G_m, linear.
    """
    theta = np.asarray(beamwidth, dtype=float)
    return TWO_PI / (theta + side_lobe_ratio * (TWO_PI - theta))


def main_lobe_gain_paper(beamwidth: ArrayLike) -> NDArray[np.float64]:
    """G_m ≈ 2π/θ_m, the ζ → 0 approximation of eq. (1) used in eq. (16)."""
    return TWO_PI / np.asarray(beamwidth, dtype=float)


def beamwidth_from_gain(gain: float, side_lobe_ratio: float) -> float:
    """θ_m of the beam whose main-lobe gain is ``gain``: eq. (1) inverted, exact.

    θ_m = 2π (1/G_m − ζ)/(1 − ζ). Table I's 30 dBi with ζ = −40 dB gives
    5.6554 mrad (0.3240 deg).

    Raises
    ------
    ScenarioError
        If no beam has that gain (G_m must lie in [1, 1/ζ)).
    """
    upper = 1.0 / side_lobe_ratio if side_lobe_ratio > 0 else math.inf
    if not 1.0 <= gain < upper:
        raise ScenarioError(
            f"1 <= G_m < 1/ζ must hold for an energy-conserving beam (eq. (1)), but got "
            f"G_m={gain:g}, ζ={side_lobe_ratio:g}"
        )
    return TWO_PI * (1.0 / gain - side_lobe_ratio) / (1.0 - side_lobe_ratio)


def main_lobe_probability(beamwidth: ArrayLike) -> NDArray[np.float64]:
    """p = θ_m/(2π): probability that a uniformly oriented beam covers a given direction."""
    return np.asarray(beamwidth, dtype=float) / TWO_PI


def mean_coupling_gain(beamwidth: ArrayLike, side_lobe_ratio: float) -> NDArray[np.float64]:
    """Ḡ = E[G_tx G_rx] = (p G_m + (1 − p) G_s)², eq. (8); equals 1 by (9).

    Computed from its definition (not returned as the constant 1) so that the
    identity (9) is checked, not assumed.
    """
    gm = main_lobe_gain(beamwidth, side_lobe_ratio)
    p = main_lobe_probability(beamwidth)
    mean_tx = p * gm + (1.0 - p) * side_lobe_ratio * gm
    return mean_tx * mean_tx


def coupling_gain_distribution(
    beamwidth: float, side_lobe_ratio: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Law of G̃ = G_tx G_rx for two independent uniformly oriented beams.

    Returns
    -------
    gains : ndarray, shape (3,)
        G_m², G_m G_s, G_s² (linear).
    probabilities : ndarray, shape (3,)
        p², 2p(1 − p), (1 − p)² with p = θ_m/(2π).
    """
    gm = float(main_lobe_gain(beamwidth, side_lobe_ratio))
    gs = side_lobe_ratio * gm
    p = beamwidth / TWO_PI
    gains = np.array([gm * gm, gm * gs, gs * gs])
    probabilities = np.array([p * p, 2.0 * p * (1.0 - p), (1.0 - p) ** 2])
    return gains, probabilities
