"""Where ranking a month can start: the carry (each unit's rank, streak and ladder step) read back
from the last kept ``results.json`` that is still true, so ranking month N costs one month, not N.

A kept month's results are trusted only when they are newer than everything they follow from (the
scheme, the roster and the kept inputs of that month and every earlier one), were made with the
current scheme (its sha256), list exactly the roster's units of each group for that month and have
the shape ``rank`` writes. Anything else (missing, stale after an import or a hand edit, damaged)
is derived data that is ranked again from the inputs, which gives the same bytes.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from typing import Any

from ucm_check.assess.folder import RESULTS_FILE, ROSTER_FILE, SCHEME_FILE, Folder
from ucm_check.assess.kept import files
from ucm_check.assess.limits import file_size_problem
from ucm_check.assess.periods import Period
from ucm_check.assess.ranking import Carry


def start(folder: Folder, months: list[Period]) -> tuple[int, dict[str, Carry], str]:
    """``(index, carry, why)``: rank ``months[index:]`` starting from ``carry``, the carry of the
    latest month before the last whose kept results can be trusted (``(0, {}, why)`` when none can).
    ``why`` says what was wrong with the month just before the last, "" when its carry was used."""
    newest = _newest([os.path.join(folder.path, SCHEME_FILE), os.path.join(folder.path, ROSTER_FILE)])
    stamps = [_newest(files(folder, m)) for m in months[:-1]]
    why = ""
    for index in range(len(months) - 2, -1, -1):
        carry, problem = read(folder, months[index], max([newest, *stamps[:index + 1]]))
        if carry is not None:
            return index + 1, carry, why
        why = why or f"{months[index].id} 的 {RESULTS_FILE}{problem}"
    return 0, {}, why


def read(folder: Folder, month: Period, inputs_stamp: int) -> tuple[dict[str, Carry] | None, str]:
    """The carry of ``month``'s kept results, or ``(None, why not)`` in Chinese."""
    path = os.path.join(folder.period_dir(month), RESULTS_FILE)
    try:
        stamp = os.stat(path).st_mtime_ns
    except OSError:
        return None, "不存在"
    if stamp < inputs_stamp:
        return None, "早于方案、名册或某月得分的修改（之后又导入或改动过）"
    if file_size_problem(path):
        return None, "过大"
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.loads(fh.read(), parse_float=Decimal)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None, "无法读取或不是有效的 JSON"
    carry = _carry_of(folder, month, doc)
    return (carry, "") if carry is not None else (None, "与当前方案或名册不符，或不是 ucm-check 写的格式")


def _carry_of(folder: Folder, month: Period, doc: Any) -> dict[str, Carry] | None:
    if not isinstance(doc, dict) or doc.get("period") != month.id or not isinstance(doc.get("scheme"), dict) \
            or doc["scheme"].get("sha256") != folder.scheme.digest or not isinstance(doc.get("groups"), list):
        return None
    groups = folder.scheme.groups
    if [g.get("id") if isinstance(g, dict) else None for g in doc["groups"]] != list(groups):
        return None
    carry: dict[str, Carry] = {}
    for group in doc["groups"]:
        rows = group.get("rows")
        if not isinstance(rows, list):
            return None
        names = []
        group_of = groups[group["id"]]
        ladder = group_of.escalation.ladder if group_of.escalation else ()
        for row in rows:
            found = _row_carry(row)
            if found is None or found.step and found.step not in ladder:
                return None
            names.append(row["unit"])
            carry[row["unit"]] = found
        if sorted(names) != sorted(u.name for u in folder.roster.in_group(group["id"], month)):
            return None
    return carry


def _row_carry(row: Any) -> Carry | None:
    if not isinstance(row, dict) or not isinstance(row.get("unit"), str):
        return None
    rank, streak, step = row.get("rank"), row.get("streak"), row.get("escalation")
    if not (rank is None or type(rank) is int and rank > 0) or type(streak) is not int or streak < 0 \
            or not (step is None or isinstance(step, str) and step):
        return None
    return Carry(rank, streak, step or "")


def _newest(paths: list[str]) -> int:
    """The latest modification time among ``paths`` (ns), 0 when none exists."""
    newest = 0
    for path in paths:
        try:
            newest = max(newest, os.stat(path).st_mtime_ns)
        except OSError:
            continue
    return newest
