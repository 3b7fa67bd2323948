"""JUnit XML for GitLab test reports and Jenkins: a ``testsuite`` per profile, a ``testcase`` per rule.

A deduction and a failed dated duty are a ``failure`` (``type`` ``deduction``, ``overdue`` or
``not_met``); a duty due soon passes with its deadline in ``system-out``; an unanswered or
not-applicable rule is ``skipped`` (never a pass) with ``type`` ``unanswered`` or
``not_applicable``; an invalid profile, a failed plugin or a failed gate is an ``error``/``failure``
of its own testcase. The root ``testsuites`` carries the totals. Mapping:
:mod:`ucm_check.engine.status`.
Written with the stdlib and streamed one profile at a time.
"""

from __future__ import annotations

from typing import Any, TextIO
from xml.sax.saxutils import escape, quoteattr

from ucm_check.ci.outcome import GATE_TITLES, Outcome
from ucm_check.model import AWARDED, DEDUCTED, DUE_SOON, MET_LATE, NOT_APPLICABLE, PENDING, UNANSWERED
from ucm_check.numbers import fmt
from ucm_check.engine import status as st


def _clean(text: str) -> str:
    """XML 1.0 allows no control characters other than tab, LF and CR."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)


def _attr(value: Any) -> str:
    return quoteattr(_clean(str(value)))


def _case(name: str, classname: str, body: str = "") -> str:
    head = f'    <testcase name={_attr(name)} classname={_attr(classname)}'
    return f"{head}>\n{body}    </testcase>\n" if body else f"{head}/>\n"


def _elem(tag: str, message: str, kind: str, text: str = "") -> str:
    inner = escape(_clean(text))
    return f'      <{tag} message={_attr(message)} type={_attr(kind)}>{inner}</{tag}>\n'


class Writer:
    """Suites are spooled to a temporary file while profiles stream by; the root element, written
    last, carries the totals (tests, failures, errors, skipped) that JUnit viewers show first."""

    def __init__(self, out: TextIO, run: Any):
        import tempfile

        self.final = out
        self.out = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.totals = [0, 0, 0, 0]

    def _suite(self, name: str, cases: list[str], failures: int, errors: int, skipped: int, props: dict[str, str]) -> None:
        for i, n in enumerate((len(cases), failures, errors, skipped)):
            self.totals[i] += n
        self.out.write(f"  <testsuite name={_attr(name)} tests=\"{len(cases)}\" failures=\"{failures}\" "
                       f"errors=\"{errors}\" skipped=\"{skipped}\">\n")
        if props:
            self.out.write("    <properties>\n")
            for k, v in props.items():
                self.out.write(f"      <property name={_attr(k)} value={_attr(v)}/>\n")
            self.out.write("    </properties>\n")
        self.out.write("".join(cases) + "  </testsuite>\n")

    def add(self, o: Outcome) -> None:
        c = o.checked
        r = c.result
        cases: list[str] = []
        failures = errors = skipped = 0
        if r is None or o.extra_errors:
            problems = [*c.errors, *o.extra_errors]
            text = "\n".join(str(e) for e in problems)
            cases.append(_case("档案校验", c.file, _elem("error", f"档案无效：{len(problems)} 处错误", "invalid", text)))
            self._suite(c.file, cases, 0, 1, 0, {})
            return
        unit = str(r.unit.get("name", ""))
        for a in r.areas:
            classname = f"{unit}.{a.area.number} {a.area.title}"
            if a.error:
                errors += 1
                cases.append(_case(f"{a.area.number} {a.area.title}", classname, _elem("error", "插件出错", "plugin", a.error)))
                continue
            for f in a.findings:
                name = f"{f.rule.code} {f.rule.title}"
                detail = f"实际：{f.observed}\n条款：{f.rule.clause}\n标准：{f.rule.text}" + (f"\n说明：{f.note}" if f.note else "")
                element, kind = st.junit(f.status)
                if f.status == DEDUCTED:
                    failures += 1
                    body = _elem("failure", f"扣 {fmt(f.points)} 分：{f.observed}", "deduction", detail + f"\n整改：{f.rule.remedy}")
                elif element == "failure":
                    failures += 1
                    body = _elem("failure", f"{st.describe(f)}：{f.observed}", kind, detail + f"\n整改：{f.rule.remedy}")
                elif f.status == UNANSWERED:
                    skipped += 1
                    body = f"      <skipped message={_attr('未填写（不计为达标）：' + f.observed)} type={_attr(kind)}/>\n"
                elif f.status == NOT_APPLICABLE:
                    skipped += 1
                    body = f"      <skipped message={_attr('不适用：' + f.note)} type={_attr(kind)}/>\n"
                elif f.status in (DUE_SOON, PENDING, MET_LATE):
                    body = f"      <system-out>{escape(_clean(st.describe(f) + '；' + f.observed))}</system-out>\n"
                else:
                    body = f"      <system-out>{escape(_clean(('加 ' + fmt(f.points) + ' 分；') if f.status == AWARDED else '') + _clean(f.observed))}</system-out>\n"
                cases.append(_case(name, classname, body))
        for g in o.gates:
            name = f"门槛 {g.gate}：{GATE_TITLES[g.gate]}"
            if g.passed:
                cases.append(_case(name, f"{unit}.门槛"))
            else:
                failures += 1
                cases.append(_case(name, f"{unit}.门槛", _elem("failure", g.message, "gate")))
        props = {"unit": unit, "standard": r.standard.id, "total": fmt(r.total), "complete": str(r.complete).lower()}
        if not r.standard.scored:  # no points: the duties' statuses, not a total of 0
            del props["total"]
            props["duties"] = st.duty_summary(st.counts(r.findings)) or "无逾期、未落实或将到期事项"
        self._suite(c.file, cases, failures, errors, skipped, props)

    def finish(self, run: Any) -> None:
        if run.plugin_errors:
            cases = [_case(f"{e.plugin} {e.hook}", "插件", _elem("error", str(e), "plugin", e.error)) for e in run.plugin_errors]
            self._suite("插件", cases, 0, len(cases), 0, {})
        tests, failures, errors, skipped = self.totals
        self.final.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                         f'<testsuites name="ucm-check" tests="{tests}" failures="{failures}" errors="{errors}" skipped="{skipped}">\n')
        self.out.seek(0)
        for block in iter(lambda: self.out.read(1 << 16), ""):
            self.final.write(block)
        self.out.close()
        self.final.write("</testsuites>\n")
