"""Benchmark: exact ν_h^min over many cluster sizes, against two baselines.

All run in this process on the same inputs (Table I, exact tier):

1. *naive*: one ``scipy.optimize.brentq`` per K on the direct expression
   [I_0(R√(ν/D)) − 1]/ν − τ_req, the way one would first write it;
2. *scalar stable*: one ``brentq`` per K on the project's cancellation-free
   ln g(x) = ln(τ D/R²) (the same accuracy as the project);
3. *isac-designer*: :func:`min_handover_rate_exact`, all K at once with
   ``scipy.optimize.elementwise.find_root``.

Prints wall times, speed-up ratios against the scalar stable baseline, and
how many naive roots are wrong (relative error > 1e-6 against the project).

Run: ``make bench`` (or ``python benchmarks/bench_handover_rate.py``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray
from scipy import optimize, special

from isac_designer.designer.lifetime import cluster_radius, min_handover_rate_exact
from isac_designer.designer.numerics import log_bessel_growth

DIFFUSION = 1.0
TAU_REQ = -30.0 / math.log1p(-0.01)  # Table I, exact tier [s]


def naive(radius: float) -> float:
    """brentq on [I_0(x) − 1]/ν − τ: cancels at small ν, overflows past x ≈ 700."""
    if radius**2 / (4 * DIFFUSION) >= TAU_REQ:
        return 0.0

    def f(nu: float) -> float:
        return float((special.i0(radius * math.sqrt(nu / DIFFUSION)) - 1.0) / nu - TAU_REQ)

    hi = 1.0
    while f(hi) < 0.0:
        hi *= 2.0
    return float(optimize.brentq(f, 1e-300, hi, xtol=1e-300, rtol=4 * np.finfo(float).eps))


def scalar_stable(radius: float) -> float:
    """brentq per K on ln g(x) = ln(τD/R²), x = R√(ν/D): the project's equation, one at a time."""
    target = TAU_REQ * DIFFUSION / radius**2
    if target <= 0.25:
        return 0.0
    log_target = math.log(target)
    x = optimize.brentq(
        lambda x: float(log_bessel_growth(x)) - log_target,
        0.0,
        2.0 * max(log_target, 0.0) + 20.0,
        xtol=1e-300,
        rtol=4 * np.finfo(float).eps,
    )
    return x * x * DIFFUSION / radius**2


def timed(fn: Callable[[], NDArray[np.float64]], repeats: int) -> tuple[float, NDArray[np.float64]]:
    start = time.perf_counter()
    for _ in range(repeats):
        out = fn()
    return (time.perf_counter() - start) / repeats, out


def run(density_per_km2: float, repeats: int) -> None:
    lam = density_per_km2 * 1e-6
    k_static = 4 * math.pi * lam * DIFFUSION * TAU_REQ
    ks = np.arange(1, math.ceil(k_static), dtype=float)
    radii = cluster_radius(ks, lam)
    t_naive, naive_nu = timed(lambda: np.array([naive(r) for r in radii]), repeats)
    t_scalar, scalar_nu = timed(lambda: np.array([scalar_stable(r) for r in radii]), repeats)
    t_vec, vec_nu = timed(lambda: min_handover_rate_exact(radii, TAU_REQ, DIFFUSION), repeats)
    wrong = int(np.sum(np.abs(naive_nu - vec_nu) > 1e-6 * vec_nu))
    agree = float(np.max(np.abs(scalar_nu - vec_nu) / vec_nu))
    print(f"{density_per_km2:g} BS/km²: K = 1..{len(ks)}")
    print(
        f"  naive brentq (direct I0)       {t_naive * 1e3:9.3f} ms   wrong roots: {wrong}/{len(ks)}"
    )
    print(f"  scalar brentq (stable ln g)    {t_scalar * 1e3:9.3f} ms   baseline")
    print(
        f"  isac-designer (vectorised)     {t_vec * 1e3:9.3f} ms   "
        f"speed-up {t_scalar / t_vec:6.1f}x   max rel. diff {agree:.1e}"
    )


def main() -> None:
    print("exact ν_h^min(K) for every K below K*_static (Table I, exact tier)")
    run(1000.0, repeats=10)
    run(100_000.0, repeats=2)


if __name__ == "__main__":
    main()
