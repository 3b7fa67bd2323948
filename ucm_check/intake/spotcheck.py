"""Spot checks (核查): what an inspector found for some facts of one unit, in a small TOML file
beside its submission (``长沙市.zip`` → ``长沙市.check.toml``)::

    [check]
    unit = "430100"                  # the roster id or the unit's name: guards against a misplaced file
    inspectors = ["张三", "李四"]
    date = 2020-11-25
    notes = "抽查两个中队的执法记录和车辆"

    [facts.uniform]                  # verified facts, same tables and keys as a profile
    dress_violations = 12

    [rule_notes]                     # optional, per rule
    HN-03-2 = "抽查 40 人，12 人着装不规范"

The unit is re-scored with its own facts overridden by the verified ones; see :func:`compare`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Mapping

import attrs

from ucm_check.model import ERROR, NOT_APPLICABLE, UNANSWERED, ProfileResult, Standard
from ucm_check.files.inputs import InvalidFile, ProfileError, load_toml, read_text, show, suggest, type_name

SUFFIX = ".check.toml"
CHECK_KEYS = {"unit": "被核查单位（编号或名称）", "inspectors": "核查人员", "date": "核查日期", "notes": "核查说明"}


class InvalidCheck(InvalidFile):
    """Raised with every problem found in a spot-check file."""


@attrs.frozen
class SpotCheck:
    """A validated spot-check file."""

    file: str
    unit: str
    inspectors: tuple[str, ...]
    date: dt.date
    facts: Mapping[str, Mapping[str, Any]]
    """Area id -> key -> verified value (normalised as a profile's)."""
    notes: str = ""
    rule_notes: Mapping[str, str] = attrs.field(factory=dict)


@attrs.frozen
class RuleDiff:
    """One rule's self-assessed and verified scores."""

    code: str
    title: str
    area: str
    self_score: Decimal | None
    """Points the rule is worth minus points deducted (deduction rules), or points awarded (bonus);
    None when the rule is unanswered or does not apply."""
    verified_score: Decimal | None
    self_observed: str
    verified_observed: str
    note: str = ""
    source: str = "核查"
    """What changed it: ``核查`` (the inspector's facts) or ``社会评价`` (the survey)."""

    @property
    def difference(self) -> Decimal | None:
        """Self minus verified: positive when the unit rated itself higher than was found; None when
        either side is unanswered."""
        if self.self_score is None or self.verified_score is None:
            return None
        return self.self_score - self.verified_score


def rule_score(finding, bonus: bool) -> Decimal | None:
    """A finding as points held: the rule's worth minus points deducted (deduction rules), or the
    points awarded (bonus rules); None when it is unanswered or not applicable."""
    if finding.status in (UNANSWERED, NOT_APPLICABLE, ERROR):
        return None
    return finding.points if bonus else finding.rule.max_points - finding.points


def compare(own: ProfileResult, verified: ProfileResult, check: SpotCheck | None, source: str = "核查") -> list[RuleDiff]:
    """Per-rule comparison for every rule that reads a fact the check verified (or has a note for),
    and every rule whose result changed."""
    by_code = {f.rule.code: f for f in verified.findings}
    rows = []
    for area in own.areas:
        for mine in area.findings:
            theirs = by_code.get(mine.rule.code)
            if theirs is None:
                continue
            changed = (mine.points, mine.status, mine.observed) != (theirs.points, theirs.status, theirs.observed)
            if changed or (check is not None and _reads_checked(mine, check)):
                bonus = area.area.bonus
                rows.append(RuleDiff(mine.rule.code, mine.rule.title, area.area.id, rule_score(mine, bonus),
                                     rule_score(theirs, bonus), mine.observed, theirs.observed,
                                     check.rule_notes.get(mine.rule.code, "") if check else "", source))
    return rows


def _reads_checked(finding, check: SpotCheck) -> bool:
    verified = check.facts.get(finding.area, {})
    return finding.rule.code in check.rule_notes or any(f.key in verified for f in finding.rule.shape.facts)


def parse_check(file: str, text: str, standard: Standard) -> SpotCheck:
    """Validate a spot-check file against ``standard``; raise :class:`InvalidCheck` with every problem."""
    from ucm_check.files.locate import locate
    from ucm_check.profile.reading import check_fact

    data = load_toml(file, text, InvalidCheck)
    errors: list[ProfileError] = []

    def at(path: tuple[str, ...], message: str, *, value: bool = True) -> None:
        line, col = locate(text, path, value=value)
        errors.append(ProfileError(file, line, col, message))

    for key in data:
        if key not in ("check", "facts", "rule_notes"):
            at((key,), f"核查文件中有未知的表 “{key}”{suggest(key, ['check', 'facts', 'rule_notes'])}；可用：check、facts、rule_notes", value=False)
    head = data.get("check")
    kw: dict[str, Any] = {}
    if not isinstance(head, dict):
        at(("check",), "缺少 [check] 表（unit 被核查单位、inspectors 核查人员、date 核查日期）", value=False)
        head = {}
    for key, value in head.items():
        if key not in CHECK_KEYS:
            at(("check", key), f"[check] 中有未知字段 “{key}”{suggest(key, list(CHECK_KEYS))}", value=False)
        elif key == "date":
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                kw[key] = value
            else:
                at(("check", key), f"check.date（核查日期）应为日期，写作 2020-11-25（不加引号），实际为{type_name(value)} {show(value)}")
        elif key == "inspectors":
            if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
                kw[key] = tuple(v.strip() for v in value)
            else:
                at(("check", key), f"check.inspectors（核查人员）应为非空的姓名数组，如 [\"张三\", \"李四\"]，实际为{type_name(value)} {show(value)}")
        elif isinstance(value, str) and (value.strip() or key == "notes"):
            kw[key] = value.strip()
        else:
            at(("check", key), f"check.{key}（{CHECK_KEYS[key]}）应为非空字符串，实际为{type_name(value)} {show(value)}")
    if "check" in data:
        for key in ("unit", "inspectors", "date"):
            if key not in head:
                at(("check",), f"[check] 缺少必填字段 {key}（{CHECK_KEYS[key]}）", value=False)
    facts: dict[str, dict[str, Any]] = {}
    raw_facts = data.get("facts", {})
    if not isinstance(raw_facts, dict):
        at(("facts",), "facts 应为表，如 [facts.uniform]", value=False)
        raw_facts = {}
    if not raw_facts and "check" in data:
        at(("check",), "核查文件没有核实任何事实：至少写一个 [facts.区域] 表", value=False)
    for table, body in raw_facts.items():
        area = standard.area(table)
        if area is None or not isinstance(body, dict):
            known = [a.id for a in standard.areas]
            at(("facts", table), f"[facts.{table}] 不是评价标准的区域{suggest(table, known)}；可用：{'、'.join(known)}", value=False)
            continue
        by_key = {f.key: f for f in area.facts}
        for key, value in body.items():
            fact = by_key.get(key)
            if fact is None:
                at(("facts", table, key), f"[facts.{table}]（{area.title}）中有未知字段 “{key}”{suggest(key, list(by_key))}", value=False)
                continue
            normal, problem = check_fact(fact, value)
            if problem:
                at(("facts", table, key), f"facts.{table}.{key} {problem}")
            else:
                facts.setdefault(table, {})[key] = normal
    notes = data.get("rule_notes", {})
    rule_notes: dict[str, str] = {}
    for code, note in (notes.items() if isinstance(notes, dict) else ()):
        if standard.rule(code) is None:
            at(("rule_notes", code), f"[rule_notes] 中的 “{code}” 不是规则编号", value=False)
        elif not isinstance(note, str):
            at(("rule_notes", code), f"rule_notes.{code} 应为字符串，实际为{type_name(note)}")
        else:
            rule_notes[standard.rule(code).code] = note
    if errors:
        errors.sort(key=lambda e: (e.line, e.column))
        raise InvalidCheck(errors)
    return SpotCheck(file, kw["unit"], kw["inspectors"], kw["date"], facts, kw.get("notes", ""), rule_notes)


def load_check(path: str, standard: Standard) -> SpotCheck:
    """Read and validate a spot-check file; raise :class:`InvalidCheck`."""
    return parse_check(path, read_text(path, "核查文件", InvalidCheck), standard)
