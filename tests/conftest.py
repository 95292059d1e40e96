"""Shared fixtures: the Table I scenario and models at the paper's densities."""

from __future__ import annotations

import pytest
from hypothesis import settings

from isac_designer.designer.model import NetworkModel
from isac_designer.designer.scenario import Scenario
from isac_designer.designer.scenario_io import table1

# CI runs must not differ between runs: property tests draw the same examples every
# time (a failure found by exploration is reproduced with `--hypothesis-profile=explore`)
# and a slow shared machine must not turn a correct test into a DeadlineExceeded.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("explore", deadline=None, max_examples=500, print_blob=True)
settings.load_profile("ci")


@pytest.fixture(scope="session")
def table1_scenario() -> Scenario:
    """The shipped default: the paper's Table I."""
    return table1()


@pytest.fixture(scope="session")
def model_at() -> object:
    """Factory: NetworkModel of Table I at a BS density in BS/km² (cached)."""
    cache: dict[float, NetworkModel] = {}

    def make(density_per_km2: float) -> NetworkModel:
        if density_per_km2 not in cache:
            cache[density_per_km2] = NetworkModel(
                table1().replace(bs_density_per_km2=density_per_km2)
            )
        return cache[density_per_km2]

    return make
