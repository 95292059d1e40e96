"""The docs that mirror code stay in sync with it."""

from __future__ import annotations

from pathlib import Path

from isac_designer.designer.parameters import PARAMETERS
from isac_designer.studies.cli import markdown_key_table

DOCS = Path(__file__).resolve().parents[1] / "docs"
README = Path(__file__).resolve().parents[1] / "README.md"


def test_scenario_reference_table_matches_the_registry() -> None:
    assert markdown_key_table() in (DOCS / "scenario.md").read_text(encoding="utf-8")


def test_every_assumption_has_its_reason_in_the_docs() -> None:
    text = (DOCS / "scenario.md").read_text(encoding="utf-8")
    for p in PARAMETERS:
        if p.source == "assumption":
            assert f"**`{p.key}`**" in text, p.key


def test_readme_gives_the_two_commands_ci_runs() -> None:
    text = README.read_text(encoding="utf-8")
    assert "make demo" in text
    assert "make test" in text
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_every_doc_the_readme_links_exists() -> None:
    text = README.read_text(encoding="utf-8")
    for name in (
        "quickstart",
        "scenario",
        "theory-to-code",
        "errata",
        "paper-vs-exact",
        "comms-rate",
        "output",
        "architecture",
    ):
        assert f"docs/{name}.md" in text
        assert (DOCS / f"{name}.md").is_file()


def test_python_blocks_in_the_docs_import_what_exists() -> None:
    """Every `from isac_designer... import (...)` line in a docs code block resolves."""
    import importlib
    import re

    pattern = re.compile(r"^from (isac_designer[\w.]*) import (?:\(([^)]*)\)|([^(\n]+)$)", re.M)
    checked = 0
    for doc in [README, *sorted(DOCS.glob("*.md"))]:
        for block in re.findall(r"```python\n(.*?)```", doc.read_text(encoding="utf-8"), re.S):
            for module_name, listed, inline in pattern.findall(block):
                module = importlib.import_module(module_name)
                for name in (n.strip() for n in (listed or inline).split(",")):
                    if name:
                        assert hasattr(module, name), f"{doc.name}: {module_name}.{name}"
                        checked += 1
    assert checked >= 9  # comms-rate.md (7) and quickstart.md (2) at least
