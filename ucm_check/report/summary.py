"""What every report writer shares: the run's context, the ranked summary, and the text writer.

A writer is built with the output stream and the :class:`Run`, receives each
:class:`~ucm_check.batch.Outcome` through ``add`` (and must not keep it: memory stays flat), and
writes its closing part in ``finish`` once the exit code is known.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any, Iterator, TextIO

import attrs

from ucm_check.batch import Outcome, Row
from ucm_check.numbers import fmt
from ucm_check.policy import Policy
from ucm_check.textwidth import ljust, rjust


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

    @property
    def single(self) -> bool:
        return len(self.rows) <= 1


def ranked(rows: list[Row]) -> list[tuple[int, Row]]:
    """Valid rows best total first (ties share a rank: 1, 2, 2, 4), ties by unit name then file."""
    valid = sorted((r for r in rows if r.valid), key=lambda r: (-r.total, r.unit, r.file))
    out: list[tuple[int, Row]] = []
    for i, row in enumerate(valid):
        rank = out[-1][0] if out and out[-1][1].total == row.total else i + 1
        out.append((rank, row))
    return out


def _status(row: Row) -> str:
    if not row.valid:
        return "无效"
    parts = []
    if row.gates_failed:
        parts.append("未通过：" + "、".join(row.gates_failed))
    if not row.complete:
        parts.append(f"不完整，最低 {fmt(row.lowest)}")
    return "；".join(parts) or "通过"


def _score(value: Decimal | None, bonus: bool) -> str:
    if value is None:
        return "出错"
    return f"+{fmt(value)}" if bonus else fmt(value)


def _groups(rows: list[Row]) -> dict[str, list[tuple[int, Row]]]:
    groups: dict[str, list[Row]] = {}
    for row in rows:
        if row.valid:
            groups.setdefault(row.standard, []).append(row)
    return {sid: ranked(group) for sid, group in sorted(groups.items())}


def _cells(rank: int, r: Row, numbers: list[tuple[str, str]]) -> list[str]:
    scores = {aid: s for aid, _, s in r.areas}
    return [str(rank), r.unit, fmt(r.total) + ("" if r.complete else "*"),
            *(_score(scores[aid], num == "加分") if aid in scores else "-" for aid, num in numbers), _status(r)]


def text_lines(rows: list[Row]) -> Iterator[str]:
    """The ranked summary as aligned Chinese table lines (one table per standard), invalid files
    after it. Two passes over the rows (widths, then lines) so no table is held in memory."""
    from ucm_check.textwidth import width

    for sid, group in _groups(rows).items():
        numbers = [(aid, num) for aid, num, _ in group[0][1].areas]
        head = ["名次", "单位", "总分", *(n for _, n in numbers), "状态"]
        left = {1, len(head) - 1}
        widths = [width(h) for h in head]
        for rank, r in group:
            widths = [max(w, width(c)) for w, c in zip(widths, _cells(rank, r, numbers))]
        yield f"排名汇总（{sid}，{len(group)} 个单位，按总分从高到低）"
        for cells in itertools.chain([head], (_cells(rank, r, numbers) for rank, r in group)):
            yield "  ".join((ljust(c, w) if i in left else rjust(c, w)) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()
        if any(not r.complete for _, r in group):
            yield "* 评价不完整：为已填写项目的暂计总分"
        yield ""
    invalid = [r for r in rows if not r.valid]
    if invalid:
        yield f"无效档案（{len(invalid)} 个，未评分，错误见标准错误输出）"
        for r in invalid:
            yield f"  {r.file}（{r.errors} 处错误）"
        yield ""


def text_table(rows: list[Row]) -> str:
    """The ranked summary as one string (see :func:`text_lines`)."""
    return "\n".join(text_lines(rows))


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(rows: list[Row]) -> str:
    """The ranked summary as GitHub-flavoured Markdown tables."""
    lines: list[str] = []
    for sid, group in _groups(rows).items():
        numbers = [(aid, num) for aid, num, _ in group[0][1].areas]
        lines.append(f"### 排名汇总（{sid}，{len(group)} 个单位）")
        lines.append("")
        lines.append("| 名次 | 单位 | 总分 | " + " | ".join(n for _, n in numbers) + " | 状态 | 档案 |")
        lines.append("|---:|---|---:|" + "---:|" * len(numbers) + "---|---|")
        for rank, r in group:
            scores = {aid: (s, num) for aid, num, s in r.areas}
            cells = [str(rank), _md(r.unit), fmt(r.total) + ("" if r.complete else "*"),
                     *(_score(scores[aid][0], num == "加分") if aid in scores else "-" for aid, num in numbers),
                     _md(_status(r)), f"`{_md(r.file)}`"]
            lines.append("| " + " | ".join(cells) + " |")
        if any(not r.complete for _, r in group):
            lines += ["", "\\* 评价不完整：为已填写项目的暂计总分"]
        lines.append("")
    invalid = [r for r in rows if not r.valid]
    if invalid:
        lines += [f"### 无效档案（{len(invalid)} 个）", ""]
        lines += [f"- `{_md(r.file)}`：{r.errors} 处错误" for r in invalid]
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
        from ucm_check.report.text import render

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
