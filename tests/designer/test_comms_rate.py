"""Tests of the downlink ergodic-rate model (isac_designer.designer.comms_rate).

References are computed independently of the module: ρ by mpmath quadrature
of its defining integral or the α = 4 arctan closed form; coverage and rate by
nested scipy quadrature over the serving distance (not the module's y-scaling,
log-space trick or trapezoid noise rule).
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate

from isac_designer.designer import comms_rate
from isac_designer.designer.andrews_rho import andrews_rho
from isac_designer.designer.antenna import main_lobe_gain
from isac_designer.designer.comms_rate import (
    best_beamwidth,
    coverage_probability,
    ergodic_rate,
)
from isac_designer.designer.noise_factor import noise_factor
from isac_designer.errors import NumericalError, ScenarioError

TABLE_I = {
    "bs_density": 1e-5,  # 10 BS/km²
    "pathloss_exp": 4.0,
    "side_lobe_ratio": 1e-4,
    "pointing_error": math.radians(1.0),
    "tx_power_w": 39.81,
    "noise_w": 4.32e-8,
}
THETA_MIN = math.radians(0.25)
THETA_MAX = math.radians(120.0)

OMNI = {
    "bs_density": 1e-5,
    "pathloss_exp": 4.0,
    "side_lobe_ratio": 0.0,
    "pointing_error": 1e-3,
    "tx_power_w": 1.0,
    "noise_w": 0.0,
}


# --------------------------------------------------------------------------- references


def rho_by_quadrature(c: float, alpha: float) -> float:
    """∫_1^∞ dw/(1 + w^{α/2}/c) by mpmath, with w = v^{−1/(α/2−1)} (finite range)."""
    with mp.workdps(30):
        k = mp.mpf(alpha) / 2
        m = 1 / (k - 1)
        cc = mp.mpf(c)
        return float(mp.quad(lambda v: m * v ** (-m - 1) / (1 + v ** (-m * k) / cc), [0, 1]))


def rho4_closed(c: float) -> float:
    """ρ(c, 4) = √c (π/2 − arctan(1/√c)) (Andrews, Baccelli & Ganti 2011)."""
    if c == 0.0:
        return 0.0
    s = math.sqrt(c)
    return s * (math.pi / 2 - math.atan(1 / s))


def beam_constants(theta: float, zeta: float, sigma: float) -> tuple[float, float, float, float]:
    gm = float(main_lobe_gain(theta, zeta))
    return gm, zeta * gm, theta / (2 * math.pi), math.erf(theta / (2 * math.sqrt(2) * sigma))


def conditional_coverage_by_r(
    threshold: float, g0: float, load: float, lam: float, alpha: float, snr_coeff: float
) -> float:
    """∫_0^∞ 2πλr e^{−πλr²(1+A)} exp(−T r^α W/(P G_0)) dr by scipy quad over r.

    ``snr_coeff`` = W/P; the range is cut where the Gaussian factor is e^{−64}.
    """
    scale = 1.0 / math.sqrt(math.pi * lam * (1.0 + load))

    def f(r: float) -> float:
        return (
            2
            * math.pi
            * lam
            * r
            * math.exp(-math.pi * lam * r * r * (1 + load))
            * math.exp(-threshold * r**alpha * snr_coeff / g0)
        )

    value, _ = integrate.quad(f, 0.0, 8.0 * scale, epsabs=0.0, epsrel=1e-12, limit=200)
    return float(value)


# --------------------------------------------------------------------------- ρ(c, α)


@pytest.mark.parametrize("alpha", [2.2, 3.0, 4.0, 6.0])
def test_andrews_rho_matches_its_defining_integral(alpha: float) -> None:
    cs = np.logspace(-3, 4, 15)
    got = andrews_rho(cs, alpha)
    want = np.array([rho_by_quadrature(c, alpha) for c in cs])
    np.testing.assert_allclose(got, want, rtol=1e-12)


def test_andrews_rho_hypergeometric_identity_in_mpmath() -> None:
    # the identity itself, checked at 30 digits independently of scipy
    with mp.workdps(30):
        for alpha in (2.5, 3.0, 4.0, 5.0):
            d = mp.mpf(2) / alpha
            for c in (1e-3, 0.7, 1.0, 30.0, 1e4):
                hyp = 2 * c / (mp.mpf(alpha) - 2) * mp.hyp2f1(1, 1 - d, 2 - d, -c)
                assert float(hyp) == pytest.approx(rho_by_quadrature(c, alpha), rel=1e-14)


def test_andrews_rho_alpha4_closed_form() -> None:
    cs = np.logspace(-3, 4, 71)
    want = np.array([rho4_closed(c) for c in cs])
    np.testing.assert_allclose(andrews_rho(cs, 4.0), want, rtol=1e-13)


def test_andrews_rho_limits_and_shape() -> None:
    assert float(andrews_rho(0.0, 3.0)) == 0.0
    assert float(andrews_rho(math.inf, 3.0)) == math.inf
    # small c: ρ ≈ 2c/(α − 2); large c: ρ ≈ c^{2/α} (2π/α)/sin(2π/α)
    assert float(andrews_rho(1e-12, 3.0)) == pytest.approx(2e-12, rel=1e-9)
    assert float(andrews_rho(1e300, 4.0)) == pytest.approx(1e150 * math.pi / 2, rel=1e-12)
    assert andrews_rho(np.ones((2, 3)), 4.0).shape == (2, 3)


# --------------------------------------------------------------------------- omni reduction


@pytest.mark.parametrize("alpha", [3.0, 4.0])
@pytest.mark.parametrize("zeta", [0.0, 0.3])
def test_omni_coverage_is_abg(alpha: float, zeta: float) -> None:
    # θ = 2π gives G_m = 1 whatever ζ; with σ ≪ 1 the serving beam is always aligned
    assert float(main_lobe_gain(2 * math.pi, zeta)) == 1.0
    thresholds = np.array([0.0, 0.01, 0.3, 1.0, 3.0, 10.0, 1e3, 1e6])
    got = coverage_probability(
        thresholds, 2 * math.pi, **{**OMNI, "pathloss_exp": alpha, "side_lobe_ratio": zeta}
    )
    want = [1.0 / (1.0 + rho_by_quadrature(t, alpha)) if t > 0 else 1.0 for t in thresholds]
    np.testing.assert_allclose(got, want, rtol=1e-12)


def test_omni_rate_alpha4_matches_mpmath_and_abg() -> None:
    with mp.workdps(20):
        nats = mp.quad(
            lambda t: (
                1 / (1 + mp.sqrt(mp.expm1(t)) * (mp.pi / 2 - mp.atan(1 / mp.sqrt(mp.expm1(t)))))
            ),
            [0, 1, 4, 16, 64, mp.inf],
        )
    reference_bits = float(nats / mp.log(2))
    rate = float(ergodic_rate(2 * math.pi, **OMNI))
    assert rate == pytest.approx(reference_bits, rel=1e-8)
    # Andrews, Baccelli & Ganti 2011: 2.15 bit/s/Hz = 1.49 nats/Hz for α = 4, no noise
    assert round(rate, 2) == 2.15
    assert round(rate * math.log(2), 2) == 1.49


@pytest.mark.parametrize("theta", [1e-3, 1.3e-3, 0.05, 2.0])
def test_narrow_beam_rate_matches_mpmath(theta: float) -> None:
    """Two scales in one integrand: with θ = 1 mrad, σ = 1° the side-lobe serving branch
    (weight 1 − q ≈ 0.97) falls off at thresholds ~ζ times those of the main branch.
    An adaptive rule in t = ln(1 + T) misjudges this by 3e-7 while reporting 1e-11;
    the module's rule in ln T must match a 30-digit reference to 1e-10."""
    zeta, sigma = mp.mpf("1e-4"), mp.radians(1)
    params = {**TABLE_I, "noise_w": 0.0}

    def rho4(c: Any) -> Any:
        root = mp.sqrt(c)
        return root * (mp.pi / 2 - mp.atan(1 / root))

    with mp.workdps(30):
        th = mp.mpf(theta)
        # without noise only gain ratios (1, ζ, 1/ζ) enter: G_m itself cancels
        p, q = th / (2 * mp.pi), mp.erf(th / (2 * mp.sqrt(2) * sigma))

        def cov(t: Any) -> Any:
            threshold = mp.expm1(t)
            main = 1 / (1 + p * rho4(threshold) + (1 - p) * rho4(threshold * zeta))
            side = 1 / (1 + p * rho4(threshold / zeta) + (1 - p) * rho4(threshold))
            return q * main + (1 - q) * side

        nats = mp.quad(cov, [0, mp.mpf("1e-8"), mp.mpf("1e-4"), 0.01, 1, 5, 10, 20, 40, mp.inf])
    assert float(ergodic_rate(theta, **params)) == pytest.approx(float(nats / mp.log(2)), rel=1e-10)


RULE_CASES = {
    # the rate integral's mass sits far from the initial window, or in a narrow peak
    "noise-limited": ((4.03e-12, 2.48, 5.79e-5, 0.109, 1.02e-4, 2.33e-8), 0.0656),
    "long tail (α = 7.5, θ = 1 µrad)": ((1e-5, 7.5, 0.0, 0.01, 1.0, 0.0), 1e-6),
    "peaked (α → 2)": ((1.38e-4, 2.0001, 1.15e-6, 0.0254, 8.06e-8, 1.74e-18), 4.28e-4),
}


@pytest.mark.parametrize("case", sorted(RULE_CASES))
def test_rate_rule_matches_segment_quadrature(case: str) -> None:
    """The trapezoid rule in ln T (with its widened window) against scipy quad on unit
    segments of the same integrand, ln T in [−90, 300]. In the peaked case tanh-sinh
    stopped after 131 evaluations 1e-4 off, reporting an error of 3e-14."""
    (lam, alpha, zeta, sigma, power, noise), theta = RULE_CASES[case]
    model = comms_rate.DownlinkModel(lam, alpha, zeta, sigma, power, noise)

    def h(x: float) -> float:
        return float(model.coverage(math.exp(x), theta)[()]) / (1.0 + math.exp(-x))

    nats = sum(
        integrate.quad(h, a, a + 1.0, epsabs=0.0, epsrel=1e-13, limit=100)[0]
        for a in range(-90, 300)
    )
    assert model.rate(theta) == pytest.approx(nats / math.log(2), rel=1e-11)


def test_omni_rate_does_not_depend_on_density_without_noise() -> None:
    rates = [
        float(ergodic_rate(2 * math.pi, **{**OMNI, "bs_density": lam})) for lam in (1e-7, 1e-3)
    ]
    assert rates[0] == pytest.approx(rates[1], rel=1e-9)


# --------------------------------------------------------------------------- noise


def test_noise_lowers_coverage() -> None:
    thresholds = np.array([0.1, 1.0, 10.0, 100.0, 1e4])
    theta = math.radians(3.0)
    noisy = coverage_probability(thresholds, theta, **TABLE_I)
    clean = coverage_probability(thresholds, theta, **{**TABLE_I, "noise_w": 0.0})
    assert np.all(noisy < clean)


@pytest.mark.parametrize("alpha", [3.0, 4.0])
def test_noisy_coverage_matches_distance_integral(alpha: float) -> None:
    theta, zeta, sigma = math.radians(3.0), 1e-4, math.radians(1.0)
    lam, power, noise = 1e-5, 39.81, 4.32e-8
    gm, gs, p, q = beam_constants(theta, zeta, sigma)
    params = {**TABLE_I, "pathloss_exp": alpha}
    for threshold in (0.5, 30.0, 2e3):
        want = 0.0
        for g0, weight in ((gm, q), (gs, 1.0 - q)):
            load = p * rho_by_quadrature(threshold * gm / g0, alpha) + (1 - p) * rho_by_quadrature(
                threshold * gs / g0, alpha
            )
            want += weight * conditional_coverage_by_r(
                threshold, g0, load, lam, alpha, noise / power
            )
        got = float(coverage_probability(threshold, theta, **params))
        assert got == pytest.approx(want, rel=1e-10)


def test_noisy_rate_matches_nested_quadrature() -> None:
    theta, zeta, sigma = math.radians(3.0), 1e-4, math.radians(1.0)
    lam, power, noise = 1e-5, 39.81, 4.32e-8
    gm, gs, p, q = beam_constants(theta, zeta, sigma)
    nats = 0.0
    for g0, weight in ((gm, q), (gs, 1.0 - q)):

        def cov(t: float, g0: float = g0) -> float:
            threshold = math.expm1(t)
            load = p * rho4_closed(threshold * gm / g0) + (1 - p) * rho4_closed(threshold * gs / g0)
            return conditional_coverage_by_r(threshold, g0, load, lam, 4.0, noise / power)

        edges = [0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0]
        nats += weight * sum(
            integrate.quad(cov, a, b, epsabs=0.0, epsrel=1e-11, limit=200)[0]
            for a, b in itertools.pairwise(edges)
        )
    got = float(ergodic_rate(theta, **TABLE_I))
    assert got == pytest.approx(nats / math.log(2), rel=1e-8)


@pytest.mark.parametrize("alpha", [3.0, 4.0, 8.0])
def test_noise_factor_matches_mpmath(alpha: float) -> None:
    """F(κ, α) = ∫_0^∞ e^{−u − κ u^{α/2}} du: erfcx form (α = 4), trapezoid, and the small-
    and large-κ series (switching at ln κ = −40 and 5α)."""
    edge = 5.0 * alpha
    log_kappas = np.array(
        [-60.0, -40.5, -39.5, -20.0, -3.0, 0.0, 2.0, 15.0, edge - 0.5, edge + 0.5, 100.0]
    )
    got = noise_factor(log_kappas, alpha)
    with mp.workdps(30):
        for lk, value in zip(log_kappas, got, strict=True):
            kappa = mp.exp(lk)
            scale = min(mp.mpf(1), kappa ** (-2 / mp.mpf(alpha)))  # the integrand's bulk
            want = mp.quad(
                lambda u, kappa=kappa: mp.exp(-u - kappa * u ** (mp.mpf(alpha) / 2)),
                [0, scale, 10 * scale, 100 * scale, mp.inf],
            )
            assert value == pytest.approx(float(want), rel=1e-12)


def test_coverage_at_zero_threshold() -> None:
    theta = math.radians(2.0)
    assert float(coverage_probability(0.0, theta, **TABLE_I)) == pytest.approx(1.0, abs=1e-12)
    # ζ = 0: a misaligned serving beam delivers nothing, so P(SINR > 0) = q
    q = math.erf(theta / (2 * math.sqrt(2) * TABLE_I["pointing_error"]))
    got = float(coverage_probability(0.0, theta, **{**TABLE_I, "side_lobe_ratio": 0.0}))
    assert got == pytest.approx(q, rel=1e-12)


# --------------------------------------------------------------------------- beamwidth optimum


@pytest.mark.parametrize("density", [1e-5, 1e-3])
def test_rate_has_interior_maximum(density: float) -> None:
    params = {**TABLE_I, "bs_density": density}
    theta, rate = best_beamwidth(THETA_MIN, THETA_MAX, **params)
    ends = ergodic_rate(np.array([THETA_MIN, THETA_MAX]), **params)
    assert THETA_MIN < theta < THETA_MAX
    assert rate > ends.max() + 1.0  # bit/s/Hz; the optimum is far above both ends
    assert rate == pytest.approx(float(ergodic_rate(theta, **params)), rel=1e-12)
    nearby = ergodic_rate(theta * np.array([0.9, 0.99, 1.01, 1.1]), **params)
    assert np.all(nearby <= rate + 1e-9)


def test_best_beamwidth_returns_bound_when_monotone() -> None:
    # R̄ decreases beyond the optimum (~4°) and increases below it
    lo, hi = math.radians(10.0), math.radians(120.0)
    theta, rate = best_beamwidth(lo, hi, **TABLE_I)
    assert theta == lo
    assert rate == float(ergodic_rate(lo, **TABLE_I))
    lo, hi = math.radians(0.25), math.radians(1.0)
    theta, _ = best_beamwidth(lo, hi, **TABLE_I)
    assert theta == hi


def test_best_beamwidth_degenerate_interval_and_bad_order() -> None:
    theta, rate = best_beamwidth(0.1, 0.1, **TABLE_I)
    assert theta == 0.1
    assert rate == float(ergodic_rate(0.1, **TABLE_I))
    with pytest.raises(ScenarioError, match="lower <= upper"):
        best_beamwidth(0.2, 0.1, **TABLE_I)


def test_pointing_error_costs_rate_for_narrow_beams() -> None:
    theta = math.radians(1.0)
    sharp = float(ergodic_rate(theta, **{**TABLE_I, "pointing_error": math.radians(0.05)}))
    blurred = float(ergodic_rate(theta, **TABLE_I))
    assert blurred < sharp


def test_ergodic_rate_is_vectorised() -> None:
    thetas = np.radians([[0.5, 3.0], [30.0, 360.0]])
    rates = ergodic_rate(thetas, **TABLE_I)
    assert rates.shape == (2, 2)
    for idx in np.ndindex(thetas.shape):
        # a shared grid may reach further than a lone beam's: tails differ by < 1e-15
        assert rates[idx] == pytest.approx(
            float(ergodic_rate(float(thetas[idx]), **TABLE_I)), rel=1e-14
        )


def test_unresolved_integral_raises_numerical_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real rule, starved to step 4 in ln T, disagrees with step 8 and must be refused."""
    monkeypatch.setattr(comms_rate, "_RATE_STEP", 4.0)
    with pytest.raises(NumericalError, match=r"did not converge at θ_m=0\.1 rad"):
        ergodic_rate(0.1, **TABLE_I)


# --------------------------------------------------------------------------- properties


def log_uniform(lo: float, hi: float) -> st.SearchStrategy[float]:
    """Floats spread evenly in log scale over [lo, hi]."""
    return st.floats(math.log(lo), math.log(hi)).map(math.exp)


valid_params = st.fixed_dictionaries(
    {
        "bs_density": log_uniform(1e-7, 1e-2),
        "pathloss_exp": st.floats(2.1, 6.0),
        "side_lobe_ratio": st.one_of(st.just(0.0), log_uniform(1e-6, 0.5)),
        "pointing_error": log_uniform(1e-3, 1.0),
        "tx_power_w": log_uniform(1e-2, 1e2),
        "noise_w": st.one_of(st.just(0.0), log_uniform(1e-14, 1e-4)),
    }
)
valid_beamwidth = st.floats(1e-4, 2 * math.pi)


@settings(max_examples=25, deadline=None)
@given(theta=valid_beamwidth, params=valid_params)
def test_rate_is_finite_and_nonnegative(theta: float, params: dict[str, float]) -> None:
    rate = float(ergodic_rate(theta, **params))
    assert math.isfinite(rate)
    assert rate >= 0.0


@settings(max_examples=40, deadline=None)
@given(
    theta=valid_beamwidth,
    params=valid_params,
    thresholds=st.lists(st.floats(0.0, 1e8), min_size=2, max_size=12),
)
def test_coverage_is_a_survival_function(
    theta: float, params: dict[str, float], thresholds: list[float]
) -> None:
    ts = np.sort(np.array(thresholds))
    cov = coverage_probability(ts, theta, **params)
    assert np.all((cov >= 0.0) & (cov <= 1.0 + 1e-12))
    assert np.all(np.diff(cov) <= 1e-12)


BAD_VALUES = {
    "beamwidth": (
        st.one_of(st.floats(max_value=0.0), st.floats(min_value=2 * math.pi + 1e-9)),
        "θ_m",
    ),
    "pathloss_exp": (st.floats(max_value=2.0), "α"),
    "pointing_error": (st.floats(max_value=0.0), "σ"),
    "bs_density": (st.floats(max_value=0.0), "λ"),
    "side_lobe_ratio": (st.one_of(st.floats(max_value=-1e-12), st.floats(min_value=1.0)), "ζ"),
    "noise_w": (st.floats(max_value=-1e-300), "W"),
    "tx_power_w": (st.floats(max_value=0.0), "P"),
}


@settings(max_examples=60, deadline=None)
@given(data=st.data(), name=st.sampled_from(sorted(BAD_VALUES)))
def test_bad_inputs_raise_scenario_error(data: st.DataObject, name: str) -> None:
    strategy, symbol = BAD_VALUES[name]
    value = data.draw(strategy)
    theta = value if name == "beamwidth" else 0.1
    params = dict(TABLE_I)
    if name != "beamwidth":
        params[name] = value
    for call in (
        lambda: ergodic_rate(theta, **params),
        lambda: coverage_probability(1.0, theta, **params),
        lambda: best_beamwidth(theta, theta, **params),
    ):
        with pytest.raises(ValueError, match="must hold") as info:
            call()
        assert isinstance(info.value, ScenarioError)
        message = str(info.value)
        assert symbol in message
        assert f"{name}={value!r}" in message


def test_bad_threshold_and_rho_argument() -> None:
    with pytest.raises(ScenarioError, match=r"threshold=-1\.0"):
        coverage_probability([1.0, -1.0], 0.1, **TABLE_I)
    with pytest.raises(ScenarioError, match=r"c=-0\.5"):
        andrews_rho([-0.5], 4.0)
    with pytest.raises(ScenarioError, match=r"pathloss_exp=2\.0"):
        andrews_rho(1.0, 2.0)
