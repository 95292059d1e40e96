"""The Scenario: Table I defaults, SI view, TOML files, overrides and their errors.

Expected values come from the paper's Table I, from the validity rules of the
registry (``lower``/``upper``/``*_open``/``allow_inf``, re-implemented here in
:func:`rule_accepts`) and from hand arithmetic, never from running the code.
"""

from __future__ import annotations

import math
import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isac_designer.designer.parameters import PARAMETERS, PARAMETERS_BY_KEY, ParameterSpec
from isac_designer.designer.scenario import Scenario
from isac_designer.designer.scenario_io import (
    apply_overrides,
    dumps_scenario,
    load_scenario,
    parse_override,
    scenario_from_mapping,
    table1,
    write_scenario,
)
from isac_designer.errors import IsacError, ScenarioError, ScenarioFileError

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

BOLTZMANN = 1.380649e-23  # J/K, exact since SI 2019
SPEED_OF_LIGHT = 299_792_458.0  # m/s, exact

NUMERIC_SPECS = [p for p in PARAMETERS if p.kind != "bool"]
BOOL_SPECS = [p for p in PARAMETERS if p.kind == "bool"]


# --------------------------------------------------------------------------- helpers
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


def assert_names_value(message: str, value: float) -> None:
    reported = numbers_after_got(message)
    if math.isnan(value):
        assert any(math.isnan(x) for x in reported), message
    else:
        assert any(x == value or math.isclose(x, value, rel_tol=1e-5) for x in reported), message


# --------------------------------------------------------------------------- registry & Table I
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


# --------------------------------------------------------------------------- ranges
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


@pytest.mark.parametrize("spec", NUMERIC_SPECS, ids=spec_id)
def test_each_bound_from_both_sides(table1_scenario: Scenario, spec: ParameterSpec) -> None:
    checked = 0
    for bound, is_open, inside in (
        (spec.lower, spec.lower_open, math.inf),
        (spec.upper, spec.upper_open, -math.inf),
    ):
        if bound is None:
            continue
        outside = -inside
        just_in = math.nextafter(bound, inside)
        just_out = math.nextafter(bound, outside)
        for value, ok in ((just_in, True), (just_out, False), (bound, not is_open)):
            if ok:
                partners = compatible_partners(spec.key, value)
                if partners is None:
                    continue  # valid alone, but no scenario can hold it
                changes = {spec.key: value, **partners}
                assert getattr(table1_scenario.replace(**changes), spec.key) == value
            else:
                with pytest.raises(ScenarioError, match=re.escape(f"'{spec.key}'")):
                    table1_scenario.replace(**{spec.key: value})
            checked += 1
    if spec.lower is None and spec.upper is None:
        assert table1_scenario.replace(**{spec.key: -1e6}).to_mapping()[spec.key] == -1e6
        assert table1_scenario.replace(**{spec.key: 1e6}).to_mapping()[spec.key] == 1e6
    else:
        assert checked >= 2


# Rules stated independently of the registry flags: η ∈ (0, 1] (30); the ε's enter as
# ln(1 - ε) and must lie in (0, 1); p_link ∈ (0, 1]; ρ_0, ρ_max ∈ (0, 1]; densities,
# D, sojourn > 0; ζ < 0 dB (side lobe below main lobe); 2-D path-loss exponents > 2
# (otherwise the interference integral diverges); τ_ho ≥ 0.
PAPER_RULES = [
    ("qos_fraction", 1.0, True),
    ("qos_fraction", 0.0, False),
    ("eps_micro", 1.0, False),
    ("eps_micro", 0.0, False),
    ("eps_macro", 0.999, True),
    ("eps_macro", 1.0, False),
    ("eps_rel", 1.0, False),
    ("coverage_outage_eps0", 0.0, False),
    ("link_availability", 1.0, True),
    ("link_availability", 0.0, False),
    ("rho_max", 1.0, True),
    ("rho_max", 1.01, False),
    ("rho0", 0.0, False),
    ("bs_density_per_km2", 0.0, False),
    ("diffusion_m2_per_s", 0.0, False),
    ("mean_sojourn_s", 0.0, False),
    ("side_lobe_ratio_db", 0.0, False),
    ("clutter_pathloss_exp", 2.0, False),
    ("clutter_pathloss_exp", 2.5, True),
    ("ue_pathloss_exp", 2.0, False),
    ("handover_cost_s", 0.0, True),
    ("handover_cost_s", -0.01, False),
    ("target_density_per_km2", 0.0, True),
    ("max_handover_rate_per_s", 0.0, True),
    ("tx_power_dbm", -30.0, True),
    ("detection_threshold_db", -3.0, True),
]


@pytest.mark.parametrize(("key", "value", "ok"), PAPER_RULES)
def test_rules_agree_with_the_paper(
    table1_scenario: Scenario, key: str, value: float, ok: bool
) -> None:
    changes = {key: value}
    if key == "rho_max":
        changes["rho0"] = 0.001
    if ok:
        assert getattr(table1_scenario.replace(**changes), key) == value
    else:
        with pytest.raises(ScenarioError, match=key):
            table1_scenario.replace(**changes)


def test_reported_value_is_the_bad_value_not_a_rounded_good_one(
    table1_scenario: Scenario,
) -> None:
    """qos_fraction ≤ 1: 1.0000001 is out of range and the message must not say 'got 1'."""
    with pytest.raises(ScenarioError) as info:
        table1_scenario.replace(qos_fraction=1.0000001)
    reported = numbers_after_got(str(info.value))
    assert reported
    assert all(x > 1.0 for x in reported), str(info.value)


@pytest.mark.parametrize("spec", NUMERIC_SPECS, ids=spec_id)
@pytest.mark.parametrize("bad", ["0.5", "true", None, [1.0]], ids=repr)
def test_wrong_type_for_numbers(
    table1_scenario: Scenario, spec: ParameterSpec, bad: object
) -> None:
    with pytest.raises(ScenarioError, match=re.escape(f"'{spec.key}'")):
        table1_scenario.replace(**{spec.key: bad})  # type: ignore[arg-type]


@pytest.mark.parametrize("spec", NUMERIC_SPECS, ids=spec_id)
@pytest.mark.parametrize("flag", [True, False])
def test_bool_for_a_number(table1_scenario: Scenario, spec: ParameterSpec, flag: bool) -> None:
    with pytest.raises(ScenarioError) as info:
        table1_scenario.replace(**{spec.key: flag})
    assert spec.key in str(info.value)
    assert str(flag) in str(info.value)


@pytest.mark.parametrize("spec", BOOL_SPECS, ids=spec_id)
@pytest.mark.parametrize("bad", [1, 0, 1.0, "true", "yes", None])
def test_bool_keys_take_only_booleans(
    table1_scenario: Scenario, spec: ParameterSpec, bad: object
) -> None:
    with pytest.raises(ScenarioError) as info:
        table1_scenario.replace(**{spec.key: bad})  # type: ignore[arg-type]
    assert spec.key in str(info.value)
    assert repr(bad) in str(info.value)
    flipped = not getattr(table1_scenario, spec.key)
    assert getattr(table1_scenario.replace(**{spec.key: flipped}), spec.key) is flipped


def test_auto_only_for_design_range(table1_scenario: Scenario) -> None:
    auto_keys = [p.key for p in PARAMETERS if p.kind == "float_or_auto"]
    assert auto_keys == ["design_range_m"]
    assert table1_scenario.replace(design_range_m="auto").design_range_m == "auto"
    with pytest.raises(ScenarioError, match="rho0"):
        table1_scenario.replace(rho0="auto")  # type: ignore[arg-type]
    with pytest.raises(ScenarioError, match="design_range_m"):
        table1_scenario.replace(design_range_m="automatic")


def test_missing_key_in_complete_mapping_is_named(table1_scenario: Scenario) -> None:
    values = table1_scenario.to_mapping()
    del values["eps_rel"]
    with pytest.raises(ScenarioError, match="eps_rel"):
        Scenario.from_mapping(values)


# --------------------------------------------------------------------------- cross rules
@pytest.mark.parametrize(
    ("changes", "keys"),
    [
        ({"rho0": 0.05, "rho_max": 0.04}, ("rho0", "rho_max")),
        ({"rho0": 0.2}, ("rho0", "rho_max")),  # Table I rho_max = 0.1
        ({"beamwidth_min_deg": 10.0, "beamwidth_max_deg": 10.0}, ("beamwidth_min_deg",)),
        ({"beamwidth_min_deg": 30.0, "beamwidth_max_deg": 10.0}, ("beamwidth_max_deg",)),
        ({"beamwidth_min_deg": 360.0}, ("beamwidth_min_deg",)),
        ({"main_lobe_gain_dbi": 40.0}, ("main_lobe_gain_dbi", "side_lobe_ratio_db")),
        ({"side_lobe_ratio_db": -25.0}, ("main_lobe_gain_dbi", "side_lobe_ratio_db")),
        ({"main_lobe_gain_dbi": 45.0, "side_lobe_ratio_db": -30.0}, ("main_lobe_gain_dbi",)),
    ],
)
def test_cross_rules(
    table1_scenario: Scenario, changes: dict[str, float], keys: tuple[str, ...]
) -> None:
    with pytest.raises(ScenarioError) as info:
        table1_scenario.replace(**changes)
    assert isinstance(info.value, ValueError)
    message = str(info.value)
    for key in keys:
        assert key in message
    merged = {**table1_scenario.to_mapping(), **changes}
    for key in keys:
        assert f"{merged[key]:g}" in message


def test_cross_rule_edges_are_allowed(table1_scenario: Scenario) -> None:
    assert table1_scenario.replace(rho0=0.1).rho0 == 0.1  # rho0 == rho_max is allowed
    s = table1_scenario.replace(main_lobe_gain_dbi=39.9)  # 39.9 - 40 < 0
    assert s.main_lobe_gain_dbi == 39.9


def test_cross_rule_message_reports_values_that_break_the_rule(
    table1_scenario: Scenario,
) -> None:
    """rho0 = 0.1000000001 > rho_max = 0.1: the message must not print rho0=0.1, rho_max=0.1."""
    with pytest.raises(ScenarioError) as info:
        table1_scenario.replace(rho0=0.1000000001)
    message = str(info.value)
    rho0 = float(re.search(r"rho0\s*=\s*([-0-9.eE+]+)", message).group(1))  # type: ignore[union-attr]
    rho_max = float(re.search(r"rho_max\s*=\s*([-0-9.eE+]+)", message).group(1))  # type: ignore[union-attr]
    assert rho0 > rho_max, message


# --------------------------------------------------------------------------- overrides
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


# --------------------------------------------------------------------------- validity notes
HEX_LIMIT_PER_KM2 = 2 / (math.sqrt(3) * 50.0**2) * 1e6  # ≈ 461.9 BS/km² at 50 m


def test_hex_packing_limit_arithmetic() -> None:
    assert 461.8 < HEX_LIMIT_PER_KM2 < 461.9


@pytest.mark.parametrize(
    ("density", "warns"),
    [(10.0, False), (400.0, False), (461.0, False), (462.0, True), (1000.0, True)],
)
def test_validity_warnings_at_50m_spacing(
    table1_scenario: Scenario, density: float, warns: bool
) -> None:
    assert (density > HEX_LIMIT_PER_KM2) is warns
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
