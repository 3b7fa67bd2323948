"""What every report writer shares: the run's context, the ranked summary, and the text writer.

A writer is built with the output stream and the :class:`Run`, receives each
:class:`~ucm_check.ci.batch.Outcome` through ``add`` (and must not keep it: memory stays flat), and
writes its closing part in ``finish`` once the exit code is known.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any, Iterator, TextIO

import attrs

from ucm_check.ci.outcome import Outcome, Row
from ucm_check.numbers import fmt
from ucm_check.ci.policy import Policy


@attrs.define
class Run:
    """One ``ucm-check check`` run, filled in as it goes."""

    as_of: dt.date
    policy: Policy | None = None
    order: str = "recoverable"
    details: bool = False
    """Full per-profile reports in the text report even when several profiles are checked."""
    rows: list[Row] = attrs.Factory(list)
    plugin_errors: list[Any] = attrs.Factory(list)
    exit_code: int = 0
    policy_errors: list[Any] = attrs.Factory(list)
    """Problems of a ``--policy`` file that could not be used (the run then checks nothing)."""
    input_errors: list[Any] = attrs.Factory(list)
    """Problems of other files the run depends on (``--tailoring``) that stopped it."""

    @property
    def single(self) -> bool:
        return len(self.rows) <= 1


def assured(row: Row) -> Decimal:
    """The total a unit is sure of: a complete profile's total, an incomplete one's lowest possible
    total (every unanswered rule at its worst)."""
    return row.total if row.complete else row.lowest


def _merit(row: Row) -> tuple:
    """What a rank compares: for a scored standard the :func:`assured` total, a complete profile
    before an incomplete one at the same value (so an unfinished self-check never ranks above a
    complete unit that scored at least its lowest possible total); for dated duties the failures
    (overdue and not met), then the duties due soon, then completeness, then the duties done late
    (逾期完成) — fewer is better. An unfinished self-check thus never ranks above a complete one with
    the same failures, and a late completion only separates units that are otherwise equal."""
    if row.scored:
        return (-assured(row), not row.complete)
    overdue, not_met, due_soon, met_late = row.duties
    return (overdue + not_met, due_soon, not row.complete, met_late)


def ranked(rows: list[Row]) -> list[tuple[int, Row]]:
    """Valid rows, standard by standard and level by level (a 设区市 is never ranked with counties),
    best first (ties share a rank: 1, 2, 2, 4), ties by unit name then file. A scored standard ranks
    by the :func:`assured` total, one of dated duties by its failures."""
    out: list[tuple[int, Row]] = []
    for standard, _, level in sorted({(r.standard, r.level_order, r.level) for r in rows if r.valid}):
        valid = sorted((r for r in rows if r.valid and r.standard == standard and r.level == level),
                       key=lambda r: (_merit(r), r.unit, r.file))
        group: list[tuple[int, Row]] = []
        for i, row in enumerate(valid):
            rank = group[-1][0] if group and _merit(group[-1][1]) == _merit(row) else i + 1
            group.append((rank, row))
        out += group
    return out


def _status(row: Row) -> str:
    from ucm_check.engine.status import duty_summary

    if not row.valid:
        return "无效"
    parts = []
    if row.gates_failed:
        parts.append("未通过：" + "、".join(row.gates_failed))
    if not row.scored:
        from ucm_check.engine.status import DUTY_COUNTED

        summary = duty_summary(dict(zip(DUTY_COUNTED, row.duties)))
        if summary:
            parts.append(summary)
        if not row.complete:
            parts.append("不完整")
    elif not row.complete:
        parts.append(f"不完整，已填写部分暂计 {fmt(row.total)}")
    return "；".join(parts) or "通过"


_SHOWN: dict[tuple[Decimal, bool, bool], str] = {}


def _score(value: Decimal | None, bonus: bool) -> str:
    if value is None:
        return "出错"
    key = (value, bonus, value.is_signed())  # fmt depends on the number and its sign alone (7.60 shows as 7.6)
    shown = _SHOWN.get(key)
    if shown is None:
        shown = f"+{fmt(value)}" if bonus else fmt(value)
        if len(_SHOWN) < 4096:
            _SHOWN[key] = shown
    return shown


def _groups(rows: list[Row]) -> dict[str, list[tuple[int, Row]]]:
    """``standard，level`` -> that group's ranking."""
    groups: dict[tuple[str, int, str], list[Row]] = {}
    for row in rows:
        if row.valid:
            groups.setdefault((row.standard, row.level_order, row.level), []).append(row)
    return {"，".join(p for p in (sid, level) if p): ranked(group) for (sid, _, level), group in sorted(groups.items())}


INCOMPLETE_NOTE = "* 评价不完整：总分栏为最低可能总分（未填写的项目都按最不利情况计），按此排名"


def _duty_head() -> tuple[str, ...]:
    from ucm_check.engine.status import DUTY_COUNTED, LABEL

    return tuple(LABEL[s] for s in DUTY_COUNTED)


def _head(first: Row) -> tuple[list[str], list[tuple[str, str]]]:
    """The middle columns of a standard's table: area scores, or the dated duties by status."""
    if not first.scored:
        return list(_duty_head()), []
    numbers = [(aid, num) for aid, num, _ in first.areas]
    return ["总分", *(n for _, n in numbers)], numbers


def _cells(rank: int, r: Row, numbers: list[tuple[str, str]]) -> list[str]:
    if not r.scored:
        return [str(rank), r.unit, *(str(n) for n in r.duties), _status(r)]
    scores = {aid: s for aid, _, s in r.areas}
    return [str(rank), r.unit, fmt(assured(r)) + ("" if r.complete else "*"),
            *(_score(scores[aid], num == "加分") if aid in scores else "-" for aid, num in numbers), _status(r)]


def text_lines(rows: list[Row]) -> Iterator[str]:
    """The ranked summary as aligned Chinese table lines (one table per standard), invalid files
    after it. Two passes over the rows (widths, then lines) so no table is held in memory."""
    from ucm_check.files.textwidth import width

    known: dict[str, int] = {}  # cell text -> terminal width: scores repeat across thousands of rows

    def cells_of(text: str) -> int:
        found = known.get(text)
        if found is None:
            found = known[text] = width(text)
        return found

    for sid, group in _groups(rows).items():
        middle, numbers = _head(group[0][1])
        head = ["名次", "单位", *middle, "状态"]
        left = {1, len(head) - 1}
        widths = [cells_of(h) for h in head]
        for rank, r in group:
            widths = [max(w, cells_of(c)) for w, c in zip(widths, _cells(rank, r, numbers))]
        order = "按总分从高到低" if group[0][1].scored else "按逾期和未落实项从少到多"
        yield f"排名汇总（{sid}，{len(group)} 个单位，{order}）"
        for cells in itertools.chain([head], (_cells(rank, r, numbers) for rank, r in group)):
            yield "  ".join((c + " " * (w - cells_of(c)) if i in left else " " * (w - cells_of(c)) + c)
                            for i, (c, w) in enumerate(zip(cells, widths))).rstrip()
        if any(not r.complete and r.scored for _, r in group):
            yield INCOMPLETE_NOTE
        yield ""
    invalid = [r for r in rows if not r.valid]
    if invalid:
        yield f"无效档案（{len(invalid)} 个，未评分，错误见标准错误输出）"
        for r in invalid:
            yield f"  {r.file}（{r.errors} 处错误）"
        yield ""


def _md(text: str) -> str:
    from ucm_check.files import markdown as mdtext

    return mdtext.text(text)


def _code(text: str) -> str:
    from ucm_check.files import markdown as mdtext

    return mdtext.code(text)


def markdown_table(rows: list[Row]) -> str:
    """The ranked summary as GitHub-flavoured Markdown tables."""
    lines: list[str] = []
    for sid, group in _groups(rows).items():
        middle, numbers = _head(group[0][1])
        lines.append(f"### 排名汇总（{_md(sid)}，{len(group)} 个单位）")
        lines.append("")
        lines.append("| 名次 | 单位 | " + " | ".join(middle) + " | 状态 | 档案 |")
        lines.append("|---:|---|" + "---:|" * len(middle) + "---|---|")
        for rank, r in group:
            cells = [_md(c) for c in _cells(rank, r, numbers)] + [_code(r.file)]
            lines.append("| " + " | ".join(cells) + " |")
        if any(not r.complete and r.scored for _, r in group):
            lines += ["", "\\" + INCOMPLETE_NOTE]
        lines.append("")
    invalid = [r for r in rows if not r.valid]
    if invalid:
        lines += [f"### 无效档案（{len(invalid)} 个）", ""]
        lines += [f"- {_code(r.file)}：{r.errors} 处错误" for r in invalid]
        lines.append("")
    return "\n".join(lines)


class TextWriter:
    """The Chinese console report: the full report for one profile (or with ``--details``); with
    several profiles, the ranked summary table at the end."""

    def __init__(self, out: TextIO, run: Run):
        self.out = out
        self.run = run
        self.pending: Outcome | None = None
        self.count = 0

    def _render(self, o: Outcome) -> None:
        from ucm_check.ci.formats.text import render

        if o.checked.result is not None:
            self.out.write(render(o.checked.result, order=self.run.order))

    def add(self, o: Outcome) -> None:
        self.count += 1
        if self.run.details:
            self._render(o)
        elif self.count == 1:
            self.pending = o  # shown in full only if it turns out to be the only profile
        else:
            self.pending = None

    def finish(self, run: Run) -> None:
        if self.pending is not None and not run.details:
            self._render(self.pending)
        if len(run.rows) > 1:
            if run.details:
                self.out.write("\n")
            for line in text_lines(run.rows):
                self.out.write(line + "\n")
