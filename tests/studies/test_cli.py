"""The ``isac-designer`` command line, driven in-process and once as the console script.

Contract (DESIGN.md, Outputs / Errors; README): bad input is exit 2 with one line
``isac-designer: error: ...`` on stderr, nothing on stdout and no file written;
an infeasible design is a result (exit 0, status ``infeasible`` with a reason);
JSON is strict (no Infinity / NaN) and an undefined or infinite value is
``null`` with a reason beside it.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import subprocess
import sys
import tomllib
from collections.abc import Iterator, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest

from isac_designer.designer.model import NetworkModel
from isac_designer.designer.parameters import PARAMETERS
from isac_designer.designer.scenario import Scenario
from isac_designer.designer.scenario_io import table1
from isac_designer.designer.tiers import Tier
from isac_designer.studies.cli import main

PROG = "isac-designer"
VERSION = version("isac-designer")
SCRIPT = Path(sys.executable).with_name(PROG)
ERROR_PREFIX = f"{PROG}: error:"


# --------------------------------------------------------------------------- helpers
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


# --------------------------------------------------------------------------- design runs
# At most four `design` invocations in this file (each takes seconds): three here.
DEFAULT_ARGS = ["design", "--json"]
INF_ARGS = ["design", "--json", "--tier", "paper", "--set", "max_handover_rate_per_s=inf"]
# P2 at a sub-critical density with a demanding QoS. Theorem 1' / Remark 2: sub-critical
# (λ_b π R_max,1² < c*), P2 is feasible only if R_max,1²/(4D) >= τ_req. Sub-critical
# implies R_max,1² < c*/(π λ_b), so R_max,1²/(4D) < c*/(4π λ_b D) ≈ 1.8e5 s at
# λ_b = 0.5 BS/km², D = 1 m²/s, while τ_req = -η/(μ_sj ln(1-ε_micro)) ≈ 1e6 s for
# η = 1, μ_sj = 0.01/s, ε_micro = 1e-4. A small target density (0.1/km²) keeps blocking
# out of the way: even K = 7 > 4π λ_b D τ_req ≈ 6.3 would load a BS with only 1.4
# targets (ρ_0 · 1.4 = 0.014 <= ρ_max = 0.1), so the binding reason is kinematic.
INFEASIBLE_SETS = {
    "bs_density_per_km2": 0.5,
    "qos_fraction": 1.0,
    "eps_micro": 1e-4,
    "target_density_per_km2": 0.1,
}
INFEASIBLE_ARGS = ["design", "--json", "--problem", "p2"] + [
    arg for key, value in INFEASIBLE_SETS.items() for arg in ("--set", f"{key}={value}")
]


@pytest.fixture(scope="module")
def default_design() -> tuple[int, dict[str, Any], str]:
    status, out, err = run(DEFAULT_ARGS)
    return status, strict_json(out), err


@pytest.fixture(scope="module")
def inf_design() -> tuple[int, dict[str, Any], str]:
    status, out, err = run(INF_ARGS)
    return status, strict_json(out), err


@pytest.fixture(scope="module")
def infeasible_design() -> tuple[int, dict[str, Any], str]:
    status, out, err = run(INFEASIBLE_ARGS)
    return status, strict_json(out), err


def test_design_json_default_is_ok(default_design: tuple[int, dict[str, Any], str]) -> None:
    status, doc, err = default_design
    assert status == 0
    assert err == ""
    assert isinstance(doc["schema_version"], str)
    assert doc["schema_version"]
    assert doc["status"] == "optimal"
    assert doc["problem"] == "p2-dyn"  # the default problem
    assert doc["tier"] == "exact"  # the default primary tier
    assert doc["tool"]["version"] == VERSION


def test_design_json_design_block(default_design: tuple[int, dict[str, Any], str]) -> None:
    _, doc, _ = default_design
    s = table1()
    d = doc["design"]
    assert set(d) >= {"K", "nu_h", "theta_m", "rho0"}
    assert isinstance(d["K"], int)
    # Table I: K*_static = 4π η λ_b D/(μ_sj ε_micro) ≈ 0.38 < K_rel = 3, so (Theorem 3-DYN)
    # the kinematic constraint is met at K = K_rel with no handover.
    k_static = 4 * math.pi * 0.3 * 1e-5 * 1.0 / (0.01 * 0.01)
    assert k_static < k_rel(s) == 3
    assert d["K"] == 3
    assert d["nu_h"] == 0.0
    assert s.beamwidth_min <= d["theta_m"] <= s.beamwidth_max
    assert math.isclose(d["theta_m_deg"], math.degrees(d["theta_m"]), rel_tol=1e-12)
    assert d["rho0"] == pytest.approx(s.rho0)  # ρ_0 sits on its lower bound (DESIGN.md)
    assert isinstance(doc["objective"], float)
    assert doc["objective"] > 0
    assert isinstance(doc["active_constraints"], list)
    assert all(isinstance(a, str) for a in doc["active_constraints"])
    assert doc["active_constraints"]


def test_design_json_regimes_capacity_assumptions(
    default_design: tuple[int, dict[str, Any], str],
) -> None:
    _, doc, _ = default_design
    regimes = doc["regimes"]
    assert isinstance(regimes, dict)
    assert regimes["feasible"] is True
    assert isinstance(regimes["percolation"], str)
    capacity = doc["capacity"]
    assert capacity["bs_density_per_km2"] == 10.0
    # static ceiling at K = K_rel = 3: ρ_max λ_b/(ρ_0 K_rel) = 0.1·10/(0.01·3) per km²
    assert capacity["static_ceiling_per_km2"]["paper"] == pytest.approx(100 / 3, rel=1e-9)
    assumptions_text = " ".join(doc["assumptions"])
    for p in PARAMETERS:
        if p.source == "assumption":
            assert p.key in assumptions_text, p.key


def test_design_json_hysteresis_margin_null_with_reason(
    default_design: tuple[int, dict[str, Any], str],
) -> None:
    _, doc, _ = default_design
    assert "hysteresis_margin_m" in doc
    # ν_h = 0 (no handover), so there is no margin to report
    assert doc["hysteresis_margin_m"] is None
    assert isinstance(doc["hysteresis_margin_m_reason"], str)
    assert doc["hysteresis_margin_m_reason"].strip()


def test_design_json_has_both_tiers(default_design: tuple[int, dict[str, Any], str]) -> None:
    _, doc, _ = default_design
    tiers = doc["tiers"]
    assert {"paper", "exact"} <= set(tiers)
    for tier in ("paper", "exact"):
        assert tiers[tier]["status"] == "optimal"
        assert tiers[tier]["design"]["K"] == 3
    assert tiers["exact"]["design"] == doc["design"]


def test_design_json_scenario_is_table1(default_design: tuple[int, dict[str, Any], str]) -> None:
    _, doc, _ = default_design
    assert doc["scenario"] == table1().to_mapping()


def test_design_inf_handover_ceiling(inf_design: tuple[int, dict[str, Any], str]) -> None:
    status, doc, err = inf_design
    assert status == 0
    assert err == ""
    assert doc["tier"] == "paper"
    assert {"paper", "exact"} <= set(doc["tiers"])
    assert doc["scenario"]["max_handover_rate_per_s"] is None
    reason = doc["scenario"]["max_handover_rate_per_s_reason"]
    assert isinstance(reason, str)
    assert reason.strip()
    expected = {k: v for k, v in table1().to_mapping().items() if k != "max_handover_rate_per_s"}
    assert {k: doc["scenario"][k] for k in expected} == expected


@pytest.mark.parametrize("which", ["default_design", "inf_design", "infeasible_design"])
def test_every_null_has_a_reason(which: str, request: pytest.FixtureRequest) -> None:
    _, doc, _ = request.getfixturevalue(which)
    assert list(null_without_reason(doc)) == []


def test_infeasible_preconditions_hold() -> None:
    """The scenario above is sub-critical in both tiers, and τ_req beats any sub-critical MTLT."""
    s = table1().replace(**INFEASIBLE_SETS)
    model = NetworkModel(s)
    for tier in (Tier.PAPER, Tier.EXACT):
        assert model.coverage_parameter(tier) < model.critical_filling(tier)
        assert model.critical_filling(tier) < 1.2
    tau_req = -s.qos_fraction / (s.sojourn_rate * math.log(1 - s.eps_micro))
    subcritical_mtlt_bound = 1.2 / (4 * math.pi * s.bs_density * s.diffusion)
    assert tau_req > 4 * subcritical_mtlt_bound


def test_infeasible_is_a_result(infeasible_design: tuple[int, dict[str, Any], str]) -> None:
    status, doc, err = infeasible_design
    assert status == 0
    assert err == ""
    assert doc["status"] == "infeasible"
    assert doc["problem"] == "p2"
    assert isinstance(doc["reason"], str)
    assert "kinematic" in doc["reason"]
    assert doc["design"] is None
    assert doc["objective"] is None
    assert doc["objective_reason"]
    assert doc["regimes"]["feasible"] is False
    for tier in ("paper", "exact"):
        assert doc["tiers"][tier]["status"] == "infeasible"
        assert "kinematic" in doc["tiers"][tier]["reason"]


# --------------------------------------------------------------------------- version, scenario
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


# --------------------------------------------------------------------------- capacity
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
    assignments = [c.lstrip("#") for c in comments if "=" in c]
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


# --------------------------------------------------------------------------- later fixes
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


def test_uppercase_key_gets_a_suggestion() -> None:
    status, out, err = run(["scenario", "show", "--set", "RHO0=0.02"])
    assert "did you mean 'rho0'" in assert_one_line_error(status, out, err)


def test_numerical_error_status_exits_1_with_the_result() -> None:
    """A result with status `error` is printed (with its reason) and exits 1."""
    argv = ["design", "--json", "--set", "bs_density_per_km2=1e7", "--set", "eps_micro=1e-6"]
    status, out, _err = run(argv)
    assert status == 1
    doc = strict_json(out)
    assert doc["status"] == "error"
    assert "K*_static" in doc["reason"]


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
        ("import", "scipy.optimize"),
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
