"""Theorem 1'-DYN (46) as printed (paper tier) and the exact commitment optimum."""

from __future__ import annotations

import math

import pytest

from isac_designer.designer.cluster_design import (
    dynamic_cluster_exact,
    dynamic_cluster_paper,
    static_cluster,
)
from isac_designer.designer.model import NetworkModel
from isac_designer.designer.scenario_io import table1
from isac_designer.designer.tiers import Tier

LAM = 1e-3  # 1000 BS/km²
K_STAR = 4 * math.pi * 0.3 * LAM / (0.01 * 0.01)  # 37.70


def dense(nu_max: float) -> NetworkModel:
    return NetworkModel(table1().replace(bs_density_per_km2=1000, max_handover_rate_per_s=nu_max))


def test_paper_regime_thresholds() -> None:
    rich = math.pi * LAM * math.log(K_STAR) ** 2  # ν_h^min(1) = 0.04144 1/s
    starved = math.pi * LAM / K_STAR  # 8.3e-5 1/s
    assert dynamic_cluster_paper(dense(rich * 1.01), 3).regime == "i"
    mid = dynamic_cluster_paper(dense(0.01), 3)
    assert mid.regime == "ii"
    # (45): K_min = πλD ln²(K*)/ν_max = 4.14 -> 5 (ceiling), ν_h = ν_max
    assert math.ceil(math.pi * LAM * math.log(K_STAR) ** 2 / 0.01) == mid.K
    assert mid.nu_h == 0.01
    low = dynamic_cluster_paper(dense(starved * 0.99), 3)
    assert low.regime == "iii"
    assert (low.K, low.nu_h) == (38, 0.0)


def test_exact_optimum_minimises_commitment() -> None:
    model = dense(10.0)
    choice = dynamic_cluster_exact(model, Tier.EXACT, 3)
    assert choice is not None
    # brute force over K with the model's exact ν_h^min
    best = min(
        (k * (1 + float(model.min_handover_rate(k, Tier.EXACT)) * 0.05), k) for k in range(3, 39)
    )
    assert (choice.commitment, choice.K) == pytest.approx(best, rel=1e-14)


def test_exact_infeasible_when_ceiling_too_low_for_every_cluster() -> None:
    """ν_h^max = 0 still allows the static K* = 38; a sub-critical network with a
    strict QoS allows nothing."""
    assert dynamic_cluster_exact(dense(0.0), Tier.EXACT, 3).K == 38
    sub = NetworkModel(
        table1().replace(
            bs_density_per_km2=0.5, qos_fraction=1.0, eps_micro=1e-4, max_handover_rate_per_s=0.0
        )
    )
    assert not sub.supercritical(Tier.EXACT)
    assert dynamic_cluster_exact(sub, Tier.EXACT, 3) is None
    assert static_cluster(sub, Tier.EXACT, 3) is None


def test_handover_rescues_a_subcritical_network() -> None:
    """Remark 4: any ν_h > 0 lifts the MTLT even below c*; with ν_h^max = 10 1/s the
    sub-critical network above becomes feasible at K_rel."""
    sub = NetworkModel(table1().replace(bs_density_per_km2=0.5, qos_fraction=1.0, eps_micro=1e-4))
    choice = dynamic_cluster_exact(sub, Tier.EXACT, 3)
    assert choice is not None
    assert choice.K == 3
    assert 0.0 < choice.nu_h < 10.0
