"""CLI tests: pytest rewrites the asserts of the shared helpers as it does in test modules."""

from __future__ import annotations

import pytest

# cli_helpers.assert_one_line_error asserts; without this its failures would not say why.
pytest.register_assert_rewrite("tests.studies.cli_helpers")
