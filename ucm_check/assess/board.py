"""The data the assessment screen shows, computed without Textual: every kept month's results (as
the documented JSON dicts) and one unit's series over the months."""

from __future__ import annotations

from typing import Any

from ucm_check.assess.cycle import months_through, run_months
from ucm_check.assess.folder import Folder
from ucm_check.assess.results import month_dict


def month_docs(folder: Folder) -> list[dict[str, Any]]:
    """Every kept month's results, oldest first (empty when nothing is imported yet)."""
    kept = folder.months()
    if not kept:
        return []
    return [month_dict(folder, result) for result in run_months(folder, months_through(folder, kept[-1]))]


def unit_series(docs: list[dict[str, Any]], unit: str, upto: int, window: int = 12) -> list[dict[str, Any]]:
    """``unit``'s rows (with ``period``) in the ``window`` months ending at index ``upto``."""
    series = []
    for doc in docs[max(0, upto - window + 1): upto + 1]:
        for group in doc["groups"]:
            for row in group["rows"]:
                if row["unit"] == unit:
                    series.append({**row, "period": doc["period"]})
    return series

