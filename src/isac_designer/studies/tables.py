"""Plain-text tables for people (the CLI's default output)."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Sequence

from isac_designer import __version__
from isac_designer.designer.ceilings import CapacityCeilings
from isac_designer.designer.regimes import Regimes
from isac_designer.designer.units import per_m2_to_per_km2, rad_to_deg
from isac_designer.solvers.result import DesignResult, Status


def fmt(value: float | None, digits: int = 4) -> str:
    """Compact number: ``—`` for None, ``inf`` for infinity."""
    if value is None:
        return "—"
    if math.isinf(value):
        return "inf"
    if value == 0:
        return "0"
    return f"{value:.{digits}g}"


def _width(text: str) -> int:
    """Columns a string takes on a terminal (combining marks such as R̄'s take none)."""
    return sum(0 if unicodedata.combining(ch) else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _grid(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    widths = [max(_width(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(_pad(str(h), w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(_pad(str(c), w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
    ]
    return "\n".join(lines)


def _unit(unit: str) -> str:
    return "" if unit in ("1", "-") else f" {unit}"


def _slack(slack: float, bound: float) -> str:
    """Slack for display: round-off below 1e-9 of the bound shows as 0."""
    if math.isfinite(bound) and abs(slack) <= 1e-9 * max(abs(bound), 1e-300):
        return "0"
    return fmt(slack)


def design_table(results: dict[str, DesignResult], scenario_label: str) -> str:
    """Side-by-side table of one problem solved in several tiers."""
    first = next(iter(results.values()))
    tiers = list(results)
    out = [
        f"isac-designer {__version__} — {str(first.problem).upper()} by '{first.method}'",
        f"scenario: {scenario_label}",
        "",
    ]

    def row(label: str, cell: Callable[[DesignResult], str]) -> list[str]:
        return [label, *[cell(results[t]) for t in tiers]]

    def design_cell(
        attr: str, convert: Callable[[float], float] = float
    ) -> Callable[[DesignResult], str]:
        def cell(r: DesignResult) -> str:
            return "—" if r.design is None else fmt(convert(getattr(r.design, attr)))

        return cell

    def regime_cell(describe: Callable[[Regimes], str]) -> Callable[[DesignResult], str]:
        def cell(r: DesignResult) -> str:
            return "—" if r.regimes is None else describe(r.regimes)

        return cell

    def margin_cell(r: DesignResult) -> str:
        if r.hysteresis_margin_m is not None:
            return fmt(r.hysteresis_margin_m)
        return "— (" + (r.hysteresis_reason or "n/a").split(":")[0] + ")"

    rows = [
        row("status", lambda r: str(r.status)),
        row("K", design_cell("K")),
        row("ν_h [1/s]", design_cell("nu_h")),
        row("θ_m [deg]", design_cell("theta_m", rad_to_deg)),
        row("ρ_0", design_cell("rho0")),
        row("Ĉ_comm [Mbit/s]", lambda r: fmt(None if r.objective is None else r.objective / 1e6)),
        row("R̄ [bit/s/Hz]", lambda r: fmt(r.rate)),
        row("active", lambda r: ", ".join(r.active) or "—"),
        row("P2-DYN regime (46)", regime_cell(lambda g: g.dynamic_regime or "—")),
        row("cluster bound by", regime_cell(lambda g: g.cluster_binding)),
        row("beam set by", regime_cell(lambda g: g.beam)),
        row(
            "percolation (Q)",
            regime_cell(lambda g: f"{g.percolation} ({fmt(g.coverage_parameter)})"),
        ),
        row("handover", regime_cell(lambda g: g.handover)),
        row("Δr* [m]", margin_cell),
        row("ρ_0 headroom", lambda r: fmt(r.rho0_headroom)),
    ]
    out.append(_grid(rows, ["", *tiers]))
    for tier, r in results.items():
        if r.status is not Status.OPTIMAL:
            out += ["", f"{tier}: {r.status} — {r.reason}"]
    con_rows = []
    for tier, r in results.items():
        for c in r.constraints:
            con_rows.append(
                [
                    tier,
                    f"{c.name} {c.equation}",
                    f"{fmt(c.value)} {c.sense} {fmt(c.bound)}{_unit(c.unit)}",
                    _slack(c.slack, c.bound),
                    "yes" if c.active else "",
                    "" if c.satisfied else "VIOLATED",
                ]
            )
    if con_rows:
        out += ["", "constraints at the design:"]
        out.append(_grid(con_rows, ["tier", "constraint", "value vs bound", "slack", "active", ""]))
    for tier, r in results.items():
        broken = [c for c in r.exact_check if not c.satisfied]
        for c in broken:
            out.append(
                f"note: the {tier} design violates the exact {c.name} constraint {c.equation}: "
                f"{fmt(c.value)}{_unit(c.unit)} vs bound {fmt(c.bound)}{_unit(c.unit)}"
            )
    checks = [(tier, r.chance_check) for tier, r in results.items() if r.chance_check]
    if checks:
        qos, required = checks[0][1].qos_time_s, checks[0][1].required
        out += [
            "",
            f"the chance constraint (34) that (40)/(49) stand in for, under the exact "
            f"exit-time law: P(t_loss >= T_req = {fmt(qos)} s) >= {required:.10g}:",
        ]
        for tier, check in checks:
            line = f"  {tier}: {check.reliability:.10g} at the design"
            if check.min_handover_rate is not None:  # P2-DYN: with and without handover
                line += f", {check.reliability_without_handover:.10g} without handover"
                line += f"; smallest ν_h meeting it: {fmt(check.min_handover_rate)} 1/s"
                if check.min_handover_rate > check.handover_ceiling:
                    line += f" (above ν_h^max = {fmt(check.handover_ceiling)} 1/s)"
            out.append(line + ("" if check.satisfied else "  VIOLATED"))
    cap = first.capacity
    if cap is not None:
        out += ["", capacity_table([cap])]
    out += notes_block(first.assumptions, first.warnings)
    return "\n".join(out)


def notes_block(assumptions: Sequence[str], warnings: Sequence[str]) -> list[str]:
    """The lines that close every table: assumed parameters, then validity warnings."""
    out: list[str] = []
    if assumptions:
        out += ["", "assumptions (not stated in the paper):"]
        out += [f"  - {a}" for a in assumptions]
    if warnings:
        out += ["", "warnings:"] + [f"  - {w}" for w in warnings]
    return out


def capacity_table(rows: Sequence[CapacityCeilings]) -> str:
    """Capacity ceilings per density, paper / exact / strict."""
    k = per_m2_to_per_km2(1.0)

    def sc(v: float | None) -> str:
        return fmt(None if v is None else v * k)

    header = [
        "λ_b [BS/km²]",
        "static p/e/s [targets/km²]",
        "dynamic p/e/s [targets/km²]",
        "dynamic/static p/e",
        "K_static p/e",
        "K_rel",
        "ν_h^min(K_rel) p/e [1/s]",
        "Δr* p/e [m]",
    ]
    table = []
    for c in rows:
        table.append(
            [
                fmt(c.bs_density_per_km2),
                f"{sc(c.static.paper)} / {sc(c.static.exact)} / {sc(c.static.strict)}",
                f"{sc(c.dynamic.paper)} / {sc(c.dynamic.exact)} / {sc(c.dynamic.strict)}",
                f"{fmt(c.gap.paper, 3)} / {fmt(c.gap.exact, 3)}",
                f"{fmt(c.static_cluster.paper)} / {fmt(c.static_cluster.exact)}",
                str(c.reliability_floor),
                f"{fmt(c.nu_h_min.paper)} / {fmt(c.nu_h_min.exact)}",
                f"{fmt(c.hysteresis_margin.paper)} / {fmt(c.hysteresis_margin.exact)}",
            ]
        )
    return "capacity ceilings (p = paper, e = exact, s = strict Poisson tail):\n" + _grid(
        table, header
    )
