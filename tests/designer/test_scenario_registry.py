"""The parameter registry and Table I: keys, the paper's values, sources, the error types."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from isac_designer.designer.parameters import PARAMETERS, PARAMETERS_BY_KEY, ParameterSpec
from isac_designer.designer.scenario import Scenario
from isac_designer.designer.scenario_io import apply_overrides, scenario_from_mapping, table1
from isac_designer.errors import IsacError, ScenarioError, ScenarioFileError
from tests.designer.scenario_helpers import spec_id

# The paper's Table I, as printed (units in the key names).
TABLE_I = {
    "bs_density_per_km2": 10.0,
    "diffusion_m2_per_s": 1.0,
    "mean_sojourn_s": 100.0,
    "min_bs_spacing_m": 50.0,
    "near_field_guard_m": 10.0,
    "qos_fraction": 0.3,
    "eps_micro": 0.01,
    "eps_macro": 0.05,
    "link_availability": 0.9,
    "eps_rel": 0.001,
    "rho0": 0.01,
    "rho_max": 0.10,
    "handover_cost_s": 0.05,
    "detection_threshold_db": 5.0,
    "tx_power_dbm": 46.0,
    "target_rcs_m2": 1.0,
    "main_lobe_gain_dbi": 30.0,
    "side_lobe_ratio_db": -40.0,
    "los_blockage_per_m": 0.01,
    "clutter_pathloss_exp": 3.5,
}


def test_errors_inherit_builtins() -> None:
    assert issubclass(ScenarioError, ValueError)
    assert issubclass(ScenarioError, IsacError)
    assert issubclass(ScenarioFileError, OSError)
    assert issubclass(ScenarioFileError, IsacError)


def test_table1_has_exactly_the_registry_keys() -> None:
    registry = [p.key for p in PARAMETERS]
    assert len(set(registry)) == len(registry)
    assert list(table1().to_mapping()) == registry


def test_shipped_file_has_exactly_the_registry_keys() -> None:
    text = (
        resources.files("isac_designer.designer").joinpath("data", "table1.toml").read_text("utf-8")
    )
    assert set(tomllib.loads(text)) == set(PARAMETERS_BY_KEY)


@pytest.mark.parametrize(("key", "value"), sorted(TABLE_I.items()))
def test_table1_values_are_the_papers(key: str, value: float) -> None:
    assert getattr(table1(), key) == value
    assert PARAMETERS_BY_KEY[key].source == "Table I"


def test_only_the_papers_keys_are_sourced_to_table1() -> None:
    table_keys = {p.key for p in PARAMETERS if p.source == "Table I"}
    assert table_keys == set(TABLE_I)


@pytest.mark.parametrize("spec", [p for p in PARAMETERS if p.key not in TABLE_I], ids=spec_id)
def test_every_other_key_is_a_documented_assumption(spec: ParameterSpec) -> None:
    assert spec.source == "assumption"
    assert spec.rationale.strip()
    assert spec.description.strip()


def test_table1_is_the_default_everywhere(table1_scenario: Scenario) -> None:
    assert table1() == table1_scenario
    assert scenario_from_mapping({}) == table1_scenario
    assert apply_overrides(table1_scenario, []) is table1_scenario
