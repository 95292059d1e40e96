"""R_max,1 (mean-field and exact), θ_crit (16) and its exact root, Q."""

from __future__ import annotations

import math

import numpy as np
import pytest

from isac_designer.designer import sensing_range
from isac_designer.designer.tiers import Tier


def test_exact_range_solves_the_coverage_equation(model_at) -> None:
    for density in (0.5, 10.0, 1000.0):
        m = model_at(density)
        r = m.safe_range(Tier.EXACT)
        log_p = float(
            sensing_range.log_coverage_probability(r, m.reference_beamwidth, m.link_budget)
        )
        assert log_p == pytest.approx(math.log1p(-0.01), rel=1e-10)


def test_coverage_falls_with_range_and_beamwidth(model_at) -> None:
    m = model_at(10.0)
    radii = np.array([50.0, 150.0, 300.0, 600.0])
    log_p = sensing_range.log_coverage_probability(radii, m.reference_beamwidth, m.link_budget)
    assert np.all(np.diff(log_p) < 0)
    thetas = np.geomspace(1e-4, 2 * math.pi, 12)
    at_r0 = [float(sensing_range.log_coverage_probability(158.0, t, m.link_budget)) for t in thetas]
    assert np.all(np.diff(at_r0) < 0)


def test_paper_theta_crit_by_hand(model_at) -> None:
    """(16) corrected: θ_crit = (2π/r_0²) √(P_t σ/(γ_s 𝒩)), r_0 = 1/(2√λ_b)."""
    m = model_at(10.0)
    r0 = 0.5 / math.sqrt(1e-5)
    p_t = 10**4.6 / 1000
    expected = 2 * math.pi / r0**2 * math.sqrt(p_t / (10**0.5 * m.mean_disturbance_w))
    assert m.critical_beamwidth(Tier.PAPER).value == pytest.approx(expected, rel=1e-14)
    # it is where the mean-field range of a 2π/θ beam equals r_0
    gain = 2 * math.pi / expected
    r = float(sensing_range.mean_field_range(gain, p_t, 1.0, 10**0.5, m.mean_disturbance_w))
    assert r == pytest.approx(r0, rel=1e-12)


def test_exact_theta_crit_is_where_exact_range_reaches_r0(model_at) -> None:
    m = model_at(10.0)
    crit = m.critical_beamwidth(Tier.EXACT)
    assert crit.status == "interior"
    r = sensing_range.exact_range(crit.value, m.link_budget, 0.01)
    assert r == pytest.approx(m.scenario.design_range, rel=1e-9)


def test_trap_states(model_at) -> None:
    m = model_at(10.0)
    # a target at 1 m: even an omni beam covers it -> no trap
    assert sensing_range.critical_beamwidth_exact(1.0, m.link_budget, 0.01).status == "no-trap"
    # a target at 100 km: no beam covers it -> the trap is closed
    closed = sensing_range.critical_beamwidth_exact(1e5, m.link_budget, 0.01)
    assert closed.status == "closed"
    assert closed.value == 0.0


def test_densification_shrinks_the_range(model_at) -> None:
    """Remark 1: R_max,1 falls with λ_b in both tiers; mean-field R ∝ λ_b^{-1/4}."""
    ranges = {d: model_at(d) for d in (0.5, 10.0, 1000.0)}
    for tier in (Tier.PAPER, Tier.EXACT):
        values = [ranges[d].safe_range(tier) for d in (0.5, 10.0, 1000.0)]
        assert values[0] > values[1] > values[2]
    ratio = ranges[10.0].safe_range(Tier.PAPER) / ranges[1000.0].safe_range(Tier.PAPER)
    assert ratio == pytest.approx(100**0.25, rel=1e-3)  # W_0 makes it inexact
