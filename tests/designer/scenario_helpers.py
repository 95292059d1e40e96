"""Shared by the scenario tests: the registry's validity rules, written out independently."""

from __future__ import annotations

import math
import re

from isac_designer.designer.parameters import PARAMETERS, ParameterSpec

# Expected values in the scenario tests come from the paper's Table I, from the validity
# rules of the registry (``lower``/``upper``/``*_open``/``allow_inf``, re-implemented here
# in :func:`rule_accepts`) and from hand arithmetic, never from running the code.


NUMERIC_SPECS = [p for p in PARAMETERS if p.kind != "bool"]


BOOL_SPECS = [p for p in PARAMETERS if p.kind == "bool"]


def spec_id(spec: ParameterSpec) -> str:
    return spec.key


def rule_accepts(spec: ParameterSpec, value: float) -> bool:
    """The documented rule of one numeric key, written out independently."""
    if math.isnan(value):
        return False
    if math.isinf(value):
        return spec.allow_inf and value > 0 and (spec.lower is None or value > spec.lower)
    if spec.lower is not None and (value < spec.lower or (spec.lower_open and value == spec.lower)):
        return False
    return not (
        spec.upper is not None and (value > spec.upper or (spec.upper_open and value == spec.upper))
    )


def compatible_partners(key: str, value: float) -> dict[str, float] | None:
    """Partner values that keep the cross rules true for a valid ``key=value``.

    None where no partner can: beamwidth_min_deg = 360 (beamwidth_max_deg <= 360), or a
    value so close to 0 that the partner would have to lie strictly between 0 and the
    smallest positive float.
    """
    partners: dict[str, float]
    if key == "rho0":
        partners = {"rho_max": 1.0}
    elif key == "rho_max":
        partners = {"rho0": value}
    elif key == "beamwidth_min_deg":
        partners = {"beamwidth_max_deg": 360.0}
        if value >= 360.0:
            return None
    elif key == "beamwidth_max_deg":
        partners = {"beamwidth_min_deg": value / 2}
        if not 0.0 < value / 2 < value:
            return None
    elif key == "main_lobe_gain_dbi":
        # G_m + ζ < 0 dB with ζ >= -100 dB
        partners = {"side_lobe_ratio_db": max(-2.0 * value, -100.0)}
    elif key == "side_lobe_ratio_db":
        partners = {"main_lobe_gain_dbi": -value / 2}
        if not 0.0 < -value / 2 < -value:
            return None
    else:
        partners = {}
    return partners


def boundary_values(spec: ParameterSpec) -> list[float]:
    """Each bound, its float neighbours, ±inf and nan: where accept flips to reject."""
    points = [math.inf, -math.inf, math.nan, 0.0, -1.0, 1.0]
    for bound in (spec.lower, spec.upper):
        if bound is not None:
            points += [bound, math.nextafter(bound, -math.inf), math.nextafter(bound, math.inf)]
            points += [bound - 1e-6, bound + 1e-6, bound - 1.0, bound + 1.0]
    return points


def numbers_after_got(message: str) -> list[float]:
    """Numbers the message reports after 'got' (the bad value)."""
    tail = message.split("got", 1)[1]
    found = re.findall(r"-?inf|nan|-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?", tail)
    return [float(x) for x in found]
