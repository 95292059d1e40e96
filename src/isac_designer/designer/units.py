"""Unit conversions used only at the edges (files, CLI, reports).

Inside the toolkit everything is SI: metres, seconds, watts, linear gains,
BS per square metre.
"""

from __future__ import annotations

import math

PER_KM2_IN_PER_M2 = 1e-6
"""1 per km² expressed in per m²."""

BOLTZMANN_J_PER_K = 1.380649e-23
"""Boltzmann constant k_B (exact, SI 2019) [J/K]."""

REFERENCE_TEMPERATURE_K = 290.0
"""Standard noise reference temperature T0 [K] (IEEE)."""

SPEED_OF_LIGHT_M_PER_S = 299_792_458.0
"""Speed of light in vacuum [m/s] (exact)."""


def db_to_linear(value_db: float) -> float:
    """Power ratio in dB (or dBi) to a linear ratio."""
    return float(10.0 ** (value_db / 10.0))


def linear_to_db(value: float) -> float:
    """Linear power ratio to dB; ``-inf`` for zero."""
    return -math.inf if value == 0 else 10.0 * math.log10(value)


def dbm_to_watt(value_dbm: float) -> float:
    """Power in dBm to watts."""
    return float(10.0 ** ((value_dbm - 30.0) / 10.0))


def watt_to_dbm(value_w: float) -> float:
    """Power in watts to dBm; ``-inf`` for zero."""
    return -math.inf if value_w == 0 else 10.0 * math.log10(value_w) + 30.0


def per_km2_to_per_m2(value: float) -> float:
    """Areal density per km² to per m²."""
    return value / 1e6


def per_m2_to_per_km2(value: float) -> float:
    """Areal density per m² to per km²."""
    return value * 1e6


def deg_to_rad(value_deg: float) -> float:
    """Angle in degrees to radians."""
    return math.radians(value_deg)


def rad_to_deg(value_rad: float) -> float:
    """Angle in radians to degrees."""
    return math.degrees(value_rad)
