"""TAP version 14: one test point per profile, its gaps, failed gates and errors in a YAML diagnostic
block; the plan comes last, as TAP allows. A point is ``ok`` when the profile is valid, every gate
passed, no plugin failed and no dated duty failed (overdue or not met: see
:mod:`ucm_check.engine.status`); a duty due soon is listed but stays ``ok``."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ucm_check.ci.outcome import Outcome
from ucm_check.numbers import fmt
from ucm_check.engine import status as st


def _y(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML flow scalar


def _desc(text: str) -> str:
    return text.replace("\\", "\\\\").replace("#", "\\#").replace("\n", " ")


class Writer:
    def __init__(self, out: TextIO, run: Any):
        self.out = out
        self.n = 0
        out.write("TAP version 14\n")

    def add(self, o: Outcome) -> None:
        self.n += 1
        c, r = o.checked, o.checked.result
        lines: list[str] = []
        if r is None or o.extra_errors:
            ok = False
            desc = f"{c.file} 档案无效"
            lines += ["errors:"] + [f"  - {_y(str(e))}" for e in [*c.errors, *o.extra_errors]]
        else:
            failed = [g for g in o.gates if not g.passed]
            duties = [f for f in r.findings if st.is_failure(f.status)]
            ok = not failed and not r.errors and not duties
            if r.standard.scored:
                desc = f"{c.file} {r.unit.get('name', '')} 总分 {fmt(r.total)}" + ("" if r.complete else f"（不完整，最低 {fmt(r.lowest_total)}）")
                lines += [f"total: {fmt(r.total)}", f"lowest_total: {fmt(r.lowest_total)}", f"complete: {str(r.complete).lower()}"]
            else:
                summary = st.duty_summary(st.counts(r.findings)) or "无逾期、未落实或将到期事项"
                desc = f"{c.file} {r.unit.get('name', '')} {summary}" + ("" if r.complete else "（不完整）")
                lines += [f"complete: {str(r.complete).lower()}"]
            gaps = r.gaps()
            if gaps:
                lines += ["gaps:"] + [f"  - {_y(f'{g.rule.code} {g.rule.title} {st.describe(g)}')}" for g in gaps]
            if duties:
                lines += ["failed:"] + [f"  - {_y(f.rule.code)}" for f in duties]
            if r.unanswered:
                lines += ["unanswered:"] + [f"  - {_y(f.rule.code)}" for f in r.unanswered]
            if failed:
                lines += ["gates_failed:"] + [f"  - {_y(g.message)}" for g in failed]
            if r.errors:
                lines += ["plugin_errors:"] + [f"  - {_y(a.error)}" for a in r.errors]
        self.out.write(f"{'ok' if ok else 'not ok'} {self.n} - {_desc(desc)}\n  ---\n")
        self.out.write("".join(f"  {line}\n" for line in lines) + "  ...\n")

    def finish(self, run: Any) -> None:
        for e in run.plugin_errors:
            self.n += 1
            self.out.write(f"not ok {self.n} - {_desc(str(e))}\n")
        self.out.write(f"1..{self.n}\n")
