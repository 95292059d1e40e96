"""Solver backends behind one :func:`~isac_designer.solvers.api.solve`.

Each backend is one module declaring its name and capabilities; all return
the same immutable :class:`~isac_designer.solvers.result.DesignResult`.
"""
