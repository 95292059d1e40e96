"""The network model: scenario, closed forms by paper section, regimes.

Every theorem is a plain vectorised function citing its equation number. This
package never imports pyomo, cvxpy or optuna.
"""
