"""A scheme folder: ``scheme.toml``, ``roster.csv`` and ``history/`` with one folder per period.

::

    district/
      scheme.toml            the scheme (groups, sources, weights, rules)
      roster.csv             the units
      history/2026-03/
        inputs.csv           every source's scores for the month, as imported (plain CSV, diffable;
                             :mod:`ucm_check.assess.kept`; older folders have one file per source)
        results.json         the month's ranking, written by ``ucm-check assess rank``

Everything in ``history/`` is plain text that ``git diff`` shows line by line; ranking a past month
again from its inputs writes the same bytes.
"""

from __future__ import annotations

import os
import re

import attrs

from ucm_check.assess.periods import Period, parse_period
from ucm_check.assess.roster import Roster, Unit, load_roster
from ucm_check.assess.scheme import Scheme, load_scheme

SCHEME_FILE, ROSTER_FILE, HISTORY = "scheme.toml", "roster.csv", "history"
RESULTS_FILE = "results.json"
_MONTH_DIR = re.compile(r"^\d{4}-\d{2}$")


@attrs.frozen
class Folder:
    """An opened, validated scheme folder."""

    path: str
    scheme: Scheme
    roster: Roster

    def period_dir(self, period: Period) -> str:
        """``history/<period>`` (not created)."""
        return os.path.join(self.path, HISTORY, period.id)

    def input_file(self, period: Period, source: str) -> str:
        """Where a source's imported scores for ``period`` were kept before ``inputs.csv`` (read
        still, for folders made then: :mod:`ucm_check.assess.kept`)."""
        return os.path.join(self.period_dir(period), f"{source}.csv")

    def months(self) -> list[Period]:
        """The months that have a history folder, oldest first."""
        root = os.path.join(self.path, HISTORY)
        if not os.path.isdir(root):
            return []
        return sorted(parse_period(n) for n in os.listdir(root) if _MONTH_DIR.match(n) and os.path.isdir(os.path.join(root, n)))

    def expected(self, source: str, month: Period) -> tuple[Unit, ...]:
        """The units a source scores in ``month``: those of every group that weights it, assessed in
        that month (from their 纳入月份), in roster order."""
        groups = {g.id for g in self.scheme.groups.values() if source in dict(g.weights)}
        return tuple(u for u in self.roster.units if u.group in groups and u.assessed_in(month))


def open_folder(path: str) -> Folder:
    """Load and validate ``scheme.toml`` then ``roster.csv`` in ``path``; raise the reader's InvalidFile."""
    scheme = load_scheme(os.path.join(path, SCHEME_FILE))
    roster = load_roster(os.path.join(path, ROSTER_FILE), scheme.group_keys())
    return Folder(path, scheme, roster)


_QUOTED = re.compile(r'[,"\n\r]|^[=+\-@]')


def csv_cell(text: str) -> str:
    """``text`` as one CSV cell: quoted when it holds a comma, quote or line break; a leading
    ``= + - @`` gets an apostrophe so Excel and WPS never run it as a formula."""
    if _QUOTED.search(text):
        return '"' + ("'" + text if text[:1] in ("=", "+", "-", "@") else text).replace('"', '""') + '"'
    return text

