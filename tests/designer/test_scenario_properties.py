"""Property tests: random valid scenarios round-trip; every numeric key obeys its rule."""

from __future__ import annotations

import math
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isac_designer.designer.parameters import PARAMETERS, ParameterSpec
from isac_designer.designer.scenario import Scenario
from isac_designer.designer.scenario_io import dumps_scenario, scenario_from_mapping
from isac_designer.errors import ScenarioError
from tests.designer.scenario_helpers import (
    NUMERIC_SPECS,
    boundary_values,
    compatible_partners,
    numbers_after_got,
    rule_accepts,
)


def assert_names_value(message: str, value: float) -> None:
    reported = numbers_after_got(message)
    if math.isnan(value):
        assert any(math.isnan(x) for x in reported), message
    else:
        assert any(x == value or math.isclose(x, value, rel_tol=1e-5) for x in reported), message


def _in_range(spec: ParameterSpec) -> st.SearchStrategy[float]:
    lower = -1e6 if spec.lower is None else spec.lower
    upper = 1e6 if spec.upper is None else spec.upper
    return st.floats(
        min_value=lower,
        max_value=upper,
        exclude_min=spec.lower_open,
        exclude_max=spec.upper_open,
        allow_nan=False,
        allow_infinity=False,
        allow_subnormal=False,
    )


@st.composite
def valid_scenarios(draw: st.DrawFn) -> Scenario:
    values: dict[str, object] = {}
    for spec in PARAMETERS:
        if spec.kind == "bool":
            values[spec.key] = draw(st.booleans())
        elif spec.kind == "float_or_auto":
            values[spec.key] = draw(st.one_of(st.just("auto"), _in_range(spec)))
        elif spec.allow_inf:
            values[spec.key] = draw(st.one_of(st.just(math.inf), _in_range(spec)))
        else:
            values[spec.key] = draw(_in_range(spec))
    # cross rules: rho0 <= rho_max, beamwidth_min < beamwidth_max, G_m + ζ < 0 dB
    a, b = sorted([values["rho0"], values["rho_max"]])  # type: ignore[type-var]
    values["rho0"], values["rho_max"] = a, b
    lo, hi = sorted([values["beamwidth_min_deg"], values["beamwidth_max_deg"]])  # type: ignore[type-var]
    if lo == hi:
        lo = hi / 2
    values["beamwidth_min_deg"], values["beamwidth_max_deg"] = lo, hi
    # within the registry's bounds: 0 < G_m <= 60 dBi, -100 <= ζ < 0 dB
    gain = draw(st.floats(min_value=1e-3, max_value=59.0))
    values["main_lobe_gain_dbi"] = gain
    values["side_lobe_ratio_db"] = -gain - draw(st.floats(min_value=1e-2, max_value=99.0 - gain))
    return Scenario.from_mapping(values)


@settings(max_examples=60, deadline=None)
@given(valid_scenarios())
def test_round_trip_random_valid_scenarios(s: Scenario) -> None:
    assert scenario_from_mapping(tomllib.loads(dumps_scenario(s))) == s
    assert scenario_from_mapping(tomllib.loads(dumps_scenario(s, comments=False))) == s


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_range_rule_of_every_numeric_key(table1_scenario: Scenario, data: st.DataObject) -> None:
    spec = data.draw(st.sampled_from(NUMERIC_SPECS), label="key")
    value = data.draw(
        st.one_of(
            st.sampled_from(boundary_values(spec)),
            st.floats(min_value=-1e9, max_value=1e9, allow_subnormal=False),
        ),
        label="value",
    )
    if rule_accepts(spec, value):
        partners = compatible_partners(spec.key, value)
        if partners is None:
            return  # valid alone, but no scenario can hold it (see the cross-rule tests)
        s = table1_scenario.replace(**{spec.key: value, **partners})
        assert getattr(s, spec.key) == value
        assert isinstance(getattr(s, spec.key), float)
    else:
        with pytest.raises(ScenarioError) as info:
            table1_scenario.replace(**{spec.key: value})
        assert isinstance(info.value, ValueError)
        message = str(info.value)
        assert f"'{spec.key}'" in message
        assert_names_value(message, value)
