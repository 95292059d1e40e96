"""Scenario TOML files: dump / load round trips, partial files, bad content, file errors."""

from __future__ import annotations

import math
import re
import tomllib
from pathlib import Path

import pytest

from isac_designer.designer.parameters import PARAMETERS
from isac_designer.designer.scenario import Scenario
from isac_designer.designer.scenario_io import (
    dumps_scenario,
    load_scenario,
    scenario_from_mapping,
    write_scenario,
)
from isac_designer.errors import ScenarioError, ScenarioFileError


# --------------------------------------------------------------------------- TOML round trip
def test_dumps_round_trip_table1(table1_scenario: Scenario) -> None:
    for comments in (True, False):
        text = dumps_scenario(table1_scenario, comments=comments)
        parsed = tomllib.loads(text)
        assert parsed == table1_scenario.to_mapping()
        assert Scenario.from_mapping(parsed) == table1_scenario


def test_round_trip_with_inf_and_numeric_design_range(
    table1_scenario: Scenario, tmp_path: Path
) -> None:
    s = table1_scenario.replace(max_handover_rate_per_s=math.inf, design_range_m=123.5)
    parsed = tomllib.loads(dumps_scenario(s))
    assert parsed["max_handover_rate_per_s"] == math.inf
    assert parsed["design_range_m"] == 123.5
    assert scenario_from_mapping(parsed) == s
    path = tmp_path / "s.toml"
    write_scenario(s, path)
    assert load_scenario(path) == s
    assert [p.name for p in tmp_path.iterdir()] == ["s.toml"]  # no temporary left behind


# --------------------------------------------------------------------------- files
def write(tmp_path: Path, text: str, name: str = "s.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_partial_file_keeps_defaults(table1_scenario: Scenario, tmp_path: Path) -> None:
    loaded = load_scenario(write(tmp_path, "rho0 = 0.02\nbs_density_per_km2 = 100\n"))
    expected = dict(table1_scenario.to_mapping(), rho0=0.02, bs_density_per_km2=100.0)
    assert loaded.to_mapping() == expected
    assert isinstance(loaded.bs_density_per_km2, float)


def test_empty_file_is_table1(table1_scenario: Scenario, tmp_path: Path) -> None:
    assert load_scenario(write(tmp_path, "# nothing changed\n")) == table1_scenario


def test_partial_file_over_a_base(table1_scenario: Scenario, tmp_path: Path) -> None:
    base = table1_scenario.replace(eps_micro=0.02)
    loaded = load_scenario(write(tmp_path, "rho0 = 0.02\n"), base=base)
    assert loaded == base.replace(rho0=0.02)


@pytest.mark.parametrize(
    ("typo", "suggestion"),
    [("rhoo", "rho0"), ("eps_mikro", "eps_micro"), ("bs_density_per_km", "bs_density_per_km2")],
)
def test_unknown_key_in_file_suggests_close_match(
    tmp_path: Path, typo: str, suggestion: str
) -> None:
    path = write(tmp_path, f"{typo} = 0.02\n")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    message = str(info.value)
    assert f"'{typo}'" in message
    assert f"'{suggestion}'" in message
    assert str(path) in message


def test_unknown_key_without_close_match_points_to_the_list() -> None:
    with pytest.raises(ScenarioError, match="zzzz") as info:
        scenario_from_mapping({"zzzz": 1.0})
    assert "scenario keys" in str(info.value)


@pytest.mark.parametrize(
    ("text", "key", "shown"),
    [
        ("[radio]\ntx_power_dbm = 46\n", "radio", "radio"),
        ("rho0 = [0.01, 0.02]\n", "rho0", "list"),
        ("rho0 = {value = 0.01}\n", "rho0", "dict"),
        ('rho0 = "0.02"\n', "rho0", "0.02"),
        ('design_range_m = "far"\n', "design_range_m", "far"),
        ("design_range_m = true\n", "design_range_m", "True"),
        ("reliability_floor_in_p2 = 1\n", "reliability_floor_in_p2", "1"),
        ('reliability_floor_in_p2 = "true"\n', "reliability_floor_in_p2", "true"),
        ("rho0 = true\n", "rho0", "True"),
        ("tx_power_dbm = false\n", "tx_power_dbm", "False"),
        ("rho0 = 1979-05-27\n", "rho0", "1979"),
        ("rho0 = nan\n", "rho0", "nan"),
        ("tx_power_dbm = inf\n", "tx_power_dbm", "inf"),
        ("max_handover_rate_per_s = -inf\n", "max_handover_rate_per_s", "-inf"),
        ("rho0 = 0\n", "rho0", "0"),
        ("rho0 = 1.5\n", "rho0", "1.5"),
    ],
)
def test_bad_values_in_file(tmp_path: Path, text: str, key: str, shown: str) -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario(write(tmp_path, text))
    assert isinstance(info.value, ValueError)
    message = str(info.value)
    assert key in message
    assert shown in message


def test_huge_integer_in_file_is_a_scenario_error(tmp_path: Path) -> None:
    """TOML integers may be arbitrarily long; one that overflows float is out of range."""
    path = write(tmp_path, "bs_density_per_km2 = 1" + "0" * 400 + "\n")
    with pytest.raises(ScenarioError, match="bs_density_per_km2"):
        load_scenario(path)


def test_inf_allowed_only_for_the_handover_ceiling(tmp_path: Path) -> None:
    loaded = load_scenario(write(tmp_path, "max_handover_rate_per_s = inf\n"))
    assert loaded.max_handover_rate_per_s == math.inf
    assert loaded.max_handover_rate == math.inf
    assert [p.key for p in PARAMETERS if p.allow_inf] == ["max_handover_rate_per_s"]


# --------------------------------------------------------------------------- file errors
def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    with pytest.raises(ScenarioFileError) as info:
        load_scenario(path)
    assert isinstance(info.value, OSError)
    assert str(path) in str(info.value)


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(ScenarioFileError) as info:
        load_scenario(tmp_path)
    assert isinstance(info.value, OSError)
    assert str(tmp_path) in str(info.value)


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes("rho0 = 0.02 # ρ\n".encode("utf-16"))
    with pytest.raises(ScenarioFileError) as info:
        load_scenario(path)
    assert str(path) in str(info.value)
    path.write_bytes(b"rho0 = 0.02 # \xff\xfe\n")
    with pytest.raises(ScenarioFileError, match=re.escape(str(path))):
        load_scenario(path)


@pytest.mark.parametrize("text", ["rho0 = = 1\n", "rho0 0.02\n", "rho0 = 0.01\nrho0 = 0.02\n"])
def test_invalid_toml(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ScenarioFileError) as info:
        load_scenario(path)
    assert isinstance(info.value, OSError)
    assert str(path) in str(info.value)


def test_write_into_missing_directory_leaves_nothing(
    table1_scenario: Scenario, tmp_path: Path
) -> None:
    with pytest.raises(ScenarioFileError):
        write_scenario(table1_scenario, tmp_path / "missing" / "s.toml")
    assert list(tmp_path.iterdir()) == []
