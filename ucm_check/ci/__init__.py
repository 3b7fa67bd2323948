"""CI: checking many profiles, the policy gates, evidence and submission bundles, and the machine-readable
report formats (:mod:`ucm_check.ci.formats`).
"""
