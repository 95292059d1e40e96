"""Problems P2 and P2-DYN as backend-neutral specifications.

A :class:`~.spec.ProblemSpec` lists variables with bounds, the objective and
the constraints as functions of a design, for one tier; solvers in
:mod:`isac_designer.solvers` turn it into an answer.
"""
