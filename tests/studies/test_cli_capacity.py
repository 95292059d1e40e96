"""`isac-designer capacity`: the CSV (values, scenario stamp, output path) and the JSON."""

from __future__ import annotations

import csv
import math
import tomllib
from pathlib import Path

import pytest

from isac_designer.designer.parameters import PARAMETERS
from isac_designer.designer.scenario_io import table1
from tests.studies.cli_helpers import (
    VERSION,
    assert_one_line_error,
    null_without_reason,
    run,
    strict_json,
)


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    comments = [line for line in lines if line.startswith("#")]
    data = [line for line in lines if not line.startswith("#")]
    return comments, list(csv.DictReader(data))


def column(rows: list[dict[str, str]], prefix: str, tier: str) -> list[float]:
    names = [n for n in rows[0] if n.startswith(prefix) and n.endswith(tier)]
    assert len(names) == 1, (prefix, tier, list(rows[0]))
    return [float(r[names[0]]) for r in rows]


def test_capacity_csv(tmp_path: Path) -> None:
    path = tmp_path / "cap.csv"
    status, out, err = run(["capacity", "--bs-density", "10,1000", "--csv", str(path)])
    assert status == 0
    assert err == ""
    assert out  # the table for people
    assert [p.name for p in tmp_path.iterdir()] == ["cap.csv"]
    comments, rows = read_csv(path)
    assert any(VERSION in c for c in comments)
    assert [float(r["bs_density_per_km2"]) for r in rows] == [10.0, 1000.0]
    static_paper = column(rows, "static_ceiling", "paper")
    dynamic_paper = column(rows, "dynamic_ceiling", "paper")
    static_exact = column(rows, "static_ceiling", "exact")
    # Table I: ρ_max = 0.1, ρ_0 = 0.01, η = 0.3, D = 1, μ_sj = 0.01, ε = 0.01, τ_ho = 0.05
    # λ_b = 10: K*_static ≈ 0.38 < K_rel = 3, so both ceilings are ρ_max λ_b/(ρ_0 K_rel)
    assert static_paper[0] == pytest.approx(0.1 * 10 / (0.01 * 3), rel=1e-9)
    assert dynamic_paper[0] == pytest.approx(0.1 * 10 / (0.01 * 3), rel=1e-9)
    # λ_b = 1000: Theorem 3 plateau (38), ρ_max μ_sj ε/(4π D η ρ_0), per km²
    plateau = 0.1 * 0.01 * 0.01 / (4 * math.pi * 1.0 * 0.3 * 0.01) * 1e6
    assert 265 < plateau < 266  # the paper's "~265 targets/km²"
    assert static_paper[1] == pytest.approx(plateau, rel=1e-9)
    # exact tier: integer K = ⌈4π η λ_b D/(-μ_sj ln(1-ε))⌉ = 38 at 1000 BS/km²
    k_exact = math.ceil(4 * math.pi * 0.3 * 1e-3 * 1.0 / (-0.01 * math.log(1 - 0.01)))
    assert k_exact == 38
    assert static_exact[1] == pytest.approx(0.1 * 1000 / (0.01 * k_exact), rel=1e-9)
    # Theorem 3-DYN (47) at 1000 BS/km²
    k_star = 4 * math.pi * 0.3 * 1e-3 * 1.0 / (0.01 * 0.01)
    overhead = math.pi * 1e-3 * 1.0 * 0.05 * math.log(k_star / 3) ** 2
    dyn = 0.1 * 1e-3 / (0.01 * (3 + overhead)) * 1e6
    assert dynamic_paper[1] == pytest.approx(dyn, rel=1e-9)
    assert 11 < dynamic_paper[1] / static_paper[1] < 13.5  # the paper's "~12×" gap


def test_capacity_csv_stamps_the_scenario(tmp_path: Path) -> None:
    path = tmp_path / "cap.csv"
    args = ["capacity", "--bs-density", "50", "--set", "rho0=0.02", "--csv", str(path)]
    assert run(args)[0] == 0
    comments, rows = read_csv(path)
    notes = ("# assumption: ", "# warning: ")
    assignments = [c.lstrip("#") for c in comments if "=" in c and not c.startswith(notes)]
    stamped = tomllib.loads("\n".join(assignments))
    scenario = table1().replace(rho0=0.02).to_mapping()
    assert stamped
    assert all(scenario[k] == v for k, v in stamped.items())
    assert set(scenario) - set(stamped) <= {"bs_density_per_km2"}  # the swept column
    assert stamped["rho0"] == 0.02
    assert [float(r["bs_density_per_km2"]) for r in rows] == [50.0]


def test_capacity_csv_into_missing_directory(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "dir" / "cap.csv"
    line = assert_one_line_error(*run(["capacity", "--bs-density", "10", "--csv", str(target)]))
    assert "cap.csv" in line
    assert list(tmp_path.iterdir()) == []


def test_capacity_csv_onto_a_directory_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    assert_one_line_error(*run(["capacity", "--bs-density", "10", "--csv", str(target)]))
    assert target.is_dir()
    assert list(target.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]


def test_capacity_json() -> None:
    status, out, err = run(["capacity", "--bs-density", "10, 1000", "--json"])
    assert status == 0
    assert err == ""
    doc = strict_json(out)
    assert isinstance(doc["schema_version"], str)
    assert [row["bs_density_per_km2"] for row in doc["rows"]] == [10.0, 1000.0]
    for row in doc["rows"]:
        assert row["static_ceiling_per_km2"]["exact"] > 0
        assert row["dynamic_ceiling_per_km2"]["exact"] >= row["static_ceiling_per_km2"]["exact"]
    assert doc["scenario"] == table1().to_mapping()
    assert list(null_without_reason(doc)) == []


ASSUMED_KEYS = {p.key for p in PARAMETERS if p.source == "assumption"}


def test_capacity_outputs_list_assumptions_and_warnings(tmp_path: Path) -> None:
    """Every output lists the parameters the paper never states (issue 2), and the
    validity warning of a density that cannot be packed (Table I's 50 m at 1000/km²)."""
    path = tmp_path / "cap.csv"
    argv = ["capacity", "--bs-density", "10,1000", "--set", "bandwidth_mhz=20"]
    status, out, _ = run([*argv, "--json", "--csv", str(path)])
    assert status == 0
    doc = strict_json(out)
    keys_in = [line.split(" = ")[0] for line in doc["assumptions"]]
    assert sorted(keys_in) == sorted(ASSUMED_KEYS)
    (bandwidth,) = [a for a in doc["assumptions"] if a.startswith("bandwidth_mhz")]
    assert "20.0 [MHz], set by the user (default 100.0" in bandwidth
    (warning,) = doc["warnings"]  # 1000 BS/km² only, once
    assert "bs_density_per_km2=1000 cannot be packed" in warning

    comments, _rows = read_csv(path)
    assert [c.removeprefix("# assumption: ") for c in comments if "assumption:" in c] == doc[
        "assumptions"
    ]
    assert [c.removeprefix("# warning: ") for c in comments if "warning:" in c] == [warning]

    status, table, _ = run(argv)
    assert status == 0
    assert "assumptions (not stated in the paper):" in table
    assert all(f"  - {a}" in table for a in doc["assumptions"])
    assert f"warnings:\n  - {warning}" in table


def test_capacity_below_the_packing_limit_has_no_warning() -> None:
    status, out, _ = run(["capacity", "--bs-density", "10,100", "--json"])
    assert status == 0
    assert strict_json(out)["warnings"] == []


def test_csv_through_a_symlink_writes_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "target.csv"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target.name)
    assert run(["capacity", "--bs-density", "10", "--csv", str(link)])[0] == 0
    assert link.is_symlink()
    assert link.readlink() == Path("target.csv")
    assert target.read_text(encoding="utf-8").startswith("# isac-designer")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "target.csv"]  # no temp


def test_csv_to_dev_stdout_writes_through_the_stream() -> None:
    """/dev/stdout is a link into /proc: written in place, never replaced by a file."""
    import subprocess

    from tests.studies.cli_helpers import SCRIPT

    proc = subprocess.run(
        [str(SCRIPT), "capacity", "--bs-density", "10", "--json", "--csv", "/dev/stdout"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("# isac-designer")
    assert Path("/dev/stdout").is_symlink()


def test_csv_to_a_full_device_fails_with_one_line_and_leaves_it_a_device() -> None:
    """A failed write after the sweep is an output failure (exit 1), as for stdout."""
    full = Path("/dev/full")  # Linux's always-full device
    status, out, err = run(["capacity", "--bs-density", "10", "--json", "--csv", str(full)])
    assert status == 1
    assert out == ""  # nothing printed once the CSV could not be written
    assert (
        err.strip()
        == "isac-designer: error: cannot write output: '/dev/full': No space left on device"
    )
    assert full.is_char_device()


def test_csv_name_too_long_is_bad_input(tmp_path: Path) -> None:
    name = tmp_path / ("x" * 300 + ".csv")
    status, out, err = run(["capacity", "--bs-density", "10", "--csv", str(name)])
    assert "File name too long" in assert_one_line_error(status, out, err)


@pytest.mark.parametrize("argv", [["scenario", "show"], ["capacity", "--bs-density", "10"]])
def test_full_stdout_exits_1_with_one_line(argv: list[str]) -> None:
    """Buffered stdout is flushed inside the CLI's handlers: one line and exit 1, not a
    silent exit 0 or Python's 'Exception ignored' and exit 120."""
    import os
    import subprocess

    from tests.studies.cli_helpers import SCRIPT

    full = Path("/dev/full")  # Linux's always-full device
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    with full.open("w") as sink:
        proc = subprocess.run(
            [str(SCRIPT), *argv],
            stdout=sink,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
    assert proc.returncode == 1
    assert proc.stderr.strip() == (
        "isac-designer: error: cannot write output: [Errno 28] No space left on device"
    )


def test_csv_to_dev_stdout_redirected_to_a_file_keeps_both_outputs(tmp_path: Path) -> None:
    """Stdout redirected to a file (or appended to a log): /dev/stdout is that file; the
    CSV goes through the same stream, before the table, and nothing is truncated."""
    import subprocess

    from tests.studies.cli_helpers import SCRIPT

    log = tmp_path / "log.txt"
    log.write_text("earlier line\n", encoding="utf-8")
    with log.open("a", encoding="utf-8") as sink:
        proc = subprocess.run(
            [str(SCRIPT), "capacity", "--bs-density", "10", "--csv", "/dev/stdout"],
            stdout=sink,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    assert proc.returncode == 0, proc.stderr
    text = log.read_text(encoding="utf-8")
    assert text.startswith("earlier line\n# isac-designer")
    assert text.index("bs_density_per_km2,") < text.index("capacity ceilings")


def test_csv_path_rules(tmp_path: Path) -> None:
    """Each refused before any computing, with one line: a symlink loop, a trailing
    slash, a socket, a read-only file (never silently replaced)."""
    import socket

    loop_a, loop_b = tmp_path / "a.csv", tmp_path / "b.csv"
    loop_a.symlink_to(loop_b.name)
    loop_b.symlink_to(loop_a.name)
    sock_path = tmp_path / "s.csv"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    read_only = tmp_path / "ro.csv"
    read_only.write_text("keep\n", encoding="utf-8")
    read_only.chmod(0o444)
    cases = {
        str(loop_a): "Symlink loop",
        str(tmp_path / "new.csv") + "/": "give a file name",
        str(sock_path): "is a socket",
    }
    import os

    if os.geteuid() != 0:  # root may write anything; the rule is the OS's
        cases[str(read_only)] = "is not writable"
    try:
        for path, message in cases.items():
            line = assert_one_line_error(*run(["capacity", "--bs-density", "10", "--csv", path]))
            assert message in line
    finally:
        server.close()
    assert read_only.read_text(encoding="utf-8") == "keep\n"


def test_rewriting_a_file_keeps_its_permissions(tmp_path: Path) -> None:
    private = tmp_path / "private.csv"
    private.write_text("old\n", encoding="utf-8")
    private.chmod(0o600)
    assert run(["capacity", "--bs-density", "10", "--csv", str(private)])[0] == 0
    assert private.stat().st_mode & 0o777 == 0o600
    assert private.read_text(encoding="utf-8").startswith("# isac-designer")
