"""What one checked profile becomes for the report writers: its located :class:`Issue` list, its summary
:class:`Row` and the :class:`Outcome` that carries both with the gates. The batch runner
(:mod:`ucm_check.ci.batch`) makes outcomes; every format in :mod:`ucm_check.ci.formats` reads them.
"""

from __future__ import annotations

import os
from decimal import Decimal
from typing import Any, Iterable, NamedTuple

from ucm_check.ci.policy import GateResult, Policy
from ucm_check.model import DEDUCTED, UNANSWERED, Finding
from ucm_check.profile.checking import Checked
from ucm_check.profile.reading import ProfileError

ERROR, WARNING, NOTE = "error", "warning", "note"
SEVERITY_RANK = {ERROR: 0, WARNING: 1, NOTE: 2}
KIND_RANK = {"invalid": 0, "gate": 1, "plugin": 2, "rule": 3}


class Issue(NamedTuple):
    """One located problem, the unit every CI format annotates."""

    severity: str
    """``error``, ``warning`` or ``note``."""
    code: str
    """Rule code (``HN-06-4``) or a ucm-check code (``UCM-INVALID``, ``UCM-GATE-MIN-TOTAL`` ...)."""
    title: str
    message: str
    file: str
    line: int = 1
    column: int = 1
    points: Decimal = Decimal(0)
    """Points at stake (a gate's shortfall), to sort the worst first."""
    kind: str = "rule"
    """``invalid``, ``gate``, ``plugin`` or ``rule``: within a severity, in that order."""
    status: str = ""
    """The finding's status (:mod:`ucm_check.engine.status`) for a rule issue; empty otherwise."""
    key: str = ""
    """What the issue is about, for fingerprints that survive value changes: the rule's first fact
    (``area.key``), a gate's area, a plugin's area, or an invalid file's message."""
    unit: str = ""
    """The unit's name (empty for an invalid file)."""

    def sort_key(self) -> tuple:
        return (SEVERITY_RANK[self.severity], KIND_RANK[self.kind], -self.points, self.file, self.line, self.code)


class Row(NamedTuple):
    """What the ranked summary needs of one profile (a named tuple: thousands are kept, and the
    class costs nothing to define at start-up)."""

    file: str
    valid: bool
    unit: str = ""
    standard: str = ""
    total: Decimal = Decimal(0)
    lowest: Decimal = Decimal(0)
    complete: bool = True
    areas: tuple[tuple[str, str, Decimal | None], ...] = ()
    """(area id, area number, score or None when its plugin failed)."""
    gates_failed: tuple[str, ...] = ()
    errors: int = 0
    scored: bool = True
    """False for a standard of dated duties without points: ranked by :attr:`duties`, not totals."""
    duties: tuple[int, int, int, int] = (0, 0, 0, 0)
    """Dated findings (overdue, not met, due soon)."""
    level: str = ""
    """The unit's level (设区市, 县市区 ...): units are ranked only against others of the same level."""
    level_order: int = 0
    """The level's place in the standard's list of levels, so rankings list 设区市 before 县市区."""


class Outcome:
    """One checked profile with its gates, handed to each writer in turn. Its located
    :attr:`issues` are worked out only if a writer asks (the text and JSON reports do not)."""

    def __init__(self, checked: Checked, gates: list[GateResult], row: Row, *, policy: Policy | None = None,
                 extra_errors: list[ProfileError] | None = None):
        self.checked = checked
        self.gates = gates
        self.row = row
        self.policy = policy
        self.extra_errors = extra_errors or []
        """Problems found outside the profile itself (its rectification plan)."""
        self._issues: list[Issue] | None = None

    @property
    def issues(self) -> list[Issue]:
        if self._issues is None:
            self._issues = issues_for(self.checked, self.gates, self.policy, self.extra_errors)
        return self._issues

    @property
    def file(self) -> str:
        return self.checked.file

    @property
    def invalid(self) -> bool:
        return bool(self.checked.errors or self.extra_errors)


def key_positions(text: str) -> dict[tuple[str, ...], tuple[int, int]]:
    """Line and column of every table header and key in ``text``, in one pass (what
    :func:`ucm_check.files.locate.locate` finds one key at a time)."""
    from ucm_check.files.locate import _ASSIGN, _HEADER, _split

    found: dict[tuple[str, ...], tuple[int, int]] = {}
    table: tuple[str, ...] = ()
    for lineno, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _split(header.group(2))
            found.setdefault(table, (lineno, len(header.group(1)) + 1))
            continue
        assign = _ASSIGN.match(line)
        if assign:
            found.setdefault(table + _split(assign.group(2)), (lineno, len(assign.group(1)) + 1))
    return found


def position(index: dict[tuple[str, ...], tuple[int, int]], path: tuple[str, ...]) -> tuple[int, int]:
    """The key's position, else its nearest enclosing table's, else (1, 1)."""
    for n in range(len(path), 0, -1):
        if path[:n] in index:
            return index[path[:n]]
    return (1, 1)


_TOPS: dict[str, str | None] = {}


def _git_top(folder: str) -> str | None:
    """The nearest folder at or above ``folder`` holding ``.git`` (a checkout or a worktree), cached."""
    if folder not in _TOPS:
        parent = os.path.dirname(folder)
        if os.path.exists(os.path.join(folder, ".git")):
            _TOPS[folder] = folder
        else:
            _TOPS[folder] = None if parent == folder else _git_top(parent)
    return _TOPS[folder]


def _inside(path: str, root: str) -> str | None:
    rel = os.path.relpath(path, root)
    return None if rel == ".." or rel.startswith(".." + os.sep) or os.path.isabs(rel) else rel


def repo_relative(path: str) -> tuple[str, bool]:
    """(path, relative): the file relative to the repository root, with forward slashes, and True;
    or its absolute path and False when it lies in no repository and not below the working folder.

    The root is ``$GITHUB_WORKSPACE`` or ``$CI_PROJECT_DIR`` when the file lies below it, else the
    git top level of the file (the nearest folder above it holding ``.git``), else the working
    folder. ``u.toml``, ``./u.toml`` and ``$PWD/u.toml`` give one answer.
    """
    absolute = os.path.abspath(path)
    roots = [os.environ.get("GITHUB_WORKSPACE", ""), os.environ.get("CI_PROJECT_DIR", ""),
             _git_top(os.path.dirname(absolute)) or "", os.getcwd()]
    for root in roots:
        if root:
            rel = _inside(absolute, os.path.abspath(root))
            if rel is not None:
                return rel.replace("\\", "/"), True
    return absolute.replace("\\", "/"), False


def repo_path(path: str) -> str:
    """A path as CI tools want it: relative to the repository root (see :func:`repo_relative`) with
    forward slashes and no leading ``./``; absolute when the file lies outside any checkout."""
    return repo_relative(path)[0]


def finding_key(finding: Finding, facts: Any) -> tuple[str, str]:
    """The profile key a finding is about: the first fact its rule reads that the profile answers
    (the first missing one for an unanswered rule)."""
    keys = [f.key for f in getattr(finding.rule.shape, "facts", ())]
    own = facts.get(finding.area, {}) if facts is not None else {}
    if finding.status == UNANSWERED:
        missing = [k for k in keys if k not in own]
        return (finding.area, missing[0] if missing else (keys[0] if keys else ""))
    present = [k for k in keys if k in own]
    return (finding.area, present[0] if present else (keys[0] if keys else ""))


def rule_key(finding: Finding) -> str:
    """``area.key`` of the first fact the finding's rule reads (the area alone for a rule with none):
    the same whatever the profile answers, so an alert keeps its identity when a value changes."""
    keys = [f.key for f in getattr(finding.rule.shape, "facts", ())]
    return f"{finding.area}.{keys[0]}" if keys else finding.area


_GATE_CODES = {
    "min_score": "UCM-GATE-MIN-SCORE", "min_total": "UCM-GATE-MIN-TOTAL", "min_area": "UCM-GATE-MIN-AREA",
    "veto": "UCM-GATE-VETO", "max_unanswered": "UCM-GATE-MAX-UNANSWERED", "max_overdue": "UCM-GATE-MAX-OVERDUE",
    "evidence": "UCM-GATE-EVIDENCE",
}
GATE_TITLES = {
    "min_score": "最低分（--min-score）", "min_total": "最低总分", "min_area": "区域最低得分", "veto": "一票否决",
    "max_unanswered": "最多未填写项", "max_overdue": "最多逾期整改项", "evidence": "佐证材料",
}


def gate_code(gate: str) -> str:
    return _GATE_CODES[gate]


def issues_for(checked: Checked, gates: list[GateResult], policy: Policy | None,
               extra_errors: Iterable[ProfileError] = ()) -> list[Issue]:
    """Every problem of one profile, located at the line of the key it is about."""
    from ucm_check.numbers import fmt

    issues = [Issue(ERROR, "UCM-INVALID", "档案无效", e.message, e.file, max(e.line, 1), max(e.column, 1),
                    kind="invalid", key=e.message)
              for e in [*checked.errors, *extra_errors]]
    result, profile = checked.result, checked.profile
    if result is None or profile is None:
        return issues
    from ucm_check.engine import status as st

    index, facts = key_positions(profile.text), profile.facts
    unit = str(result.unit.get("name", ""))
    for f in result.findings:
        veto = policy is not None and policy.is_veto(f.rule.code)
        sev = st.level(f.status, veto=veto)
        if sev is None:
            continue
        line, col = position(index, finding_key(f, facts))
        where = f"{f.rule.clause}"
        if f.status == DEDUCTED:
            msg = (f"{'一票否决：' if veto else ''}扣 {fmt(f.points)} 分。实际：{f.observed}。条款：{where}。"
                   f"整改：{f.rule.remedy}")
            points = f.points
        elif f.status == UNANSWERED:
            msg = f"{'一票否决项' if veto else ''}未填写（最多 {fmt(f.rule.max_points)} 分）：{f.observed}。条款：{where}"
            points = f.rule.max_points
        else:  # a dated duty: overdue, not met, due soon
            msg = (f"{'一票否决：' if veto else ''}{st.describe(f)}。实际：{f.observed}。条款：{where}。"
                   f"整改：{f.rule.remedy}")
            points = f.points
        issues.append(Issue(sev, f.rule.code, f.rule.title, msg, checked.file, line, col, points,
                            status=f.status, key=rule_key(f), unit=unit))
    for a in result.areas:
        if a.error:
            line, col = position(index, (a.area.id,))
            issues.append(Issue(ERROR, "UCM-PLUGIN", f"{a.area.number} {a.area.title} 插件出错",
                                f"插件出错，该区域未评分：{a.error}", checked.file, line, col, a.area.max, "plugin",
                                key=a.area.id, unit=unit))
    for g in gates:
        if g.passed or g.gate == "veto":  # veto failures are already errors on their own rules
            continue
        path: tuple[str, ...] = ("unit",)
        if g.gate == "min_area":
            path = (g.area,)
        elif g.gate == "evidence":
            path = ("evidence",) if "evidence" in profile.extra else ("unit",)
        line, col = position(index, path)
        issues.append(Issue(ERROR, gate_code(g.gate), f"未通过门槛：{GATE_TITLES[g.gate]}", g.message,
                            checked.file, line, col, Decimal(g.shortfall), "gate", key=g.area, unit=unit))
    return issues


def row_for(checked: Checked, gates: list[GateResult]) -> Row:
    r = checked.result
    if r is None:
        return Row(checked.file, False, errors=len(checked.errors))
    total = r.total  # the model's properties recompute their sums: read each once
    level = str(r.unit.get("level", ""))
    areas = tuple(_shared((a.area.id, a.area.number, None if a.error else a.score)) for a in r.areas)
    duties = (0, 0, 0, 0)
    if not r.standard.scored:
        from ucm_check.engine.status import DUTY_COUNTED

        duties = tuple(sum(a.count(s) for a in r.areas) for s in DUTY_COUNTED)  # type: ignore[assignment]
    return Row(
        checked.file, True, str(r.unit.get("name", "")), r.standard.id, total, total - r.max_further_deduction,
        r.complete, _shared(areas), tuple(g.gate for g in gates if not g.passed),
        scored=r.standard.scored, duties=_shared(duties), level=level,
        level_order=r.standard.levels.index(level) if level in r.standard.levels else len(r.standard.levels),
    )


_SHARED: dict[Any, Any] = {}


def _shared(value: Any) -> Any:
    """One object per distinct value: area scores repeat across thousands of rows, so rows share them
    and a 10,000-profile ranking stays a few megabytes."""
    return _SHARED.setdefault(value, value)
