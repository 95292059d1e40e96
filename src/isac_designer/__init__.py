"""isac-designer: exact design of cooperative ISAC tracking networks.

The package is layered (imports flow one way)::

    studies -> solvers -> formulations -> designer

``designer`` holds the network model (scenario, closed forms),
``formulations`` the problems P2 / P2-DYN, ``solvers`` the methods that solve
them and ``studies`` what users run (the CLI). :mod:`isac_designer.errors`
is shared by all layers.

``__version__`` is looked up lazily: :mod:`importlib.metadata` costs ~40 ms,
and the console script imports this package before its Ctrl-C guard is in
place, so the package itself imports nothing.
"""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("isac-designer")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            value = "0+unknown"
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
