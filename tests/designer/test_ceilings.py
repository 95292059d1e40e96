"""Capacity ceilings: consistency between tiers, frameworks and the designs."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isac_designer.designer.ceilings import capacity_ceilings
from isac_designer.designer.model import NetworkModel
from isac_designer.designer.scenario_io import table1


@settings(max_examples=40, deadline=None)
@given(
    density=st.floats(1.0, 3000.0),
    nu_max=st.one_of(st.just(0.0), st.floats(1e-6, 10.0), st.just(math.inf)),
    handover_cost=st.floats(0.0, 100.0),
    diffusion=st.floats(0.1, 20.0),
)
def test_dynamic_never_below_static(
    density: float, nu_max: float, handover_cost: float, diffusion: float
) -> None:
    """Remark 6: the static cluster is the ν_h = 0 corner of the dynamic framework, so
    in every tier the dynamic ceiling is at least the static one (same K_rel floor)."""
    s = table1().replace(
        bs_density_per_km2=density,
        max_handover_rate_per_s=nu_max,
        handover_cost_s=handover_cost,
        diffusion_m2_per_s=diffusion,
    )
    c = capacity_ceilings(NetworkModel(s))
    for tier in ("paper", "exact", "strict"):
        static, dynamic = getattr(c.static, tier), getattr(c.dynamic, tier)
        if static is not None:
            assert dynamic is not None
            assert dynamic >= static * (1 - 1e-12), tier
        if c.static_cluster.exact is not None and c.dynamic_cluster.exact is not None:
            assert c.dynamic_cluster.exact <= c.static_cluster.exact


def test_handover_ceiling_zero_reduces_dynamic_to_static() -> None:
    """ν_h^max = 0: nothing is left of the dynamic framework but its static corner."""
    c = capacity_ceilings(
        NetworkModel(table1().replace(bs_density_per_km2=1000, max_handover_rate_per_s=0.0))
    )
    assert c.dynamic.paper == pytest.approx(c.static.paper, rel=1e-12)
    assert c.dynamic.exact == pytest.approx(c.static.exact, rel=1e-12)
    assert c.dynamic.strict == pytest.approx(c.static.strict, rel=1e-12)
    assert c.dynamic_cluster.exact == 38


def test_unreachable_qos_gives_no_ceiling_with_a_reason() -> None:
    """Sub-critical at −50 dBm: no static cluster meets τ_req; without handover the
    dynamic framework cannot either, with handover it can (Remark 4)."""
    s = table1().replace(tx_power_dbm=-50.0, max_handover_rate_per_s=0.0)
    c = capacity_ceilings(NetworkModel(s))
    assert c.static.paper is None
    assert c.static.exact is None
    assert c.dynamic.paper is None
    assert c.dynamic.exact is None
    assert c.static.reason is not None
    assert c.gap.reason is not None
    rescued = capacity_ceilings(NetworkModel(s.replace(max_handover_rate_per_s=10.0)))
    assert rescued.static.exact is None
    assert rescued.dynamic.paper is not None
    assert rescued.dynamic.exact is not None


def test_strict_dynamic_picks_the_best_cluster_for_the_tail() -> None:
    """With ν_h^max = 1e-4 1/s at 10³ BS/km² handover drops M_max from 10 to 9; the
    strict ceiling must still be at least the static strict one (K = 38, ν_h = 0)."""
    c = capacity_ceilings(
        NetworkModel(table1().replace(bs_density_per_km2=1000, max_handover_rate_per_s=1e-4))
    )
    assert c.dynamic.strict >= c.static.strict


def test_echoed_density_is_the_users_number() -> None:
    c = capacity_ceilings(NetworkModel(table1().replace(bs_density_per_km2=495.7)))
    assert c.bs_density_per_km2 == 495.7


def test_least_commitment_survives_an_unenumerable_strict_ceiling() -> None:
    """ε_micro = 3e-9: K*_static = 1 256 638 sizes is too many for the strict tier's full
    table, but the least commitment only needs K up to the first feasible K's J."""
    c = capacity_ceilings(NetworkModel(table1().replace(eps_micro=3e-9)))
    assert c.dynamic_cluster.exact == 3.0
    assert c.dynamic.exact is not None
    assert c.dynamic.strict is None
    assert c.dynamic.reason is not None
    assert "1000000 cluster sizes" in c.dynamic.reason
