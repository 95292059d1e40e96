"""``isac-designer capacity``: ceilings, cluster sizes and Δr* across BS densities."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from isac_designer import __version__
from isac_designer.designer.ceilings import CapacityCeilings, capacity_ceilings
from isac_designer.designer.model import NetworkModel
from isac_designer.designer.scenario import Scenario
from isac_designer.designer.scenario_io import assumption_lines, dumps_scenario
from isac_designer.errors import ScenarioError
from isac_designer.studies.report import capacity_dict

Progress = Callable[[int, int, float], None]


def parse_density_list(text: str) -> list[float]:
    """``"10,100,500"`` -> [10.0, 100.0, 500.0] (BS/km²), each > 0 and finite."""
    values = []
    for raw in text.split(","):
        item = raw.strip()
        try:
            value = float(item)
        except ValueError:
            raise ScenarioError(
                f"--bs-density must be a comma-separated list of numbers in BS/km², "
                f"but '{item}' is not a number"
            ) from None
        if not (value > 0 and value < float("inf")):
            raise ScenarioError(f"--bs-density values must be finite and > 0, but got {item}")
        values.append(value)
    if not values:
        raise ScenarioError("--bs-density needs at least one density, e.g. 10,100,1000")
    return values


def sweep(
    scenario: Scenario, densities_per_km2: Sequence[float], progress: Progress | None = None
) -> list[CapacityCeilings]:
    """Capacity ceilings of ``scenario`` at each density (BS/km²)."""
    rows = []
    for i, density in enumerate(densities_per_km2, start=1):
        model = NetworkModel(scenario.replace(bs_density_per_km2=density))
        rows.append(capacity_ceilings(model))
        if progress is not None:
            progress(i, len(densities_per_km2), density)
    return rows


def sweep_warnings(scenario: Scenario, densities_per_km2: Sequence[float]) -> list[str]:
    """Model-validity warnings of the swept scenarios, each once, in density order."""
    notes: list[str] = []
    for density in densities_per_km2:
        for note in scenario.replace(bs_density_per_km2=density).validity_warnings():
            if note not in notes:
                notes.append(note)
    return notes


def flat_row(c: CapacityCeilings) -> dict[str, Any]:
    """One tidy row: ``section_tier`` columns (``static_ceiling_per_km2_exact`` ...)."""
    row: dict[str, Any] = {}
    for key, value in capacity_dict(c).items():
        if isinstance(value, dict):
            for tier, v in value.items():
                row[f"{key}_{tier}"] = v
        else:
            row[key] = value
    return row


def to_csv(
    rows: Sequence[CapacityCeilings], scenario: Scenario, warnings: Sequence[str] = ()
) -> str:
    """CSV text; leading ``#`` lines stamp the version, the scenario, its assumptions and
    the model-validity warnings (read with ``comment='#'``)."""
    flat = [flat_row(c) for c in rows]
    columns: list[str] = []
    for row in flat:
        columns += [k for k in row if k not in columns]
    buffer = io.StringIO()
    buffer.write(f"# isac-designer {__version__} capacity sweep\n")
    for line in dumps_scenario(scenario, comments=False).splitlines()[1:]:
        if not line.startswith("bs_density_per_km2"):  # the swept column
            buffer.write(f"# {line}\n")
    for note in assumption_lines(scenario):
        buffer.write(f"# assumption: {note}\n")
    for note in warnings:
        buffer.write(f"# warning: {note}\n")
    writer = csv.DictWriter(buffer, fieldnames=columns, restval="", lineterminator="\n")
    writer.writeheader()
    for row in flat:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return buffer.getvalue()


def _is_stdout(path: str) -> bool:
    """Whether ``path`` (after links) is the file this process's stdout writes to:
    ``/dev/stdout``, or a link to it, with stdout redirected to a file or pipe."""
    try:
        here, out = os.stat(path), os.fstat(sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        return False
    return (here.st_dev, here.st_ino) == (out.st_dev, out.st_ino)


def _is_special(path: str) -> bool:
    """Whether ``path`` is written in place: an existing device or FIFO (after
    following links), or anything under /dev or /proc (``/dev/stdout`` is a link into
    /proc that must not be resolved: its target is this process's descriptor)."""
    if os.path.abspath(path).startswith(("/dev/", "/proc/")):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # missing (or a dangling link): a new regular file
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def check_output_path(path: str) -> None:
    """Reject an output path that cannot work before any computing is done.

    Symbolic links are followed (the file they point to is written, the link
    stays); stdout itself (``/dev/stdout``) is written through the CLI's own
    stream; an existing device or FIFO is written in place and must be
    writable; a socket is refused; an existing regular file must be writable,
    and otherwise the (resolved) directory must exist and be writable.
    """
    if path in ("", "-"):
        raise ScenarioError(f"--csv needs a file path, but got '{path}'")
    if path.endswith(os.sep):
        raise ScenarioError(f"--csv '{path}' ends with '{os.sep}'; give a file name")
    try:
        _check_output_path(path)
    except (OSError, RuntimeError) as exc:  # a name too long; a symlink loop (RuntimeError)
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ScenarioError(f"--csv '{path}': {detail}") from None


def _check_output_path(path: str) -> None:
    if _is_stdout(path):
        return
    file = Path(path).resolve()
    if file.is_dir():
        raise ScenarioError(f"--csv '{path}' is a directory; give a file name inside it")
    if file.is_socket():
        raise ScenarioError(f"--csv '{path}' is a socket; give a file, device or FIFO")
    if _is_special(path):
        if not os.access(path, os.W_OK):
            raise ScenarioError(f"--csv '{path}' is not writable")
        return
    if file.exists() and not os.access(file, os.W_OK):
        raise ScenarioError(f"--csv '{path}' is not writable (a read-only file is not replaced)")
    parent = file.parent
    if not parent.is_dir():
        raise ScenarioError(f"--csv '{path}': the directory '{parent}' does not exist")
    if not os.access(parent, os.W_OK):
        raise ScenarioError(f"--csv '{path}': the directory '{parent}' is not writable")


def write_text_atomically(text: str, path: str | Path) -> None:
    """Write a file so that a failure leaves no partial file and links stay links.

    A failure raises :class:`OSError` naming the path (the CLI: exit 1, "cannot
    write output", as for stdout): the computation was fine, the output was not.

    * stdout itself (``/dev/stdout``, or a link to it, whatever stdout is
      redirected to) is written through ``sys.stdout``, in order with the rest;
    * a device or FIFO is written in place (appending: nothing is truncated);
    * a regular file (or a new one) is written through a temporary sibling of
      the link's *target* and renamed over it, keeping an existing file's
      permission bits (and owner, where allowed). A hard link to the old file
      keeps the old content: that is what renaming means.
    """
    name = str(path)
    if _is_stdout(name):  # errors as for the rest of stdout (a closed pipe exits 0)
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        if _is_special(name):
            with open(path, "a", encoding="utf-8") as stream:
                stream.write(text)
            return
        file = Path(path).resolve()
        old = file.stat() if file.exists() else None
        fd, tmp_name = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".tmp")
    except OSError as exc:
        raise OSError(f"'{path}': {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(text)
        if old is None:
            os.chmod(tmp, 0o666 & ~_umask())
        else:
            os.chmod(tmp, stat.S_IMODE(old.st_mode))
            with contextlib.suppress(OSError):  # only root may give a file away
                os.chown(tmp, old.st_uid, old.st_gid)
        tmp.replace(file)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OSError(f"'{path}': {exc.strerror or exc}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def stderr_progress(i: int, n: int, density: float) -> None:
    """Progress line on stderr (only when it is a terminal)."""
    if sys.stderr.isatty():
        end = "\n" if i == n else "\r"
        sys.stderr.write(f"[{i}/{n}] λ_b = {density:g} BS/km²{end}")
        sys.stderr.flush()
