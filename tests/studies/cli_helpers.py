"""Shared by the CLI tests: the program's names, an in-process runner and the output checks."""

from __future__ import annotations

import contextlib
import io
import json
import math
import sys
from collections.abc import Iterator, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

from isac_designer.designer.scenario import Scenario
from isac_designer.studies.cli import main

# Contract (DESIGN.md, Outputs / Errors; README): bad input is exit 2 with one line
# ``isac-designer: error: ...`` on stderr, nothing on stdout and no file written;
# an infeasible design is a result (exit 0, status ``infeasible`` with a reason);
# JSON is strict (no Infinity / NaN) and an undefined or infinite value is
# ``null`` with a reason beside it.


PROG = "isac-designer"
VERSION = version("isac-designer")
SCRIPT = Path(sys.executable).with_name(PROG)
ERROR_PREFIX = f"{PROG}: error:"


def run(argv: Sequence[str]) -> tuple[int, str, str]:
    """Run ``main(argv)`` in-process; (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(argv))
        except SystemExit as exc:  # argparse's --version / --help
            status = exc.code if isinstance(exc.code, int) else 1
    return status, out.getvalue(), err.getvalue()


def _reject_constant(name: str) -> Any:
    raise ValueError(f"non-standard JSON constant {name}")


def strict_json(text: str) -> Any:
    """json.loads that refuses NaN / Infinity / -Infinity."""
    return json.loads(text, parse_constant=_reject_constant)


def assert_one_line_error(status: int, out: str, err: str) -> str:
    assert status == 2, (status, out, err)
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(ERROR_PREFIX), err
    assert "Traceback" not in err
    return lines[0]


def null_without_reason(node: Any, path: str = "") -> Iterator[str]:
    """Paths of null values with no reason beside them (``KEY_reason`` or ``reason``)."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}/{key}"
            if value is None and key != "reason" and not key.endswith("_reason"):
                beside = node.get(f"{key}_reason") or node.get("reason")
                if not (isinstance(beside, str) and beside.strip()):
                    yield here
            yield from null_without_reason(value, here)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from null_without_reason(value, f"{path}[{i}]")


def k_rel(scenario: Scenario) -> int:
    """(44): smallest K with (1 - p_link)^K <= ε_rel."""
    return math.ceil(math.log(scenario.eps_rel) / math.log(1 - scenario.link_availability))
