"""One scenario parameter: meaning, unit, provenance and validity rule.

:class:`ParameterSpec` validates and normalises a value and writes the error
messages (rule, bad value, fix); the registry of every key is
:mod:`.parameters`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from isac_designer.errors import ScenarioError

Kind = Literal["float", "bool", "float_or_auto"]
Source = Literal["Table I", "assumption"]
ScalarValue = float | bool | str

AUTO = "auto"
"""The value that lets a ``float_or_auto`` key be derived from the others."""


@dataclass(frozen=True)
class ParameterSpec:
    """One scenario key: its meaning, unit, provenance and validity rule.

    Attributes
    ----------
    key : str
        The file / ``--set`` key.
    symbol : str
        The paper's symbol.
    unit : str
        Unit of the file value (``"1"`` for dimensionless).
    source : {"Table I", "assumption"}
        ``"Table I"`` when the paper states the value, ``"assumption"`` when
        the paper uses the parameter but never gives it.
    description : str
        One line on what the parameter is.
    kind : {"float", "bool", "float_or_auto"}
        Value type; ``float_or_auto`` also accepts the string ``"auto"``.
    lower, upper : float or None
        Bounds of the valid range (None: unbounded on that side).
    lower_open, upper_open : bool
        Whether the bound itself is excluded.
    allow_inf : bool
        Whether ``inf`` is a valid value (only above ``lower``).
    rationale : str
        For assumptions, why the default was chosen.
    """

    key: str
    symbol: str
    unit: str
    source: Source
    description: str
    kind: Kind = "float"
    lower: float | None = None
    upper: float | None = None
    lower_open: bool = False
    upper_open: bool = False
    allow_inf: bool = False
    rationale: str = ""

    def range_text(self) -> str:
        """The valid range as a readable inequality, e.g. ``0 < eps_micro < 1``."""
        if self.kind == "bool":
            return f"{self.key} is true or false"
        if self.lower is None and self.upper is None and not self.allow_inf:
            return f"{self.key} is any finite number"
        parts = []
        if self.lower is not None:
            parts.append(f"{_fmt(self.lower)} {'<' if self.lower_open else '<='} ")
        parts.append(self.key)
        if self.upper is not None:
            parts.append(f" {'<' if self.upper_open else '<='} {_fmt(self.upper)}")
        text = "".join(parts)
        if self.allow_inf:
            text += " (inf allowed)"
        if self.kind == "float_or_auto":
            text += f' or "{AUTO}"'
        return text

    def unit_suffix(self) -> str:
        """`` [unit]`` for dimensional keys, empty for dimensionless ones."""
        return "" if self.unit in ("1", "-") else f" [{self.unit}]"

    def value_kind_text(self) -> str:
        """What a valid value is, in words: 'a number in m', 'a number or "auto"'."""
        unit = "" if self.unit in ("1", "-") else f" in {self.unit}"
        if self.kind == "float_or_auto":
            return f'a number{unit} or "{AUTO}"'
        return f"a number{unit}"

    def check(self, value: object) -> ScalarValue:
        """Validate and normalise one value; raise :class:`ScenarioError` if bad.

        Parameters
        ----------
        value : object
            The value as read from a file or parsed from ``--set``.

        Returns
        -------
        float, bool or str
            The value with its canonical Python type.
        """
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise ScenarioError(
                    f"scenario key '{self.key}' must be true or false, "
                    f"but got {value!r} ({type(value).__name__})"
                )
            return value
        if self.kind == "float_or_auto" and isinstance(value, str):
            if value.lower() == AUTO:
                return AUTO
            raise ScenarioError(
                f"scenario key '{self.key}' must be a number or \"{AUTO}\", but got {value!r}"
            )
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ScenarioError(
                f"scenario key '{self.key}' must be {self.value_kind_text()}, "
                f"but got {value!r} ({type(value).__name__})"
            )
        try:
            number = float(value)
        except OverflowError:
            raise ScenarioError(
                f"scenario key '{self.key}' must satisfy {self.range_text()}{self.unit_suffix()}, "
                f"but got an integer with {len(str(abs(int(value))))} digits"
            ) from None
        if math.isnan(number):
            raise ScenarioError(
                f"scenario key '{self.key}' must be a number "
                f"({self.range_text()}{self.unit_suffix()}), but got nan"
            )
        if math.isinf(number) and not (self.allow_inf and number > 0):
            rule = "+inf or finite" if self.allow_inf else "finite"
            raise ScenarioError(
                f"scenario key '{self.key}' must be {rule} ({self.range_text()}), "
                f"but got {_value_text(number)}"
            )
        too_low = self.lower is not None and (
            number < self.lower or (self.lower_open and number == self.lower)
        )
        too_high = (
            self.upper is not None
            and not math.isinf(number)
            and (number > self.upper or (self.upper_open and number == self.upper))
        )
        if too_low or too_high:
            raise ScenarioError(
                f"scenario key '{self.key}' must satisfy {self.range_text()}{self.unit_suffix()}, "
                f"but got {_value_text(number)}"
            )
        return number


def _fmt(x: float) -> str:
    """A bound, compactly."""
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return f"{x:g}"


def _value_text(x: float) -> str:
    """A bad value, never rounded (1.0000001 must not print as 1)."""
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return repr(x)
