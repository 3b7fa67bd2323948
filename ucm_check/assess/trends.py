"""Looking back: each unit's ranks, composites, flags and streak over a window of months, and its trend.

Read from the window's kept ``results.json`` files (an import removes the ones it makes stale, and
a missing one is ranked again first); only the window is held, so memory grows with the window, not
with the months kept.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from typing import Any, Iterator

from ucm_check.assess.cycle import CycleError, months_through
from ucm_check.assess.folder import RESULTS_FILE, Folder
from ucm_check.assess.periods import Period, parse_month
from ucm_check.files.fields import escaped
from ucm_check.assess.render import composite_text
from ucm_check.assess.limits import file_size_problem
from ucm_check.assess.results import FLAG_NAMES, change_text, number_text, rank_and_keep
from ucm_check.numbers import json_number
from ucm_check.files.textwidth import ljust, rjust, width

BARS = "▁▂▃▄▅▆▇█"


def history(folder: Folder, *, to: str | None = None, months: int = 12, unit: str | None = None) -> dict[str, Any]:
    """The window of ``months`` months ending at ``to`` (default: the last kept month), per group and unit."""
    asked = parse_month(to) if to else None
    kept = folder.months()
    if not kept:
        raise CycleError("还没有任何月份的得分：请先用 ucm-check assess import 导入")
    # without --to: the last month every expected source has been imported for (a month still being
    # imported is not history yet)
    end = asked or next((m for m in reversed(kept) if _imported(folder, m)), kept[-1])
    chosen = None
    if unit:
        chosen = folder.roster.by_key().get(unit)
        if chosen is None:
            raise CycleError(f"名册中没有单位 “{escaped(unit)}”")
    window = months_through(folder, end)[-max(months, 1):]
    series: dict[str, dict[str, Any]] = {}
    for doc in window_docs(folder, window):
        for group in doc["groups"]:
            for row in group["rows"]:
                if chosen is not None and row["unit"] != chosen.name:
                    continue
                entry = series.setdefault(row["unit"], {
                    "unit": row["unit"], "short": row["short"], "group": group["id"], "months": []})
                month = {"period": doc["period"], **{k: _plain(row[k]) for k in KEPT}}
                if isinstance(row.get("fund"), dict):
                    month["fund"] = {k: _plain(row["fund"].get(k)) for k in ("reward", "deduction")}
                entry["months"].append(month)
    groups = []
    for group in folder.scheme.groups.values():
        units = [_summary(series[u.name]) for u in folder.roster.in_group(group.id) if u.name in series]
        if units:
            groups.append({"id": group.id, "name": group.name, "units": units})
    return {"schema": "ucm-check.assess-history/1", "kind": "history", "decimals": folder.scheme.decimals,
            "from": window[0].id, "to": end.id, "months": [m.id for m in window], "groups": groups}


def _plain(value: Any) -> Any:
    """A kept number back as a JSON-ready number (the file is read with exact decimals)."""
    return json_number(value) if isinstance(value, Decimal) else value


KEPT = ("rank", "change", "previous_rank", "composite", "flag", "streak", "escalation")


def window_docs(folder: Folder, window: list[Period]) -> Iterator[dict[str, Any]]:
    """Each month's kept ``results.json`` (read with exact decimals); when one is missing or was
    made with another scheme, every month up to the window's end is ranked again and kept first."""
    paths = [os.path.join(folder.period_dir(m), RESULTS_FILE) for m in window]

    def load(path: str) -> dict[str, Any] | None:
        """The kept document, or None when it is missing, stale, or not as ``rank`` writes it (a
        damaged or hand-edited results.json is derived data: it is ranked again from the inputs)."""
        if not os.path.isfile(path) or file_size_problem(path):
            return None
        try:
            with open(path, encoding="utf-8") as fh:
                doc = json.loads(fh.read(), parse_float=Decimal)
        except (UnicodeDecodeError, ValueError, RecursionError):
            return None
        return doc if _usable(doc, folder.scheme.digest) else None

    first = load(paths[0])
    if first is None or not all(os.path.isfile(p) for p in paths[1:]):
        rank_and_keep(folder, window[-1])
        first = load(paths[0])
    assert first is not None
    yield first
    for path in paths[1:]:
        doc = load(path)
        if doc is None:
            rank_and_keep(folder, window[-1])
            doc = load(path)
        assert doc is not None
        yield doc


def _usable(doc: Any, digest: str) -> bool:
    """True when ``doc`` has the shape :func:`history` reads, for the current scheme."""
    if not isinstance(doc, dict) or not isinstance(doc.get("scheme"), dict) or doc["scheme"].get("sha256") != digest:
        return False
    groups = doc.get("groups")
    if not isinstance(doc.get("period"), str) or not isinstance(groups, list):
        return False
    for group in groups:
        if not isinstance(group, dict) or not isinstance(group.get("id"), str) or not isinstance(group.get("rows"), list):
            return False
        for row in group["rows"]:
            if not isinstance(row, dict) or not isinstance(row.get("unit"), str) or not isinstance(row.get("short"), str):
                return False
            if not all(k in row for k in KEPT) or not all(_plain_number(row[k]) for k in ("rank", "change", "previous_rank", "composite")):
                return False
            if not isinstance(row["streak"], int) or not isinstance(row["flag"], (str, type(None))) \
                    or not isinstance(row["escalation"], (str, type(None))):
                return False
    return True


def _plain_number(value: Any) -> bool:
    return value is None or (isinstance(value, (int, Decimal)) and not isinstance(value, bool)
                             and (not isinstance(value, Decimal) or value.is_finite()))


def _summary(entry: dict[str, Any]) -> dict[str, Any]:
    rows = entry["months"]
    ranks = [r["rank"] for r in rows if r["rank"] is not None]
    values = [Decimal(str(r["composite"])) for r in rows if r["composite"] is not None]
    entry.update({
        "red": sum(r["flag"] == "red" for r in rows), "black": sum(r["flag"] == "black" for r in rows),
        "best": min(ranks, default=None), "worst": max(ranks, default=None),
        "streak": rows[-1]["streak"], "escalation": rows[-1]["escalation"],
        "trend": json_number(values[-1] - values[0]) if len(values) > 1 else None,
        "rank_change": ranks[0] - ranks[-1] if len(ranks) > 1 else None,
    })
    funded = [r["fund"] for r in rows if "fund" in r]
    if funded:
        entry["fund"] = {k: json_number(sum((_money(f[k]) for f in funded), Decimal(0))) for k in ("reward", "deduction")}
    return entry


def _money(value: Any) -> Decimal:
    return Decimal(str(value)) if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) else Decimal(0)


def sparkline(values: list[Any]) -> str:
    """One bar per value between the window's lowest and highest (a gap for no value)."""
    numbers = [Decimal(str(v)) for v in values if v is not None]
    if not numbers:
        return ""
    low, high = min(numbers), max(numbers)
    span = high - low
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        else:
            index = 0 if span == 0 else int((Decimal(str(v)) - low) / span * (len(BARS) - 1))
            out.append(BARS[index])
    return "".join(out)


def history_text(doc: dict[str, Any]) -> str:
    """The look-back as text: per group a line per unit, or one unit month by month."""
    lines = [f"回顾 {doc['from']} 至 {doc['to']}（{len(doc['months'])} 个月）", ""]
    single = sum(len(g["units"]) for g in doc["groups"]) == 1
    for group in doc["groups"]:
        lines.append(group["name"])
        if single:
            lines += _unit_lines(group["units"][0], doc["decimals"])
            continue
        table = [["单位", "各月名次", "走势", "最好", "最差", "红旗", "黑旗", "连续靠后", "问责", "得分变化"]]
        for u in group["units"]:
            ranks = " ".join("—" if m["rank"] is None else str(m["rank"]) for m in u["months"])
            table.append([u["unit"], ranks, sparkline([m["composite"] for m in u["months"]]),
                          number_text(u["best"]), number_text(u["worst"]), str(u["red"]), str(u["black"]),
                          f"{u['streak']} 个月" if u["streak"] else "", u["escalation"] or "",
                          _signed(u["trend"])])
        lines += _aligned(table) + [""]
    return "\n".join(lines) + "\n"


def _unit_lines(u: dict[str, Any], decimals: int) -> list[str]:
    values = [Decimal(str(m["composite"])) for m in u["months"] if m["composite"] is not None]
    low = min(values, default=Decimal(0))
    high = max(values, default=Decimal(0))
    table = [["月份", "名次", "变化", "综合得分", "", "红黑旗", "连续靠后", "问责"]]
    for m in u["months"]:
        bar = ""
        if m["composite"] is not None:
            share = 1 if high == low else (Decimal(str(m["composite"])) - low) / (high - low)
            bar = "█" * (1 + int(share * 19))
        table.append([m["period"], number_text(m["rank"]), change_text(m["change"], m["previous_rank"]),
                      composite_text(m["composite"], decimals), bar, FLAG_NAMES.get(m["flag"] or "", ""),
                      f"{m['streak']} 个月" if m["streak"] else "", m["escalation"] or ""])
    money = f"；基金奖励合计 {u['fund']['reward']} 元，财政扣款合计 {u['fund']['deduction']} 元" if u.get("fund") else ""
    return [u["unit"], *_aligned(table), "", f"红旗 {u['red']} 面，黑旗 {u['black']} 面；得分变化 {_signed(u['trend'])}{money}", ""]


def _signed(value: Any) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + number_text(value)


def _aligned(table: list[list[str]]) -> list[str]:
    widths = [max(width(c) for c in col) for col in zip(*table)]
    return ["  ".join(rjust(c, w) if c[:1].isdigit() else ljust(c, w) for c, w in zip(row, widths)).rstrip()
            for row in table]


def _imported(folder: Folder, period: Period) -> bool:
    """True when every source expected for ``period`` has its scores kept."""
    from ucm_check.assess.kept import imported

    kept = imported(folder, period)
    return all(s in kept for s in folder.scheme.sources if folder.expected(s, period))
