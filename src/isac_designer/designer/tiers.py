"""The three tiers of answer, named the same everywhere (API, JSON, tables).

- ``paper``: the formula as the paper prints it (asymptotics, ε for
  −ln(1−ε), mean-field ranges, the crude c_macro bound), typos corrected;
- ``exact``: the same model solved exactly (root finding on the Bessel and
  Laplace expressions, ln(1−ε), integer ceilings, the Poisson quantile);
- ``strict``: the model's true chance constraints instead of the paper's
  surrogates (Poisson blocking tail instead of the mean-load bound).
"""

from __future__ import annotations

from enum import StrEnum

from isac_designer.errors import UnknownNameError


class Tier(StrEnum):
    """Which tier of answer a number belongs to."""

    PAPER = "paper"
    EXACT = "exact"
    STRICT = "strict"

    @classmethod
    def parse(cls, name: str | Tier) -> Tier:
        """Tier from its name; an unknown name raises :class:`UnknownNameError`."""
        try:
            return cls(name)
        except ValueError:
            raise UnknownNameError.for_choice("tier", name, cls) from None
