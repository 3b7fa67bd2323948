"""A month's (or a quarter's, a year's) results as data: the JSON kept in history and printed by
``--format json`` (docs/json.md, section *assess*), and the table rows every other output shares.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from ucm_check.assess.cycle import MonthResult, Standing, rank_through
from ucm_check.assess.folder import RESULTS_FILE, Folder
from ucm_check.assess.periods import Period
from ucm_check.assess.ranking import Row
from ucm_check.assess.scheme import Group
from ucm_check.numbers import fmt, json_number

SCHEMA = "ucm-check.assess/1"
FLAG_NAMES = {"red": "红旗", "black": "黑旗"}


def _num(value: Decimal | None) -> int | float | None:
    return None if value is None else json_number(value)


def scheme_dict(folder: Folder) -> dict[str, Any]:
    """What of the scheme a result depends on."""
    s = folder.scheme
    return {"name": s.name, "sha256": s.digest, "missing": s.missing, "decimals": s.decimals,
            "tie_break": list(s.tie_break), "aggregate": s.aggregate}


def sources_of(folder: Folder, group: Group) -> list[dict[str, Any]]:
    """The group's sources with their names and weights."""
    return [{"id": sid, "name": folder.scheme.sources[sid].name, "weight": json_number(w)} for sid, w in group.weights]


def row_dict(row: Row, decimals: int) -> dict[str, Any]:
    """One unit's line of a monthly ranking."""
    c = row.composite
    return {
        "unit": row.unit.name, "short": row.unit.short, "level": row.unit.level,
        "rank": row.rank, "previous_rank": row.previous, "change": row.change,
        "composite": _num(c.value), "complete": c.complete, "missing_sources": list(c.missing),
        "reweighted": c.reweighted,
        "parts": [{"source": p.source, "weight": json_number(p.weight), "score": _num(p.score),
                   "points": _num(p.points_rounded(decimals + 2)) if c.complete else None}
                  for p in c.parts],
        "flag": row.flag or None, "streak": row.streak, "escalation": row.step or None,
        "escalation_new": row.new_step,
        "funding": None if row.percent is None else
        {"base": _num(row.unit.base), "percent": _num(row.percent), "amount": _num(row.amount)},
    } | ({} if row.reward is None else {"fund": {"reward": _num(row.reward), "deduction": _num(row.deduction)}})


def fund_dict(folder: Folder, result: MonthResult) -> dict[str, Any] | None:
    """The month's fund: its share, each group's pot and what was paid (never more than the share)."""
    fund = folder.scheme.fund
    if fund is None:
        return None
    groups, total = [], Decimal(0)
    for group, rows in result.groups:
        if group.fund is None:
            continue
        paid = sum((r.reward for r in rows if r.reward is not None), Decimal(0))
        deducted = sum((r.deduction for r in rows if r.deduction is not None), Decimal(0))
        total += paid
        groups.append({"id": group.id, "name": group.name, "share": _num(group.fund.share),
                       "pot": _num(group.fund.pot(fund)), "paid": _num(paid), "deducted": _num(deducted)})
    return {"name": fund.name, "yearly": _num(fund.yearly), "months": fund.months, "monthly": _num(fund.monthly),
            "paid": _num(total), "groups": groups}


def month_dict(folder: Folder, result: MonthResult) -> dict[str, Any]:
    """The month's results as the documented JSON object."""
    return {
        "schema": SCHEMA, "kind": "month", "period": result.period.id, "label": result.period.label,
        "scheme": scheme_dict(folder),
        "groups": [{"id": g.id, "name": g.name, "sources": sources_of(folder, g),
                    "rows": [row_dict(r, folder.scheme.decimals) for r in rows]} for g, rows in result.groups],
    } | ({} if folder.scheme.fund is None else {"fund": fund_dict(folder, result)})


def month_text(folder: Folder, result: MonthResult) -> str:
    """``results.json`` as kept in history (see :func:`kept_text`)."""
    return kept_text(month_dict(folder, result))


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
"""``json.dumps(value, ensure_ascii=False)`` without building an encoder for each of 1,000 rows."""


def kept_text(doc: dict[str, Any]) -> str:
    """A results document as kept in history: the head one key per line, then one line per unit,
    so ``git diff`` shows which units changed (and the C JSON encoder writes each line)."""
    one = _ENCODE

    lines = ["{"]
    head = [k for k in doc if k != "groups"]
    lines += [f" {one(k)}: {one(doc[k])}," for k in head]
    lines.append(' "groups": [')
    for g, group in enumerate(doc["groups"]):
        lines.append("  {" + ", ".join(f"{one(k)}: {one(v)}" for k, v in group.items() if k != "rows") + ', "rows": [')
        rows = group["rows"]
        lines += [f"   {one(row)}{',' if i < len(rows) - 1 else ''}" for i, row in enumerate(rows)]
        lines.append("  ]}" + ("," if g < len(doc["groups"]) - 1 else ""))
    lines += [" ]", "}"]
    return "\n".join(lines) + "\n"


def keep_month(folder: Folder, result: MonthResult) -> None:
    """Write the month's ``results.json`` into its history folder (only when its bytes change)."""
    import os

    from ucm_check.files.atomic import write_text

    target = os.path.join(folder.period_dir(result.period), RESULTS_FILE)
    text = month_text(folder, result)
    if os.path.isfile(target):
        with open(target, "rb") as fh:
            if fh.read(len(text.encode("utf-8")) + 1) == text.encode("utf-8"):
                try:
                    os.utime(target)  # checked against the inputs now: later months may carry from it
                except OSError:  # a read-only history: later months rank from the start instead
                    pass
                return
    write_text(target, text)


def rank_and_keep(folder: Folder, period: Period) -> MonthResult:
    """Rank the kept months up to ``period`` (from the last kept results still true), keeping each
    month's results; return ``period``'s."""
    return rank_through(folder, period, on_month=lambda result: keep_month(folder, result))


def standing_dict(s: Standing) -> dict[str, Any]:
    """One unit's line of a quarter or a year."""
    return {"unit": s.unit.name, "short": s.unit.short, "level": s.unit.level, "rank": s.rank,
            "previous_rank": s.previous, "change": s.change, "composite": _num(s.value),
            "complete": s.value is not None, "months": s.months}


def aggregate_dict(folder: Folder, period: Period, kept: list[Period], groups: list[tuple[Group, list[Standing]]]) -> dict[str, Any]:
    """A quarter's or a year's results as the documented JSON object."""
    return {
        "schema": SCHEMA, "kind": period.kind, "period": period.id, "label": period.label,
        "months": [m.id for m in kept], "scheme": scheme_dict(folder),
        "groups": [{"id": g.id, "name": g.name, "sources": sources_of(folder, g),
                    "rows": [standing_dict(s) for s in rows]} for g, rows in groups],
    }


def change_text(change: int | None, previous: int | None = None) -> str:
    """↑2, ↓1, ＝, or 新 (no rank last period) / — (unranked now)."""
    if change is None:
        return "—" if previous is not None else "新"
    return f"↑{change}" if change > 0 else f"↓{-change}" if change < 0 else "＝"


def number_text(value: Any) -> str:
    """A JSON number or None as shown in tables."""
    if value is None:
        return "—"
    return fmt(Decimal(str(value)))
