"""The Scenario object: its SI view, immutability and model-validity warnings."""

from __future__ import annotations

import math
import re

import pytest

from isac_designer.designer.scenario import Scenario

BOLTZMANN = 1.380649e-23  # J/K, exact since SI 2019


SPEED_OF_LIGHT = 299_792_458.0  # m/s, exact


# --------------------------------------------------------------------------- SI view
def test_si_properties_against_hand_arithmetic(table1_scenario: Scenario) -> None:
    s = table1_scenario
    close = math.isclose
    assert close(s.tx_power_w, 10 ** (46 / 10) / 1000, rel_tol=1e-12)  # ≈ 39.8 W
    assert close(s.bs_density, 1e-5, rel_tol=1e-12)
    assert close(s.sojourn_rate, 0.01, rel_tol=1e-12)
    assert close(s.detection_threshold, 10**0.5, rel_tol=1e-12)
    assert close(s.design_range, 0.5 / math.sqrt(1e-5), rel_tol=1e-12)  # ≈ 158 m
    assert close(s.qos_time_s, 0.3 * 100, rel_tol=1e-12)
    assert close(s.reference_main_lobe_gain, 1000.0, rel_tol=1e-12)
    assert close(s.side_lobe_ratio, 1e-4, rel_tol=1e-12)
    assert close(s.target_density, 1e-5, rel_tol=1e-12)
    assert close(s.bandwidth_hz, 1e8, rel_tol=1e-12)
    assert close(s.carrier_frequency_hz, 3.5e9, rel_tol=1e-12)
    assert close(s.pointing_error, math.pi / 180, rel_tol=1e-12)
    assert close(s.beamwidth_min, 0.25 * math.pi / 180, rel_tol=1e-12)
    assert close(s.beamwidth_max, 2 * math.pi / 3, rel_tol=1e-12)
    assert s.clutter_density == 0.0
    assert close(s.clutter_gain, 1.0, rel_tol=1e-12)
    thermal = BOLTZMANN * 290 * 1e8 * 10**0.7
    assert close(s.thermal_noise_w, thermal, rel_tol=1e-12)
    referred = thermal * (4 * math.pi * 3.5e9 / SPEED_OF_LIGHT) ** 2
    assert close(s.noise_power_w, referred, rel_tol=1e-12)


def test_numeric_design_range_is_used_as_given(table1_scenario: Scenario) -> None:
    assert table1_scenario.replace(design_range_m=250.0).design_range == 250.0
    denser = table1_scenario.replace(bs_density_per_km2=1000.0)
    assert math.isclose(denser.design_range, 0.5 / math.sqrt(1e-3), rel_tol=1e-12)


def test_scenario_is_immutable(table1_scenario: Scenario) -> None:
    with pytest.raises(AttributeError):
        table1_scenario.rho0 = 0.5  # type: ignore[misc]
    changed = table1_scenario.replace(rho0=0.02)
    assert changed.rho0 == 0.02
    assert table1_scenario.rho0 == 0.01


# --------------------------------------------------------------------------- validity notes
# densest (hexagonal) packing at spacing d: 2/(√3 d²); 461.9 BS/km² at d = 50 m
HEX_LIMIT_PER_KM2 = 2 / (math.sqrt(3) * 50.0**2) * 1e6


@pytest.mark.parametrize(
    ("density", "warns"),
    [(10.0, False), (400.0, False), (461.0, False), (462.0, True), (1000.0, True)],
)
def test_validity_warnings_at_50m_spacing(
    table1_scenario: Scenario, density: float, warns: bool
) -> None:
    notes = table1_scenario.replace(bs_density_per_km2=density).validity_warnings()
    assert bool(notes) is warns
    if warns:
        text = " ".join(notes)
        assert "bs_density_per_km2" in text
        numbers = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", text)]
        assert any(math.isclose(x, HEX_LIMIT_PER_KM2, rel_tol=1e-3) for x in numbers), text


def test_validity_warning_follows_spacing(table1_scenario: Scenario) -> None:
    # at 20 m the limit is 2/(√3·400 m²) ≈ 2887 BS/km², so 1000 BS/km² packs
    assert (
        table1_scenario.replace(
            bs_density_per_km2=1000.0, min_bs_spacing_m=20.0
        ).validity_warnings()
        == []
    )
