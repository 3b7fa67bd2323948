"""Exit codes, the contract CI gates on (documented in the README)."""

OK = 0
"""Everything checked and every threshold met."""
THRESHOLD = 1
"""A threshold (``--min-score``, a policy gate) failed."""
INVALID = 2
"""Invalid input or usage: a profile could not be read or validated, a bad option."""
PLUGIN = 3
"""A plugin failed to load or raised; the other plugins' results are still reported."""


def combine(*codes: int) -> int:
    """The code a run exits with when several apply: invalid input, then plugin failure, then threshold."""
    for code in (INVALID, PLUGIN, THRESHOLD):
        if code in codes:
            return code
    return OK
INTERNAL = 4
"""A bug in ucm-check itself (reported without a traceback; ``--log-level debug`` shows it)."""
