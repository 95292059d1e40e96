"""CLI failures: bad input is one line and exit 2, a numerical error exits 1, Ctrl-C 130."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from isac_designer.designer.parameters import PARAMETERS
from tests.studies.cli_helpers import (
    ERROR_PREFIX,
    SCRIPT,
    assert_one_line_error,
    null_without_reason,
    run,
    strict_json,
)

# --------------------------------------------------------------------------- bad input
# "{tmp}" stands for the test's empty working directory; the files named below exist
# there (see _prepare_inputs) except missing.toml.
BAD_INPUT: list[tuple[list[str], str]] = [
    (["design", "--set", "rho_zero=0.02"], "rho_zero"),
    (["design", "--set", "rho_0=0.02"], "'rho0'"),  # suggested
    (["design", "--set", "rho0=abc"], "abc"),
    (["design", "--set", "reliability_floor_in_p2=1"], "reliability_floor_in_p2"),
    (["design", "--set", "rho0=2"], "rho0"),
    (["design", "--set", "rho0=0.2"], "rho_max"),  # cross rule: rho0 > rho_max = 0.1
    (["design", "--set", "rho0=nan"], "nan"),
    (["design", "--set", "tx_power_dbm=inf"], "tx_power_dbm"),
    (["design", "--set", "design_range_m=far"], "far"),
    (["design", "--set", "rho0"], "rho0"),
    (["design", "--set", "=0.02"], "NAME=VALUE"),
    (["design", "--scenario", ""], "--scenario needs a file path"),
    (["capacity", "--bs-density", "10", "--set", "bs_density_per_km2=5"], "--bs-density"),
    (["design", "--scenario", "{tmp}/missing.toml"], "{tmp}/missing.toml"),
    (["design", "--scenario", "{tmp}/broken.toml"], "{tmp}/broken.toml"),
    (["design", "--scenario", "{tmp}/unknown.toml"], "'rho0'"),
    (["design", "--scenario", "{tmp}/huge.toml"], "bs_density_per_km2"),
    (["design", "--scenario", "{tmp}/sub"], "{tmp}/sub"),
    (["design", "--problem", "p3"], "p3"),
    (["design", "--method", "gradient-descent"], "gradient-descent"),
    (["design", "--tier", "bogus"], "bogus"),
    (["design", "--tier", "strict"], "strict"),
    (["design", "--frobnicate"], "frobnicate"),
    (["design", "--set"], "--set"),
    ([], "command"),
    (["frobnicate"], "frobnicate"),
    (["capacity"], "--bs-density"),
    (["scenario"], "action"),
    (["scenario", "validate"], "FILE"),
    (["scenario", "validate", "{tmp}/missing.toml"], "{tmp}/missing.toml"),
    (["scenario", "validate", "{tmp}/broken.toml"], "{tmp}/broken.toml"),
    (["scenario", "show", "--set", "bogus=1"], "bogus"),
    (["capacity", "--bs-density", "10", "--set", "bogus=1", "--csv", "{tmp}/out.csv"], "bogus"),
    (["capacity", "--bs-density", "10", "--scenario", "{tmp}/broken.toml"], "broken.toml"),
    *[
        (["capacity", f"--bs-density={text}", "--csv", "{tmp}/out.csv"], "--bs-density")
        for text in ["", "a,b", "0", "-5", "inf", "nan", "10,,20", "10,-1", " , "]
    ],
]


def _prepare_inputs(tmp: Path) -> None:
    (tmp / "broken.toml").write_text("rho0 = = 1\n", encoding="utf-8")
    (tmp / "unknown.toml").write_text("rhoo = 0.02\n", encoding="utf-8")
    (tmp / "huge.toml").write_text("bs_density_per_km2 = 1" + "0" * 400 + "\n", encoding="utf-8")
    (tmp / "sub").mkdir()


@pytest.mark.parametrize(("argv", "named"), BAD_INPUT, ids=[" ".join(a) for a, _ in BAD_INPUT])
def test_bad_input_is_one_line_exit_2(
    argv: list[str], named: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _prepare_inputs(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    monkeypatch.chdir(tmp_path)
    line = assert_one_line_error(*run([a.replace("{tmp}", str(tmp_path)) for a in argv]))
    assert named.replace("{tmp}", str(tmp_path)) in line, (argv, line)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written
    assert list((tmp_path / "sub").iterdir()) == []


@pytest.mark.parametrize(
    "argv",
    [["design", "--set", "rho0=2"], ["capacity", "--bs-density", "a,b"], ["design", "--problem"]],
)
def test_console_script_bad_input(argv: list[str], tmp_path: Path) -> None:
    done = subprocess.run(
        [str(SCRIPT), *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(ERROR_PREFIX)
    assert list(tmp_path.iterdir()) == []


def test_tier_strict_is_refused_with_the_reason() -> None:
    status, out, err = run(["design", "--tier", "strict"])
    message = assert_one_line_error(status, out, err)
    assert "paper or exact" in message
    assert "capacity" in message


@pytest.mark.parametrize("target", ["", "-"])
def test_csv_needs_a_real_path(target: str) -> None:
    status, out, err = run(["capacity", "--bs-density", "10", "--csv", target])
    assert "--csv" in assert_one_line_error(status, out, err)


def test_csv_path_is_checked_before_the_sweep(tmp_path: Path, monkeypatch) -> None:
    """A doomed --csv fails at once: the sweep is never run."""
    from isac_designer.studies import capacity_sweep

    def no_sweep(*args: object, **kwargs: object) -> object:
        raise AssertionError("the sweep ran although the output path is unusable")

    monkeypatch.setattr(capacity_sweep, "sweep", no_sweep)
    missing = tmp_path / "nope" / "x.csv"
    status, out, err = run(["capacity", "--bs-density", "10,100", "--csv", str(missing)])
    assert "does not exist" in assert_one_line_error(status, out, err)
    status, out, err = run(["capacity", "--bs-density", "10", "--csv", str(tmp_path)])
    assert "is a directory" in assert_one_line_error(status, out, err)


def test_uppercase_key_gets_a_suggestion() -> None:
    status, out, err = run(["scenario", "show", "--set", "RHO0=0.02"])
    assert "did you mean 'rho0'" in assert_one_line_error(status, out, err)


# --------------------------------------------------------------------------- numerical error
def test_numerical_error_status_exits_1_with_the_result() -> None:
    """A result with status `error` is printed (with its reason) and exits 1."""
    # blocking fails at every K, so the exact search cannot stop before its limit
    sets = ["bs_density_per_km2=1e7", "eps_micro=1e-6", "target_density_per_km2=1e9"]
    argv = ["design", "--json", *[a for kv in sets for a in ("--set", kv)]]
    status, out, _err = run(argv)
    assert status == 1
    doc = strict_json(out)
    assert doc["status"] == "error"
    assert "K*_static" in doc["reason"]
    # an error still says what was assumed, and why the rest is missing
    assert len(doc["assumptions"]) == sum(p.source == "assumption" for p in PARAMETERS)
    assert doc["capacity"] is None
    assert doc["capacity_reason"] == doc["reason"]
    assert list(null_without_reason(doc)) == []


# --------------------------------------------------------------------------- Ctrl-C
# A real SIGINT, delivered at a chosen point of the run rather than after a sleep: a
# sleep races the interpreter's start-up (on a loaded CI machine 0.4 s was still inside
# `site`, before any handler of ours exists). The audit hook fires on the first import
# of the named module; the profile hook on the first call of the named function.
_SIGINT_AT = """
import os, signal, sys
event, name = sys.argv[1], sys.argv[2]
fired = []
def fire():
    if not fired:
        fired.append(True)
        os.kill(os.getpid(), signal.SIGINT)
def audit(ev, args):
    if event == "import" and ev == "import" and args[0] == name:
        fire()
def profile(frame, ev, arg):
    if event == "call" and ev == "call" and frame.f_code.co_name == name:
        fire()
from isac_designer.studies.entry import main
sys.addaudithook(audit)
sys.setprofile(profile)
sys.exit(main(["capacity", "--bs-density", "10"]))
"""


@pytest.mark.parametrize(
    ("event", "name"),
    [
        ("import", "numpy"),  # start-up: the heavy imports behind the guard
        (
            "import",
            "scipy",
        ),  # (submodules imported through scipy's lazy loader raise no audit event)
        ("call", "capacity_ceilings"),  # the work itself
        ("call", "capacity_table"),  # formatting the result
    ],
)
def test_ctrl_c_anywhere_after_start_up_exits_130_with_one_line(event: str, name: str) -> None:
    """SIGINT during imports, work or output: one line on stderr, exit 130, no traceback."""
    proc = subprocess.run(
        [sys.executable, "-c", _SIGINT_AT, event, name],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip() == "isac-designer: interrupted"
    assert proc.returncode == 130


def test_exit_status_follows_the_requested_tier(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the requested tier's `error` sets exit 1; the other tier's is reported beside
    it. No real scenario errors in one tier only, so the exact solve is made to fail."""
    from dataclasses import replace

    from isac_designer.designer.tiers import Tier
    from isac_designer.solvers.result import Status
    from isac_designer.studies import cli

    real_design = cli.design

    def exact_fails(*args: Any, **kwargs: Any) -> Any:
        result = real_design(*args, **kwargs)
        if result.tier is Tier.EXACT:
            return replace(result, status=Status.ERROR, design=None, reason="forced")
        return result

    monkeypatch.setattr(cli, "design", exact_fails)
    status, out, _ = run(["design", "--json", "--tier", "paper"])
    assert status == 0
    doc = strict_json(out)
    assert doc["status"] == "optimal"
    assert doc["tiers"]["exact"]["status"] == "error"
    status, _, _ = run(["design", "--json"])
    assert status == 1


def test_tiny_eps_micro_is_answered_in_both_tiers() -> None:
    """ε_micro = 3e-9 (K*_static = 1 256 638) used to exceed the exact enumeration; the
    commitment bound answers it with K = 3."""
    status, out, _ = run(["design", "--json", "--set", "eps_micro=3e-9"])
    assert status == 0
    doc = strict_json(out)
    assert {t["status"] for t in doc["tiers"].values()} == {"optimal"}
    assert doc["design"]["K"] == 3


def test_closed_stdout_is_an_output_failure() -> None:
    """`isac-designer design >&-`: Python starts with sys.stdout = None and print() would
    drop everything silently; one line and exit 1 instead."""
    import os

    proc = subprocess.run(
        [str(SCRIPT), "scenario", "show"],
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=lambda: os.close(1),  # the child starts with fd 1 closed
    )
    assert proc.returncode == 1
    assert (
        proc.stderr.strip()
        == "isac-designer: error: cannot write output: standard output is closed"
    )
