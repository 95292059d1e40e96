"""JSON with no Infinity or NaN: undefined numbers become null with a reason."""

from __future__ import annotations

import json
import math
from typing import Any

SCHEMA_VERSION = "1.0"
"""Version of the JSON documents the CLI writes; bumped on incompatible change."""


def number(value: float | None) -> float | None:
    """A finite float, or None for None / ±inf / nan."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def number_reason(value: float | None, default: str = "undefined") -> str | None:
    """Why :func:`number` returned None (None when it did not)."""
    if value is None:
        return default
    value = float(value)
    if math.isnan(value):
        return "not a number"
    if math.isinf(value):
        return "infinite" if value > 0 else "negative infinite"
    return None


def with_reason(key: str, value: float | None, default_reason: str = "undefined") -> dict[str, Any]:
    """``{key: number}`` plus ``{key_reason: why}`` when the number is null."""
    out: dict[str, Any] = {key: number(value)}
    reason = number_reason(value, default_reason)
    if reason is not None:
        out[f"{key}_reason"] = reason
    return out


def dumps(document: Any) -> str:
    """Strict JSON (``allow_nan=False``): a stray inf is a bug, not output."""
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)
