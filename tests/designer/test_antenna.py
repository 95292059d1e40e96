"""Eq. (1) and the coupling-gain identity (8)-(9)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from isac_designer.designer import antenna
from isac_designer.errors import ScenarioError


def test_table1_reference_beam() -> None:
    """30 dBi with ζ = −40 dB: θ = 2π(10^-3 − 10^-4)/(1 − 10^-4) = 5.6554 mrad."""
    theta = antenna.beamwidth_from_gain(1000.0, 1e-4)
    assert theta == pytest.approx(2 * math.pi * 9e-4 / 0.9999, rel=1e-14)
    assert float(antenna.main_lobe_gain(theta, 1e-4)) == pytest.approx(1000.0, rel=1e-13)
    assert math.degrees(theta) == pytest.approx(0.3240, abs=1e-4)


@given(theta=st.floats(1e-6, 2 * math.pi), zeta=st.floats(0.0, 0.99))
def test_energy_conservation_gives_unit_mean_coupling(theta: float, zeta: float) -> None:
    """(9): Ḡ = 1 exactly, for every beamwidth and side-lobe level."""
    assert float(antenna.mean_coupling_gain(theta, zeta)) == pytest.approx(1.0, rel=1e-12)
    gains, probs = antenna.coupling_gain_distribution(theta, zeta)
    assert probs.sum() == pytest.approx(1.0, rel=1e-14)
    assert float(gains @ probs) == pytest.approx(1.0, rel=1e-12)


def test_paper_gain_approximation_limit() -> None:
    theta = np.array([1e-3, 1e-2, 0.1])
    exact = antenna.main_lobe_gain(theta, 0.0)
    assert np.allclose(exact, antenna.main_lobe_gain_paper(theta), rtol=1e-15)
    assert np.all(antenna.main_lobe_gain(theta, 1e-4) < antenna.main_lobe_gain_paper(theta))


@pytest.mark.parametrize(("gain", "zeta"), [(0.5, 1e-4), (1e4, 1e-4), (2e4, 1e-4)])
def test_impossible_gain_is_rejected(gain: float, zeta: float) -> None:
    with pytest.raises(ScenarioError, match="G_m"):
        antenna.beamwidth_from_gain(gain, zeta)
