"""NetworkModel: one scenario's closed forms, tier by tier.

The physics modules are pure functions of numbers; this class binds them to a
:class:`~.scenario.Scenario` and decides, in one place, what each tier means
for each quantity:

========================  ==============================  ===================================
quantity                  paper                           exact
========================  ==============================  ===================================
R_max,1 (reference beam)  mean-field (Thm 2 proof)        root of P_cov(R) = 1 − ε_0, eq. (7)
c*                        1.128                           1.12808737 (Mertens & Moore 2012)
θ_crit                    eq. (16), corrected             root of exact R_max,1(θ) = r_0
τ_req                     η/(μ_sj ε_micro)                −T_req/ln(1 − ε_micro), eq. (49)
dynamic MTLT (40)         (R²/4D) e^{R√(ν/D)} (Cor. 5)    eq. (26), Bessel I_0
ν_h^min                   Corollary 5, eq. (29)           root of eq. (26) = τ_req
Δr*                       √(D/ν_h) (Remark 5)             2√(D/ν_h) (mean disc-exit time)
========================  ==============================  ===================================

The strict tier uses the exact values here; it differs only where a
surrogate chance constraint is replaced (blocking tail, see capacity).
"""

from __future__ import annotations

import math
from functools import cached_property

import numpy as np
from numpy.typing import ArrayLike, NDArray

from isac_designer.designer import (
    antenna,
    cluster_size,
    exit_time,
    hysteresis,
    interference,
    lifetime,
    percolation,
    sensing_range,
    traffic,
)
from isac_designer.designer.scenario import Scenario
from isac_designer.designer.tiers import Tier


class NetworkModel:
    """Tiered closed forms for one scenario (derived values are cached).

    Parameters
    ----------
    scenario : Scenario
        The validated parameter set.
    """

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario

    # ------------------------------------------------------------ antenna and link budget
    @cached_property
    def reference_beamwidth(self) -> float:
        """θ_m of Table I's reference beam (G_m = main_lobe_gain_dbi) via eq. (1) [rad]."""
        s = self.scenario
        return antenna.beamwidth_from_gain(s.reference_main_lobe_gain, s.side_lobe_ratio)

    @cached_property
    def link_budget(self) -> sensing_range.LinkBudget:
        """The sensing link budget in SI units."""
        s = self.scenario
        return sensing_range.LinkBudget(
            bs_density=s.bs_density,
            tx_power_w=s.tx_power_w,
            target_rcs=s.target_rcs,
            detection_threshold=s.detection_threshold,
            side_lobe_ratio=s.side_lobe_ratio,
            min_spacing_m=s.min_bs_spacing,
            blockage_per_m=s.los_blockage,
            noise_w=s.noise_power_w,
            clutter_density=s.clutter_density,
            clutter_gain=s.clutter_gain,
            clutter_coeff=s.clutter_scattering_coeff,
            clutter_exp=s.clutter_pathloss_exp,
            guard_m=s.near_field_guard,
        )

    @cached_property
    def mean_coupling_gain(self) -> float:
        """Ḡ of eq. (8) for the reference beam (= 1 by eq. (9))."""
        s = self.scenario
        return float(antenna.mean_coupling_gain(self.reference_beamwidth, s.side_lobe_ratio))

    @cached_property
    def mean_interference_w(self) -> float:
        """E[I_dir] [W] (Sec. II-D)."""
        s = self.scenario
        return interference.mean_direct_interference(
            s.bs_density, s.tx_power_w, s.min_bs_spacing, s.los_blockage, self.mean_coupling_gain
        )

    @cached_property
    def mean_clutter_w(self) -> float:
        """E[C_clutter] with the near-field guard [W]."""
        s = self.scenario
        return interference.mean_clutter_power(
            s.clutter_density,
            s.tx_power_w,
            s.clutter_gain,
            s.clutter_scattering_coeff,
            s.clutter_pathloss_exp,
            s.near_field_guard,
        )

    @cached_property
    def mean_disturbance_w(self) -> float:
        """𝒩 = E[I_dir] + E[C_clutter] + W_0 [W] (Theorem 2 proof)."""
        return self.mean_interference_w + self.mean_clutter_w + self.scenario.noise_power_w

    # ------------------------------------------------------------ sensing range and percolation
    def safe_range(self, tier: Tier) -> float:
        """R_max,1 of the reference beam [m]."""
        return self._safe_range_paper if tier is Tier.PAPER else self._safe_range_exact

    @cached_property
    def _safe_range_paper(self) -> float:
        s = self.scenario
        return float(
            sensing_range.mean_field_range(
                s.reference_main_lobe_gain,
                s.tx_power_w,
                s.target_rcs,
                s.detection_threshold,
                self.mean_disturbance_w,
            )
        )

    @cached_property
    def _safe_range_exact(self) -> float:
        return sensing_range.exact_range(
            self.reference_beamwidth, self.link_budget, self.scenario.coverage_outage_eps0
        )

    def coverage_parameter(self, tier: Tier) -> float:
        """Q = λ_b π R_max,1² (Lemma 2)."""
        return float(
            percolation.coverage_parameter(self.scenario.bs_density, self.safe_range(tier))
        )

    @staticmethod
    def critical_filling(tier: Tier) -> float:
        """c* of eq. (22)."""
        if tier is Tier.PAPER:
            return percolation.CRITICAL_FILLING_PAPER
        return percolation.CRITICAL_FILLING_EXACT

    def supercritical(self, tier: Tier) -> bool:
        """Whether Theorem 1's super-critical branch applies (Q > c*)."""
        return percolation.is_supercritical(
            self.coverage_parameter(tier), self.critical_filling(tier)
        )

    def percolation_regime(self, tier: Tier) -> percolation.Percolation:
        """Sub-, near- or super-critical."""
        return percolation.percolation_regime(
            self.coverage_parameter(tier), self.critical_filling(tier)
        )

    def critical_beamwidth(self, tier: Tier) -> sensing_range.CriticalBeamwidth:
        """θ_crit(r_0) [rad] with its status."""
        return self._theta_crit_paper if tier is Tier.PAPER else self._theta_crit_exact

    @cached_property
    def _theta_crit_paper(self) -> sensing_range.CriticalBeamwidth:
        s = self.scenario
        value = sensing_range.critical_beamwidth_paper(
            s.design_range,
            s.tx_power_w,
            s.target_rcs,
            s.detection_threshold,
            self.mean_disturbance_w,
        )
        return sensing_range.CriticalBeamwidth(value, "interior")

    @cached_property
    def _theta_crit_exact(self) -> sensing_range.CriticalBeamwidth:
        s = self.scenario
        return sensing_range.critical_beamwidth_exact(
            s.design_range, self.link_budget, s.coverage_outage_eps0
        )

    # ------------------------------------------------------------ QoS and cluster sizes
    @property
    def qos_time(self) -> float:
        """T_req = η/μ_sj [s], eq. (30)."""
        return traffic.qos_time(self.scenario.qos_fraction, self.scenario.sojourn_rate)

    def required_mtlt(self, tier: Tier) -> float:
        """τ_req [s], eq. (49)."""
        if tier is Tier.PAPER:
            return traffic.required_mtlt_paper(self.qos_time, self.scenario.eps_micro)
        return traffic.required_mtlt_exact(self.qos_time, self.scenario.eps_micro)

    def static_requirement(self, tier: Tier) -> float:
        """4π λ_b D τ_req: the continuous K*_static of Theorem 1' / Corollary 5."""
        s = self.scenario
        return float(
            cluster_size.static_cluster_requirement(
                s.bs_density, s.diffusion, self.required_mtlt(tier)
            )
        )

    def static_cluster_size(self, tier: Tier) -> int:
        """K*_static = max(1, ⌈4πλ_b D τ_req⌉), eq. (37) (super-critical)."""
        return int(cluster_size.static_optimal_cluster_size(self.static_requirement(tier)))

    @cached_property
    def reliability_floor(self) -> int:
        """K_rel, eq. (44)."""
        return cluster_size.reliability_floor(
            self.scenario.link_availability, self.scenario.eps_rel
        )

    # ------------------------------------------------------------ lifetimes
    def footprint_radius(self, cluster: ArrayLike, tier: Tier) -> NDArray[np.float64]:
        """R of Theorem 1 / 1-DYN [m]: r_K if super-critical, else R_max,1."""
        k = np.asarray(cluster, dtype=float)
        if self.supercritical(tier):
            return lifetime.cluster_radius(k, self.scenario.bs_density)
        return np.full_like(k, self.safe_range(tier))

    def static_mtlt(self, cluster: ArrayLike, tier: Tier) -> NDArray[np.float64]:
        """Static-cluster MTLT [s], Theorem 1 eq. (23)."""
        return lifetime.disc_exit_mtlt(
            self.footprint_radius(cluster, tier), self.scenario.diffusion
        )

    def dynamic_mtlt(
        self, cluster: ArrayLike, handover_rate: ArrayLike, tier: Tier
    ) -> NDArray[np.float64]:
        """Dynamic-cluster MTLT [s]: eq. (26) (exact) or the Cor. 5 surrogate (paper)."""
        radius = self.footprint_radius(cluster, tier)
        if tier is Tier.PAPER:
            return lifetime.mtlt_dynamic_paper(radius, handover_rate, self.scenario.diffusion)
        return lifetime.mtlt_dynamic(radius, handover_rate, self.scenario.diffusion)

    def min_handover_rate(self, cluster: ArrayLike, tier: Tier) -> NDArray[np.float64]:
        """ν_h^min(K) [1/s]: Corollary 5 (paper) or the Bessel root (exact)."""
        radius = self.footprint_radius(cluster, tier)
        tau = self.required_mtlt(tier)
        if tier is Tier.PAPER:
            return lifetime.min_handover_rate_paper(radius, tau, self.scenario.diffusion)
        return lifetime.min_handover_rate_exact(radius, tau, self.scenario.diffusion)

    def tracking_reliability(self, cluster: int, handover_rate: float) -> float:
        """P(t_loss >= T_req) at (K, ν_h): the chance constraint (34) itself.

        The exact exit-time law (:mod:`exit_time`) in the exact tier's footprint,
        not the exponential-tail surrogate (49) the problems are posed with.
        """
        radius = float(self.footprint_radius(cluster, Tier.EXACT))
        return float(
            exit_time.tracking_reliability(
                self.qos_time, radius, self.scenario.diffusion, handover_rate
            )
        )

    def min_handover_rate_strict(self, cluster: int) -> float:
        """Smallest ν_h [1/s] with P(t_loss >= T_req) >= 1 − ε_micro at K (0 if static meets it)."""
        radius = float(self.footprint_radius(cluster, Tier.EXACT))
        return exit_time.min_handover_rate_strict(
            self.qos_time, 1.0 - self.scenario.eps_micro, radius, self.scenario.diffusion
        )

    def crossover_rate(self, cluster: ArrayLike, tier: Tier) -> NDArray[np.float64]:
        """ν_h^c = D/R² [1/s], eq. (28)."""
        return lifetime.crossover_handover_rate(
            self.footprint_radius(cluster, tier), self.scenario.diffusion
        )

    def hysteresis_margin(self, handover_rate: ArrayLike, tier: Tier) -> NDArray[np.float64]:
        """Δr* for a handover rate [m] (Remark 5); inf at ν_h = 0."""
        if tier is Tier.PAPER:
            return hysteresis.hysteresis_margin_paper(handover_rate, self.scenario.diffusion)
        return hysteresis.hysteresis_margin_exact(handover_rate, self.scenario.diffusion)

    # ------------------------------------------------------------ traffic
    def mean_load(self, cluster: ArrayLike) -> NDArray[np.float64]:
        """N̄ = K λ_T/λ_b."""
        s = self.scenario
        return traffic.mean_load(cluster, s.target_density, s.bs_density)

    def commitment_capacity(self, rho0: ArrayLike, handover_rate: ArrayLike) -> NDArray[np.float64]:
        """M_max = ⌊ρ_max/ρ_eff⌋ with ρ_eff = ρ_0(1 + ν_h τ_ho)."""
        s = self.scenario
        rho_eff = traffic.effective_resource(rho0, handover_rate, s.handover_cost)
        return traffic.max_commitments(s.rho_max, rho_eff)

    def blocking(
        self, cluster: ArrayLike, handover_rate: ArrayLike, rho0: ArrayLike
    ) -> NDArray[np.float64]:
        """P_block(ρ_eff, K), eqs. (31)/(41)."""
        return traffic.blocking_probability(
            self.mean_load(cluster), self.commitment_capacity(rho0, handover_rate)
        )

    def rho0_headroom(self, cluster: int, handover_rate: float) -> float:
        """Largest ρ_0 that blocking admits at (K, ν_h): stage (iii) of Sec. V-D.

        ρ_max/(M (1 + ν_h τ_ho)) with M the smallest capacity whose Poisson tail
        meets ε_macro, and at least one commitment per BS (M >= 1).
        """
        s = self.scenario
        needed = float(traffic.required_commitments(self.mean_load(cluster), s.eps_macro))
        return s.rho_max / (max(needed, 1.0) * (1.0 + handover_rate * s.handover_cost))

    def reliability_failure(self, cluster: ArrayLike) -> NDArray[np.float64]:
        """(1 − p_link)^K, eq. (42)."""
        return cluster_size.reliability_failure_probability(
            self.scenario.link_availability, cluster
        )

    @property
    def sojourn_rate(self) -> float:
        """μ_sj [1/s]."""
        return self.scenario.sojourn_rate

    def validity_warnings(self) -> list[str]:
        """Scenario notes plus model-level ones (near-critical percolation)."""
        notes = self.scenario.validity_warnings()
        q = self.coverage_parameter(Tier.EXACT)
        if self.percolation_regime(Tier.EXACT) is percolation.Percolation.NEAR_CRITICAL:
            notes.append(
                f"Q = {q:.3g} is within {percolation.NEAR_CRITICAL_BAND:.0%} of c*: "
                "Theorem 1's sharp switch is least reliable here (Corollary 4)"
            )
        if math.isinf(self.scenario.max_handover_rate):
            notes.append("max_handover_rate_per_s = inf: the continuous-NN limit of Remark 5")
        return notes
