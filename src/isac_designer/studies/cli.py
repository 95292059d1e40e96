"""The ``isac-designer`` command line.

Exit status: 0 on success (an infeasible design is a result), 2 on bad input
(one line naming the problem and the fix, no traceback, nothing written),
1 on an internal error.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from isac_designer import __version__
from isac_designer.designer.model import NetworkModel
from isac_designer.designer.parameters import PARAMETERS
from isac_designer.designer.scenario import Scenario
from isac_designer.designer.scenario_io import (
    apply_overrides,
    assumption_lines,
    dumps_scenario,
    load_scenario,
    parse_override,
    table1,
    toml_value,
)
from isac_designer.designer.tiers import Tier
from isac_designer.errors import IsacError
from isac_designer.formulations.spec import ProblemKind
from isac_designer.solvers.api import design
from isac_designer.solvers.registry import DEFAULT_METHOD, SOLVERS, get_solver
from isac_designer.solvers.result import Status
from isac_designer.studies import capacity_sweep, jsonable, report, tables

PROG = "isac-designer"
DESIGN_TIERS = (Tier.PAPER, Tier.EXACT)
"""The tiers ``design`` solves side by side (the strict tier is for capacity)."""


class UsageError(IsacError, ValueError):
    """Bad command-line usage."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _scenario_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scenario", metavar="FILE", help="scenario TOML file (keys it omits keep Table I values)"
    )
    parser.add_argument(
        "--set",
        dest="overrides",
        metavar="NAME=VALUE",
        action="append",
        default=[],
        help="override one scenario key (repeatable)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for the docs and tests)."""
    parser = _Parser(
        prog=PROG,
        description="Exact design of cooperative ISAC tracking networks "
        "(problems P2 / P2-DYN of Wang et al.).",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p_design = sub.add_parser("design", help="solve P2 or P2-DYN for a scenario")
    p_design.add_argument(
        "--problem", default=str(ProblemKind.P2_DYN), help="p2 or p2-dyn (default p2-dyn)"
    )
    p_design.add_argument(
        "--method",
        default=DEFAULT_METHOD,
        help=f"solver: {', '.join(SOLVERS)} (default {DEFAULT_METHOD})",
    )
    p_design.add_argument(
        "--tier",
        default=str(Tier.EXACT),
        help="primary tier: paper or exact (default exact); both are reported",
    )
    _scenario_args(p_design)
    p_design.add_argument("--json", action="store_true", help="print one JSON object")

    p_cap = sub.add_parser("capacity", help="capacity ceilings across BS densities")
    p_cap.add_argument(
        "--bs-density",
        required=True,
        metavar="LIST",
        help="comma-separated BS densities in BS/km², e.g. 10,100,500,1000",
    )
    _scenario_args(p_cap)
    p_cap.add_argument("--json", action="store_true", help="print one JSON object")
    p_cap.add_argument("--csv", metavar="FILE", help="also write a tidy CSV table")

    p_scen = sub.add_parser("scenario", help="show, list or validate scenario parameters")
    scen_sub = p_scen.add_subparsers(dest="action", required=True, parser_class=_Parser)
    p_show = scen_sub.add_parser("show", help="print the resolved scenario as TOML")
    _scenario_args(p_show)
    p_keys = scen_sub.add_parser("keys", help="list every key with unit, default and source")
    p_keys.add_argument(
        "--markdown", action="store_true", help="print the table of docs/scenario.md"
    )
    p_val = scen_sub.add_parser("validate", help="check a scenario file")
    p_val.add_argument("file", metavar="FILE")
    return parser


def _resolve_scenario(args: argparse.Namespace) -> tuple[Scenario, str]:
    if args.scenario == "":
        raise UsageError("--scenario needs a file path, but got ''; omit it for Table I")
    scenario = load_scenario(args.scenario) if args.scenario is not None else table1()
    label = args.scenario or "Table I (shipped default)"
    scenario = apply_overrides(scenario, args.overrides)
    if args.overrides:
        label += " with " + ", ".join(args.overrides)
    return scenario, label


def _cmd_design(args: argparse.Namespace) -> int:
    problem = ProblemKind.parse(args.problem)
    if args.tier not in DESIGN_TIERS:
        raise UsageError(
            f"--tier must be paper or exact, but got '{args.tier}' "
            "(the strict tier applies to capacity ceilings; see docs/output.md)"
        )
    primary = Tier.parse(args.tier)
    get_solver(args.method)  # an unknown method raises with the list of methods
    scenario, label = _resolve_scenario(args)
    model = NetworkModel(scenario)
    results = {str(t): design(scenario, problem, t, args.method, model=model) for t in DESIGN_TIERS}
    # the exit status is the requested tier's: the other tier is reported beside it
    status = 1 if results[str(primary)].status is Status.ERROR else 0
    if args.json:
        main_result = results[str(primary)]
        others = {k: v for k, v in results.items() if k != str(primary)}
        print(jsonable.dumps(report.result_document(main_result, scenario, others)))
    else:
        ordered = {str(primary): results[str(primary)]}
        ordered.update({k: v for k, v in results.items() if k != str(primary)})
        print(tables.design_table(ordered, label))
    return status


def _cmd_capacity(args: argparse.Namespace) -> int:
    densities = capacity_sweep.parse_density_list(args.bs_density)
    if any(parse_override(text)[0] == "bs_density_per_km2" for text in args.overrides):
        raise UsageError(
            "capacity sweeps bs_density_per_km2 over --bs-density; drop "
            "--set bs_density_per_km2=..."
        )
    if args.csv is not None:
        capacity_sweep.check_output_path(args.csv)
    scenario, label = _resolve_scenario(args)
    rows = capacity_sweep.sweep(scenario, densities, capacity_sweep.stderr_progress)
    assumptions = assumption_lines(scenario)
    warnings = capacity_sweep.sweep_warnings(scenario, densities)
    if args.csv is not None:
        capacity_sweep.write_text_atomically(
            capacity_sweep.to_csv(rows, scenario, warnings), args.csv
        )
    if args.json:
        document = {
            "schema_version": jsonable.SCHEMA_VERSION,
            "tool": {"name": PROG, "version": __version__},
            "rows": [report.capacity_dict(c) for c in rows],
            "assumptions": list(assumptions),
            "warnings": warnings,
            "scenario": report.scenario_dict(scenario),
        }
        print(jsonable.dumps(document))
    else:
        print(f"scenario: {label}")
        print("\n".join([tables.capacity_table(rows), *tables.notes_block(assumptions, warnings)]))
    return 0


def _cmd_scenario(args: argparse.Namespace) -> int:
    if args.action == "show":
        scenario, _ = _resolve_scenario(args)
        sys.stdout.write(dumps_scenario(scenario))
    elif args.action == "keys" and args.markdown:
        sys.stdout.write(markdown_key_table())
    elif args.action == "keys":
        defaults = table1()
        for p in PARAMETERS:
            default = toml_value(getattr(defaults, p.key))
            print(
                f"{p.key:<28} {p.symbol:<10} [{p.unit}] default {default} "
                f"({p.source}) — {p.description}; valid: {p.range_text()}"
            )
    else:
        load_scenario(args.file)
        print(f"ok: '{args.file}' is a valid scenario")
    return 0


def markdown_key_table() -> str:
    """Every scenario key as the Markdown table in docs/scenario.md (kept in sync by a test)."""
    defaults = table1()
    lines = [
        "| key | symbol | unit | default | source | valid range | meaning |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in PARAMETERS:
        lines.append(
            f"| `{p.key}` | {p.symbol} | {p.unit} | "
            f"{toml_value(getattr(defaults, p.key))} | {p.source} | `{p.range_text()}` | "
            f"{p.description} |"
        )
    return "\n".join(lines) + "\n"


COMMANDS = {"design": _cmd_design, "capacity": _cmd_capacity, "scenario": _cmd_scenario}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (also used as the console script)."""
    try:
        args = build_parser().parse_args(argv)
        if sys.stdout is None:  # started with stdout closed (`>&-`): print() would drop output
            print(f"{PROG}: error: cannot write output: standard output is closed", file=sys.stderr)
            return 1
        status = COMMANDS[args.command](args)
        sys.stdout.flush()  # a full or closed stdout must fail here, inside the handlers
        return status
    except SystemExit as exc:  # --help / --version
        return exc.code if isinstance(exc.code, int) else 0
    except BrokenPipeError:  # e.g. `isac-designer capacity ... | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except IsacError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # e.g. stdout is a full device
        print(f"{PROG}: error: cannot write output: {exc}", file=sys.stderr)
        # what is still buffered for stdout cannot be written either: drop it, so the
        # interpreter's own flush at exit does not fail a second time (exit 120)
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        print(
            f"{PROG}: internal error: {type(exc).__name__}: {exc} "
            "(please report it with the command line)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
