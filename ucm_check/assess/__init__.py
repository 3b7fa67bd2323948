"""Many units, month by month (seed 004): a scheme of groups and weighted sources, a roster, each
month's source scores imported from the files the sources send, the weighted composite, ranking with
red and black flags, escalation and funding, quarters and years, and a history folder to look back on.

Headless: nothing in this package imports Textual. The weighted composite is public for other
features (the province intake's social evaluation)::

    from ucm_check.assess import weighted_composite
"""

from ucm_check.assess.composite import Composite, weighted_composite

__all__ = ["Composite", "weighted_composite"]
