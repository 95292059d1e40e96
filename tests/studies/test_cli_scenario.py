"""`isac-designer --version` and `scenario keys/show/validate`, in-process and as the script."""

from __future__ import annotations

import math
import subprocess
import tomllib
from pathlib import Path

from isac_designer.designer.parameters import PARAMETERS
from isac_designer.designer.scenario_io import table1
from tests.studies.cli_helpers import PROG, SCRIPT, VERSION, assert_one_line_error, run


def test_version() -> None:
    status, out, err = run(["--version"])
    assert status == 0
    assert VERSION in out
    assert out.startswith(PROG)
    assert err == ""


def test_scenario_keys_lists_every_key() -> None:
    status, out, err = run(["scenario", "keys"])
    assert status == 0
    assert err == ""
    first_words = [line.split()[0] for line in out.splitlines() if line.strip()]
    assert first_words == [p.key for p in PARAMETERS]
    for line, p in zip(out.splitlines(), PARAMETERS, strict=True):
        assert p.source in line


def test_scenario_show_is_table1_toml() -> None:
    status, out, err = run(["scenario", "show"])
    assert status == 0
    assert err == ""
    assert tomllib.loads(out) == table1().to_mapping()


def test_scenario_show_with_set() -> None:
    status, out, _ = run(["scenario", "show", "--set", "rho0=0.02", "--set", " eps_micro = 1e-3"])
    assert status == 0
    shown = tomllib.loads(out)
    assert shown == {**table1().to_mapping(), "rho0": 0.02, "eps_micro": 0.001}


def test_scenario_show_with_inf_round_trips() -> None:
    status, out, _ = run(["scenario", "show", "--set", "max_handover_rate_per_s=inf"])
    assert status == 0
    assert tomllib.loads(out)["max_handover_rate_per_s"] == math.inf


def test_scenario_show_partial_file_then_set(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text("rho0 = 0.02\nbs_density_per_km2 = 100\n", encoding="utf-8")
    status, out, _ = run(["scenario", "show", "--scenario", str(path), "--set", "rho0=0.03"])
    assert status == 0
    assert tomllib.loads(out) == {
        **table1().to_mapping(),
        "rho0": 0.03,
        "bs_density_per_km2": 100.0,
    }


def test_scenario_validate(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text("rho0 = 0.02\n", encoding="utf-8")
    status, out, err = run(["scenario", "validate", str(good)])
    assert status == 0
    assert err == ""
    assert str(good) in out
    bad = tmp_path / "bad.toml"
    bad.write_text("rho0 = 2.0\n", encoding="utf-8")
    line = assert_one_line_error(*run(["scenario", "validate", str(bad)]))
    assert "rho0" in line


def test_scenario_show_output_validates(tmp_path: Path) -> None:
    """What `scenario show` prints is a scenario file `scenario validate` accepts."""
    _, out, _ = run(["scenario", "show", "--set", "design_range_m=300"])
    path = tmp_path / "shown.toml"
    path.write_text(out, encoding="utf-8")
    status, _, err = run(["scenario", "validate", str(path)])
    assert status == 0
    assert err == ""


def test_auto_is_named_in_the_message_and_accepted_in_any_case() -> None:
    status, out, err = run(["scenario", "show", "--set", 'design_range_m="auto"'])
    assert '"auto"' in assert_one_line_error(status, out, err)
    status, out, _ = run(["scenario", "show", "--set", "design_range_m=AUTO"])
    assert status == 0
    assert 'design_range_m = "auto"' in out


def test_scenario_show_marks_changed_values() -> None:
    status, out, _ = run(["scenario", "show", "--set", "rho0=0.02"])
    assert status == 0
    line = next(x for x in out.splitlines() if x.startswith("rho0 ="))
    assert "changed; default 0.01" in line


# --------------------------------------------------------------------------- console script
def test_console_script_version_and_show() -> None:
    assert SCRIPT.exists(), SCRIPT
    done = subprocess.run(
        [str(SCRIPT), "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0
    assert VERSION in done.stdout
    done = subprocess.run(
        [str(SCRIPT), "scenario", "show"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0
    assert tomllib.loads(done.stdout) == table1().to_mapping()
