"""isac-designer: exact design of cooperative ISAC tracking networks.

The package is layered (imports flow one way)::

    studies -> solvers -> formulations -> designer

``designer`` holds the network model (scenario, closed forms),
``formulations`` the problems P2 / P2-DYN, ``solvers`` the methods that solve
them and ``studies`` what users run (the CLI). :mod:`isac_designer.errors`
is shared by all layers.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("isac-designer")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = ["__version__"]
