"""Scenario files (TOML) in and out, and ``NAME=VALUE`` overrides.

A scenario file is a flat TOML table of the public keys. Keys a file leaves
out keep their Table I / default value, so a file may hold only what it
changes; an unknown key is an error (with the closest known key suggested).
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import tomli_w

from isac_designer.designer.parameters import AUTO, PARAMETERS, ScalarValue, parameter
from isac_designer.designer.scenario import Scenario
from isac_designer.errors import ScenarioError, ScenarioFileError

DEFAULT_SCENARIO_RESOURCE = "table1.toml"


def _parse_toml(text: str, origin: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioFileError(f"{origin} is not valid TOML: {exc}") from None
    nested = [k for k, v in data.items() if isinstance(v, dict | list)]
    if nested:
        raise ScenarioError(
            f"{origin}: scenario keys must be plain values, but '{nested[0]}' is a "
            f"{type(data[nested[0]]).__name__}; write e.g. 'rho0 = 0.01'"
        )
    return data


@cache
def table1() -> Scenario:
    """The shipped default scenario: the paper's Table I plus documented assumptions.

    Read once per process (a Scenario is immutable, so sharing it is safe).
    """
    text = (
        resources.files("isac_designer.designer")
        .joinpath("data", DEFAULT_SCENARIO_RESOURCE)
        .read_text(encoding="utf-8")
    )
    return Scenario.from_mapping(_parse_toml(text, "the shipped Table I scenario"))


def scenario_from_mapping(values: Mapping[str, Any], base: Scenario | None = None) -> Scenario:
    """Overlay a (possibly partial) mapping of file keys on ``base`` (default Table I)."""
    for key in values:
        parameter(key)  # unknown key -> ScenarioError with a suggestion
    merged = (base or table1()).to_mapping()
    merged.update(values)
    return Scenario.from_mapping(merged)


def load_scenario(path: str | Path, base: Scenario | None = None) -> Scenario:
    """Read a scenario file; keys it omits keep the value of ``base`` (default Table I).

    Raises
    ------
    ScenarioFileError
        The file is missing, unreadable or not TOML.
    ScenarioError
        A key is unknown or a value breaks its rule.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioFileError(
            f"scenario file '{file}' does not exist; "
            "'isac-designer scenario show > my.toml' writes one to edit"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioFileError(f"cannot read scenario file '{file}': {exc}") from None
    values = _parse_toml(text, f"scenario file '{file}'")
    try:
        return scenario_from_mapping(values, base)
    except ScenarioError as exc:
        raise ScenarioError(f"{file}: {exc}") from None


def parse_override(text: str) -> tuple[str, ScalarValue]:
    """Parse one ``NAME=VALUE`` override into a key and a typed value.

    Numbers accept any float syntax (``1e-3``, ``10``, ``inf`` where the key
    allows it); booleans accept ``true``/``false``; ``design_range_m`` also
    accepts ``auto``.
    """
    name, sep, raw = text.partition("=")
    name, raw = name.strip(), raw.strip()
    if not sep or not name or not raw:
        raise ScenarioError(f"override '{text}' must have the form NAME=VALUE, e.g. rho0=0.02")
    spec = parameter(name)
    value: ScalarValue
    if spec.kind == "bool":
        lowered = raw.lower()
        if lowered not in ("true", "false"):
            raise ScenarioError(f"scenario key '{name}' must be true or false, but got '{raw}'")
        value = lowered == "true"
    elif spec.kind == "float_or_auto" and raw.lower() == AUTO:
        value = AUTO
    else:
        try:
            value = float(raw)
        except ValueError:
            raise ScenarioError(
                f"scenario key '{name}' must be {spec.value_kind_text()}, but got '{raw}'"
            ) from None
    return name, spec.check(value)


def apply_overrides(scenario: Scenario, overrides: Iterable[str]) -> Scenario:
    """Apply ``NAME=VALUE`` strings in order and re-validate the whole scenario."""
    changes: dict[str, ScalarValue] = {}
    for text in overrides:
        key, value = parse_override(text)
        changes[key] = value
    return scenario.replace(**changes) if changes else scenario


def assumption_lines(scenario: Scenario) -> tuple[str, ...]:
    """Every assumed (not Table I) parameter with its value, unit and rationale.

    One line per key whose source is ``assumption``, in registry order; a value
    the user changed says so and gives the default. Every output lists these.
    """
    defaults = table1()
    lines = []
    for p in PARAMETERS:
        if p.source != "assumption":
            continue
        value, default = getattr(scenario, p.key), getattr(defaults, p.key)
        if value == default:
            lines.append(f"{p.key} = {value!r} [{p.unit}]: {p.rationale}")
        else:
            lines.append(
                f"{p.key} = {value!r} [{p.unit}], set by the user (default {default!r}: "
                f"{p.rationale})"
            )
    return tuple(lines)


def toml_value(value: ScalarValue) -> str:
    if isinstance(value, float) and math.isinf(value):
        return "inf"
    line = tomli_w.dumps({"v": value})
    return line.split("=", 1)[1].strip()


def dumps_scenario(scenario: Scenario, comments: bool = True) -> str:
    """The scenario as TOML text.

    With ``comments`` each key carries its symbol, unit and source, and a
    value that differs from the shipped default says so and shows the default.
    """
    lines = ["# isac-designer scenario (units in the key names; see docs/scenario.md)"]
    defaults = table1() if comments else scenario
    for spec in PARAMETERS:
        value = getattr(scenario, spec.key)
        line = f"{spec.key} = {toml_value(value)}"
        if comments:
            default = getattr(defaults, spec.key)
            origin = spec.source if value == default else f"changed; default {toml_value(default)}"
            line = f"{line:<40} # {spec.symbol} [{spec.unit}] ({origin})"
        lines.append(line)
    return "\n".join(lines) + "\n"


def write_scenario(scenario: Scenario, path: str | Path) -> None:
    """Write a scenario file atomically (a failed write leaves no partial file)."""
    file = Path(path)
    tmp = file.with_name(f".{file.name}.tmp")
    try:
        tmp.write_text(dumps_scenario(scenario), encoding="utf-8")
        tmp.replace(file)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ScenarioFileError(f"cannot write scenario file '{file}': {exc}") from None
