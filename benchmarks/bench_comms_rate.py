"""Benchmark: the downlink rate R̄(θ_m) and its arg max, against the scalar-quad baseline.

Both run in this process on the same model (Table I downlink: α = 4,
ζ = −40 dB, σ = 1°, P = 46 dBm, W = 4.32e-8 W, 10 BS/km²):

1. *baseline*: one ``scipy.integrate.quad`` per beamwidth on t ∈ [0, ∞) with a
   scalar integrand (relative tolerance 1e-9), the way the rate integral
   R̄ ln 2 = ∫ P_cov(e^t − 1) dt is first written; the noise average by the
   trapezoid rule (the α = 4 closed form switched off);
2. *isac-designer*: :meth:`DownlinkModel.rates`, every beamwidth on one
   trapezoid grid in x = ln T (step 1/2), erfcx noise factor.

Prints wall times and the speed-up for a 25-point beam scan, one beam, and
:meth:`DownlinkModel.best_beamwidth` (scan + Brent refinement), and the largest
relative difference between the two (equal accuracy is the premise).

Run: ``make bench`` (or ``python benchmarks/bench_comms_rate.py``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any
from unittest import mock

import numpy as np
from numpy.typing import NDArray
from scipy import integrate, optimize

from isac_designer.designer import comms_rate
from isac_designer.designer.andrews_rho import LOG_CAP
from isac_designer.designer.comms_rate import DownlinkModel
from isac_designer.designer.noise_factor import trapezoid_nodes

MODEL = DownlinkModel(
    bs_density=1e-5,
    pathloss_exp=4.0,
    side_lobe_ratio=1e-4,
    pointing_error=math.radians(1.0),
    tx_power_w=39.81,
    noise_w=4.32e-8,
)
LOWER, UPPER = math.radians(0.25), math.radians(120.0)


def trapezoid_noise_factor(
    log_kappa: NDArray[np.float64], pathloss_exp: float
) -> NDArray[np.float64]:
    """The general-α trapezoid rule for F(κ, α), used by the baseline at α = 4 too."""
    nodes, step = trapezoid_nodes(pathloss_exp)
    shift = -(2.0 / pathloss_exp) * np.maximum(log_kappa, 0.0)
    z = shift[..., np.newaxis] + nodes
    power = np.minimum(log_kappa[..., np.newaxis] + 0.5 * pathloss_exp * z, LOG_CAP)
    return np.asarray(step * np.exp(z - np.exp(z) - np.exp(power)).sum(axis=-1))


def baseline_rate(theta: float) -> float:
    """quad per beamwidth, scalar integrand in t = ln(1 + T) [bit/s/Hz]."""
    beam = np.array(theta)

    def integrand(t: float) -> float:
        log_t = t + math.log(-math.expm1(-t)) if t > 0.0 else -math.inf
        return float(MODEL.log_coverage_kernel(np.array([log_t]), beam)[0])

    value, _err = integrate.quad(integrand, 0.0, math.inf, epsabs=1e-13, epsrel=1e-9, limit=200)
    return value / math.log(2.0)


def baseline_best(lower: float, upper: float) -> tuple[float, float]:
    """The same scan + bounded Brent search as the project, on the baseline rate."""
    grid = np.exp(np.linspace(math.log(lower), math.log(upper), 25))
    rates = np.array([baseline_rate(float(t)) for t in grid])
    i = int(np.argmax(rates))
    res: Any = optimize.minimize_scalar(
        lambda x: -baseline_rate(math.exp(x)),
        bounds=(math.log(grid[max(i - 1, 0)]), math.log(grid[min(i + 1, 24)])),
        method="bounded",
        options={"xatol": 1e-7},
    )
    return math.exp(res.x), -float(res.fun)


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Best-of-``repeat`` wall time [s] and the last result."""
    best, out = math.inf, None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def main() -> None:
    grid = np.exp(np.linspace(math.log(LOWER), math.log(UPPER), 25))
    # baseline: the general-α trapezoid noise rule (no α = 4 closed form)
    with mock.patch.object(comms_rate, "noise_factor", trapezoid_noise_factor):
        t_base_grid, base_grid = timed(lambda: np.array([baseline_rate(t) for t in grid]), 2)
        t_base_one, _ = timed(lambda: baseline_rate(math.radians(3.0)), 3)
        t_base_best, base_best = timed(lambda: baseline_best(LOWER, UPPER), 1)
    t_grid, grid_rates = timed(lambda: MODEL.rates(grid), 3)
    t_one, _ = timed(lambda: MODEL.rate(math.radians(3.0)), 5)
    t_best, best = timed(lambda: MODEL.best_beamwidth(LOWER, UPPER), 2)

    diff = float(np.max(np.abs(grid_rates / base_grid - 1.0)))
    print("R̄(θ_m), Table I downlink at 10 BS/km²")
    print(f"{'task':<34}{'baseline quad':>15}{'isac-designer':>15}{'speed-up':>10}")
    for name, base, ours in (
        ("25-beam scan", t_base_grid, t_grid),
        ("one beam (3°)", t_base_one, t_one),
        ("best_beamwidth (scan + Brent)", t_base_best, t_best),
    ):
        print(f"{name:<34}{base * 1e3:>12.1f} ms{ours * 1e3:>12.1f} ms{base / ours:>9.1f}×")
    print(f"largest relative difference on the scan: {diff:.1e}")
    print(
        f"arg max: baseline {math.degrees(base_best[0]):.6f}° ({base_best[1]:.10f} bit/s/Hz), "
        f"isac-designer {math.degrees(best[0]):.6f}° ({best[1]:.10f} bit/s/Hz)"
    )


if __name__ == "__main__":
    main()
