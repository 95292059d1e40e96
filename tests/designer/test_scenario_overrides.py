"""`NAME=VALUE` overrides: parsing, the errors they name, applying them in order."""

from __future__ import annotations

import math

import pytest

from isac_designer.designer.scenario import Scenario
from isac_designer.designer.scenario_io import apply_overrides, parse_override
from isac_designer.errors import ScenarioError


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("rho0=0.02", "rho0", 0.02),
        ("  rho0 =  0.02 ", "rho0", 0.02),
        ("bs_density_per_km2=1e3", "bs_density_per_km2", 1000.0),
        ("tx_power_dbm=-10", "tx_power_dbm", -10.0),
        ("max_handover_rate_per_s=inf", "max_handover_rate_per_s", math.inf),
        ("max_handover_rate_per_s = INF", "max_handover_rate_per_s", math.inf),
        ("design_range_m=auto", "design_range_m", "auto"),
        ("design_range_m=250", "design_range_m", 250.0),
        ("reliability_floor_in_p2=true", "reliability_floor_in_p2", True),
        ("reliability_floor_in_p2=FALSE", "reliability_floor_in_p2", False),
        ("reliability_floor_in_p2 = True", "reliability_floor_in_p2", True),
    ],
)
def test_parse_override_good(text: str, key: str, value: object) -> None:
    parsed_key, parsed_value = parse_override(text)
    assert parsed_key == key
    assert parsed_value == value
    assert type(parsed_value) is type(value)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("rho0", "rho0"),
        ("=1", "=1"),
        ("rho0=", "rho0="),
        ("", "NAME=VALUE"),
        ("  =  ", "NAME=VALUE"),
        ("rho0=abc", "abc"),
        ("rho0=0.02=3", "rho0"),
        ("rho0=inf", "inf"),
        ("tx_power_dbm=-inf", "-inf"),
        ("max_handover_rate_per_s=-inf", "-inf"),
        ("rho0=nan", "nan"),
        ("rho0=auto", "auto"),
        ("design_range_m=far", "far"),
        ("design_range_m=-5", "-5"),
        ("reliability_floor_in_p2=1", "1"),
        ("reliability_floor_in_p2=yes", "yes"),
        ("qos_fraction=1.5", "1.5"),
        ("eps_micro=1", "eps_micro"),
        ("rho_0=0.02", "rho0"),  # unknown key, suggestion
    ],
)
def test_parse_override_bad(text: str, named: str) -> None:
    with pytest.raises(ScenarioError) as info:
        parse_override(text)
    assert named in str(info.value)


def test_apply_overrides_in_order_and_revalidates(table1_scenario: Scenario) -> None:
    s = apply_overrides(table1_scenario, ["rho0=0.02", "rho0=0.03", "rho_max=0.5"])
    assert (s.rho0, s.rho_max) == (0.03, 0.5)
    # each override valid alone, together they break rho0 <= rho_max
    with pytest.raises(ScenarioError, match="rho_max"):
        apply_overrides(table1_scenario, ["rho_max=0.005"])
