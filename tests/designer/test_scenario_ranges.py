"""Validity rules of single keys (ranges, types, booleans, auto) and the cross-key rules."""

from __future__ import annotations

import math
import re

import pytest

from isac_designer.designer.parameters import PARAMETERS, ParameterSpec
from isac_designer.designer.scenario import Scenario
from isac_designer.errors import ScenarioError
from tests.designer.scenario_helpers import (
    BOOL_SPECS,
    NUMERIC_SPECS,
    compatible_partners,
    numbers_after_got,
    spec_id,
)


# --------------------------------------------------------------------------- ranges
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
