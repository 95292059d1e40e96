"""Console-script entry point that stays quiet on Ctrl-C during start-up.

Importing numpy and scipy takes most of a second; a SIGINT in that window
would otherwise surface as a KeyboardInterrupt traceback. This module
imports nothing heavy itself and loads the CLI inside the guard.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``isac-designer``; exit status 130 on Ctrl-C at any point."""
    try:
        from isac_designer.studies.cli import main as cli_main

        return cli_main(argv)
    except KeyboardInterrupt:
        print("isac-designer: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
