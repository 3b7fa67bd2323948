"""Tailoring files: a city or province adjusts a standard without copying it.

A tailoring file is TOML::

    standard = "hunan-2020"          # the standard it adjusts (required)
    name = "长沙市细则"               # shown after the standard's title

    [rules.HN-06-4]                  # one table per rule changed
    disable = true
    reason = "本市另行考核"

    [rules.HN-03-2]
    step = 0.1                       # points, step, cap, bands, edges, edge_reading,
    cap = 1                          # due, soon_days, months, period_days

    [[add]]                          # a new rule in an existing area
    area = "supervision"
    code = "CS-10-5"
    ...

Every rule a file touches keeps a description of each change in ``Rule.tailored`` (base value,
tailored value, file and line), which reports and ``ucm-check explain`` show. Problems are
reported in Chinese with file, line and column, all at once.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, Callable, Mapping

import attrs

from ucm_check.files.inputs import InvalidFile, ProfileError, load_toml, read_text, show, suggest, type_name
from ucm_check.files.locate import locate
from ucm_check.model import Applicability, Area, Clause, Fact, Rule, Standard
from ucm_check.numbers import fmt
from ucm_check.shapes import AllTrue, AtLeastPer, Band, Bands, Choice, Flag, Gate, Obligation, PerCount

#: What each rule key changes, in Chinese, for errors and the ``tailored`` descriptions.
CHANGES = {
    "points": "分值",
    "step": "每项分值",
    "cap": "上限",
    "bands": "分档",
    "edges": "边界另一读法的分值",
    "edge_reading": "边界读法",
    "due": "完成时限",
    "soon_days": "即将到期提前天数",
    "months": "周期（月）",
    "period_days": "默认整改期限（天）",
}
RULE_KEYS = {**CHANGES, "disable": "停用", "reason": "停用原因"}
READINGS = {"lower": "归入以其为下限的档次", "upper": "归入以其为上限（及以下）的档次"}
ADD_SHAPES = {"flag": "bool", "per_count": "count", "bands": "percent|count", "obligation": "bool", "at_least_per": "count"}
ADD_KEYS = ("area", "code", "title", "text", "clause", "remedy", "shape", "fact", "per", "points", "step", "cap",
            "bands", "edges", "edge_reading", "due", "soon_days", "period_days", "reading", "per_fact")


class InvalidTailoring(InvalidFile):
    """Raised with every :class:`~ucm_check.profile.reading.ProfileError` found in one tailoring file."""


class _Problem(Exception):
    """One bad value, raised from deep inside a conversion with the key it belongs to."""

    def __init__(self, message: str, key: str = "", *, at_value: bool = True):
        super().__init__(message)
        self.message, self.key, self.at_value = message, key, at_value


class _Problems(Exception):
    """Every problem of one ``[rules.CODE]`` table."""

    def __init__(self, problems: list[_Problem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def _number(value: Any, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise _Problem(f"{what}应为数字，实际为{type_name(value)} {show(value)}")
    if value < 0:
        raise _Problem(f"{what}不能为负数，实际为 {value}")
    return Decimal(value)


def _whole(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _Problem(f"{what}应为不小于 0 的整数，实际为{type_name(value)} {show(value)}")
    return value


def _bands(value: Any) -> tuple[Band, ...]:
    what = "bands（分档）"
    if not isinstance(value, list) or not value:
        raise _Problem(f"{what}应为 [[下限, 分值], ...] 数组，从最好的一档写起")
    bands = []
    for item in value:
        if not isinstance(item, list) or len(item) != 2:
            raise _Problem(f"{what}的每一项应为 [下限, 分值]，实际为 {show(item)}")
        bands.append(Band(_number(item[0], "分档下限"), _number(item[1], "分档分值")))
    lowers = [b.lower for b in bands]
    if any(a <= b for a, b in zip(lowers, lowers[1:])):
        raise _Problem(f"{what}的下限应从高到低排列（最好的一档在前），实际为 {'、'.join(map(fmt, lowers))}")
    return tuple(bands)


def _edges(value: Any) -> dict[Decimal, Decimal]:
    if not isinstance(value, dict):
        raise _Problem('edges 应为表，如 { "80" = 2 }：边界值 = 另一读法的分值')
    edges = {}
    for key, points in value.items():
        try:
            edge = Decimal(key)
        except ArithmeticError:
            raise _Problem(f"edges 的键应为数字（加引号），实际为 {show(key)}") from None
        edges[edge] = _number(points, f"边界 {key} 的分值")
    return edges


def _holder(shape: Any, key: str) -> tuple[Any, Callable[[Any], Any]]:
    """The object inside ``shape`` that has field ``key``, and how to put a changed copy back."""
    names = {a.name for a in attrs.fields(type(shape))} if attrs.has(type(shape)) else set()
    if key in names:
        return shape, lambda new: new
    if isinstance(shape, Gate) and attrs.has(type(shape.then)) and key in {a.name for a in attrs.fields(type(shape.then))}:
        return shape.then, lambda new: attrs.evolve(shape, then=new)
    raise _Problem(f"此规则的计分方式（{type(shape).__name__}）没有可裁剪的 {key}（{CHANGES[key]}）", key)


def _convert(key: str, value: Any, shape: Any = None) -> Any:
    if key == "points" and isinstance(shape, Choice):
        if not isinstance(value, dict) or set(value) != set(shape.fact.options):
            options = "、".join(f'"{o}"' for o in shape.fact.options)
            raise _Problem(f"此规则按状态计分，points 应为表，且恰好列出每个状态：{options}")
        return {k: _number(v, f"状态 “{k}” 的分值") for k, v in value.items()}
    if key in ("points", "step", "cap"):
        return _number(value, f"{key}（{CHANGES[key]}）")
    if key == "bands":
        return _bands(value)
    if key == "edges":
        return _edges(value)
    if key == "edge_reading":
        if not isinstance(value, str) or value not in READINGS:
            raise _Problem(f'edge_reading 应为 "lower"（{READINGS["lower"]}）或 "upper"（{READINGS["upper"]}），实际为 {show(value)}')
        return value
    if key == "due":
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise _Problem(f"due（完成时限）应为日期，写作 2022-06-30（不加引号），实际为{type_name(value)} {show(value)}")
        return value
    whole = _whole(value, f"{key}（{CHANGES[key]}）")
    if key == "months" and whole < 1:
        raise _Problem("months（周期（月））至少为 1")
    return whole


def _show(value: Any) -> str:
    if value is None:
        return "无（长期）"
    if isinstance(value, Decimal):
        return fmt(value)
    if isinstance(value, dict):
        return "，".join(f"{k if not isinstance(k, Decimal) else fmt(k)}：{_show(v)}" for k, v in value.items()) or "无"
    if isinstance(value, tuple) and value and isinstance(value[0], Band):
        return "，".join(f"{fmt(b.lower)}以上扣{fmt(b.points)}" for b in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if value in READINGS:
        return f"{value}（{READINGS[value]}）"
    return str(value)


def tailor_rule(rule: Rule, changes: Mapping[str, Any], where: str) -> Rule:
    """``rule`` with ``changes`` (a ``[rules.CODE]`` table) applied; raises :class:`_Problems`."""
    problems: list[_Problem] = []
    notes = []
    shape, reading, period = rule.shape, rule.reading, rule.period_days
    for key, value in changes.items():
        if key in ("disable", "reason"):
            continue
        if key not in CHANGES:
            hint = suggest(key, list(RULE_KEYS)) or f"；可用：{'、'.join(RULE_KEYS)}"
            problems.append(_Problem(f"[rules.{rule.code}] 中有未知字段 “{key}”{hint}", key, at_value=False))
            continue
        try:
            if key == "period_days":
                new, old = _convert(key, value, shape), period
                period = new
            else:
                holder, put_back = _holder(shape, key)
                old = getattr(holder, key)
                new = _convert(key, value, holder)
                shape = put_back(attrs.evolve(holder, **{key: new}))
        except _Problem as problem:
            problem.key = problem.key or key
            problems.append(problem)
            continue
        except ValueError as exc:  # a shape's own invariant
            problems.append(_Problem(str(exc), key))
            continue
        notes.append(f"{CHANGES[key]}：基础 {_show(old)} → 裁剪 {_show(new)}（{where}）")
        if key == "edge_reading":
            reading = f"{reading}【裁剪：边界{READINGS[new]}】" if reading else f"边界{READINGS[new]}（裁剪）"
    applies_to = rule.applies_to
    disable = changes.get("disable", False)
    reason = changes.get("reason", "")
    if not isinstance(disable, bool):
        problems.append(_Problem(f"disable 应为 true 或 false，实际为{type_name(disable)} {show(disable)}", "disable"))
    elif not isinstance(reason, str):
        problems.append(_Problem(f"reason 应为字符串，实际为{type_name(reason)}", "reason"))
    elif disable:
        applies_to = Applicability(frozenset(), f"已由裁剪文件停用{('：' + reason) if reason else ''}（{where}）")
        notes.append(f"停用{('：' + reason) if reason else ''}（{where}）")
    elif "reason" in changes:
        problems.append(_Problem("reason 只用于说明停用原因，应与 disable = true 一起写", "reason", at_value=False))
    if problems:
        raise _Problems(problems)
    return attrs.evolve(rule, shape=shape, reading=reading, period_days=period, applies_to=applies_to,
                        tailored=(*rule.tailored, *notes))


_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def _text(body: Mapping[str, Any], key: str, *, required: bool = True) -> str:
    value = body.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise _Problem(f"{key} 应为非空字符串" if key in body else f"缺少必填字段 {key}", key if key in body else "")
    return value


def _ratio(value: Any) -> tuple[Decimal, Decimal]:
    if not isinstance(value, list) or len(value) != 2:
        raise _Problem("per 应为 [分子, 分母]，如万分之五写 [5, 10000]", "per")
    numerator, denominator = _number(value[0], "per 的分子"), _number(value[1], "per 的分母")
    if denominator == 0:
        raise _Problem("per 的分母不能为 0", "per")
    return numerator, denominator


def _fact(spec: Any, area: Area, kinds: str, field: str = "fact") -> Fact:
    if not isinstance(spec, dict):
        raise _Problem(f'{field} 应为表，如 {{ key = "night_patrol", kind = "bool", label = "是否开展夜间巡查" }}', field)
    key = spec.get("key")
    if not isinstance(key, str) or not _KEY_RE.match(key):
        raise _Problem(f"{field}.key 应为小写英文字母、数字和下划线组成的标识，实际为 {show(key)}", field)
    existing = next((f for f in area.facts if f.key == key), None)
    if existing is not None:
        if set(spec) != {"key"}:
            raise _Problem(f"区域 {area.id} 已有填写项 {key}；要复用它，只写 {field} = {{ key = \"{key}\" }}", field)
        fact = existing
    else:
        kind = spec.get("kind")
        label = spec.get("label")
        if kind not in kinds.split("|"):
            raise _Problem(f"{field}.kind 应为 {' 或 '.join(kinds.split('|'))}，实际为 {show(kind)}", field)
        if not isinstance(label, str) or not label.strip():
            raise _Problem(f"{field}.label（填写项的中文问题）应为非空字符串", field)
        unknown = set(spec) - {"key", "kind", "label", "label_en", "unit"}
        if unknown:
            raise _Problem(f"{field} 中有未知字段 “{sorted(unknown)[0]}”；可用：key、kind、label、label_en、unit", field)
        fact = Fact(key, kind, label, str(spec.get("label_en", "")), unit=str(spec.get("unit", "")))
    if fact.kind not in kinds.split("|"):
        raise _Problem(f"填写项 {key} 的类型是 {fact.kind}，此计分方式需要 {kinds}", field)
    return fact


def new_rule(body: Mapping[str, Any], standard: Standard, where: str) -> tuple[str, Rule]:
    """The area id and rule an ``[[add]]`` table describes; raises :class:`_Problem`."""
    unknown = [k for k in body if k not in ADD_KEYS]
    if unknown:
        hint = suggest(unknown[0], list(ADD_KEYS)) or f"；可用：{'、'.join(ADD_KEYS)}"
        raise _Problem(f"[[add]] 中有未知字段 “{unknown[0]}”{hint}", unknown[0], at_value=False)
    area_id = _text(body, "area")
    area = standard.area(area_id)
    if area is None:
        raise _Problem(f"标准 {standard.id} 没有区域 “{area_id}”{suggest(area_id, [a.id for a in standard.areas])}", "area")
    code = _text(body, "code")
    if not _CODE_RE.match(code):
        raise _Problem(f"code 应为英文字母、数字和连字符组成的稳定编号，实际为 {show(code)}", "code")
    if standard.rule(code) is not None:
        raise _Problem(f"规则编号 {code} 已存在；要修改它，请写 [rules.{code}]", "code")
    clause = body.get("clause")
    if not isinstance(clause, dict) or not all(isinstance(clause.get(k), str) and clause.get(k) for k in ("document", "path")):
        raise _Problem('clause 应为表，如 { document = "长城管〔2024〕1号", path = "三（二）" }：每条规则都要注明出处', "clause")
    kind = _text(body, "shape")
    if kind not in ADD_SHAPES:
        raise _Problem(f"shape 应为以下之一：{'、'.join(ADD_SHAPES)}，实际为 {show(kind)}", "shape")
    fact = _fact(body.get("fact"), area, ADD_SHAPES[kind])

    def need(key: str) -> Any:
        if key not in body:
            raise _Problem(f"shape = \"{kind}\" 需要字段 {key}（{CHANGES[key]}）")
        return body[key]

    if kind == "flag":
        shape: Any = Flag(fact, _convert("points", need("points")))
    elif kind == "per_count":
        shape = PerCount(fact, _convert("step", need("step")), _convert("cap", need("cap")))
    elif kind == "bands":
        shape = Bands(fact, _bands(need("bands")), _edges(body.get("edges", {})),
                      _convert("edge_reading", body.get("edge_reading", "lower")))
    else:
        due = _convert("due", body["due"]) if "due" in body else None
        condition: Any = AllTrue((fact,))
        if kind == "at_least_per":
            condition = AtLeastPer(fact, _fact(body.get("per_fact"), area, "count", "per_fact"), *_ratio(body.get("per")))
        shape = Obligation(condition, due=due, soon_days=_whole(body.get("soon_days", 30), "soon_days"))
    rule = Rule(
        code=code, clause=Clause(clause["document"], clause["path"]), title=_text(body, "title"),
        text=_text(body, "text"), shape=shape, remedy=_text(body, "remedy"),
        reading=_text(body, "reading", required=False),
        period_days=_whole(body.get("period_days", 30), "period_days"), tailored=(f"新增（{where}）",),
    )
    return area_id, rule


def _add_to(area: Area, rule: Rule) -> Area:
    facts = list(area.facts)
    for fact in rule.shape.facts:
        if all(f.key != fact.key for f in facts):
            facts.append(fact)
    return attrs.evolve(area, rules=(*area.rules, rule), facts=tuple(facts))


def _add_sections(text: str) -> list[tuple[int, str]]:
    """(first line number, text) of every ``[[add]]`` block, so errors point into the right one."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if re.match(r"^\s*\[\[\s*add\s*\]\]", line)]
    blocks = []
    for start in starts:
        end = next((i for i in range(start + 1, len(lines)) if re.match(r"^\s*\[", lines[i])), len(lines))
        blocks.append((start, "".join(lines[start:end])))
    return blocks


def parse_text(file: str, text: str, standards: Mapping[str, Standard]) -> tuple[str, Standard]:
    """The standard a tailoring file names, tailored; raise :class:`InvalidTailoring` with every problem."""
    data = load_toml(file, text, InvalidTailoring)
    errors: list[ProfileError] = []

    def err(path: tuple[str, ...], message: str, *, value: bool = False, offset: int = 0, block: str = "") -> None:
        line, col = locate(block or text, path, value=value)
        errors.append(ProfileError(file, line + offset, col, message))

    known = ("standard", "name", "rules", "add")
    for key in data:
        if key not in known:
            err((key,), f"未知的字段或表 “{key}”{suggest(key, list(known))}；可用：standard、name、[rules.编号]、[[add]]")
    sid = data.get("standard")
    standard = standards.get(sid) if isinstance(sid, str) else None
    if not isinstance(sid, str):
        err(("standard",), '缺少 standard = "评价标准编号"（要裁剪哪个标准；ucm-check plugins 列出已加载的标准）' if sid is None
            else f"standard 应为字符串，实际为{type_name(sid)}", value=sid is not None)
    elif standard is None:
        err(("standard",), f"未知的评价标准 “{sid}”{suggest(sid, list(standards))}；可用：{'、'.join(sorted(standards))}", value=True)
    name = data.get("name", "")
    if not isinstance(name, str):
        err(("name",), f"name 应为字符串，实际为{type_name(name)}", value=True)
        name = ""
    if standard is None:
        raise InvalidTailoring(errors)
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        err(("rules",), "rules 应为表：每条要改的规则写一个 [rules.编号]")
        rules = {}
    changed: dict[str, Rule] = {}
    for code, changes in rules.items():
        rule = standard.rule(code)
        where = f"{file}:{locate(text, ('rules', code))[0]}"
        if rule is None:
            codes = [r.code for a in standard.areas for r in a.rules]
            err(("rules", code), f"标准 {standard.id} 没有编号为 “{code}” 的规则{suggest(code, codes)}")
            continue
        if not isinstance(changes, dict):
            err(("rules", code), f"rules.{code} 应为表 [rules.{code}]")
            continue
        try:
            changed[rule.code] = tailor_rule(rule, changes, where)
        except _Problems as bad:
            for problem in bad.problems:
                err(("rules", code, problem.key) if problem.key else ("rules", code), f"规则 {code}：{problem.message}",
                    value=bool(problem.key) and problem.at_value)
    areas = {a.id: attrs.evolve(a, rules=tuple(changed.get(r.code, r) for r in a.rules)) for a in standard.areas}
    tailored = attrs.evolve(standard, areas=tuple(areas[a.id] for a in standard.areas))
    adds = data.get("add", [])
    if not isinstance(adds, list):
        err(("add",), "add 应写成 [[add]] 表数组，每条新增规则一个")
        adds = []
    blocks = _add_sections(text)
    for index, body in enumerate(adds):
        offset, block = blocks[index] if index < len(blocks) else (0, "")
        where = f"{file}:{offset + 1}"
        if not isinstance(body, dict):
            err(("add",), "[[add]] 的每一项应为表")
            continue
        try:
            area_id, rule = new_rule(body, tailored, where)
        except _Problem as problem:
            path = ("add", problem.key) if problem.key else ("add",)
            err(path, f"新增规则 {body.get('code', '')}：{problem.message}".replace(" ：", "："),
                value=bool(problem.key) and problem.at_value, offset=offset, block=block)
            continue
        areas[area_id] = _add_to(areas[area_id], rule)
        tailored = attrs.evolve(tailored, areas=tuple(areas[a.id] for a in standard.areas))
    if errors:
        errors.sort(key=lambda e: (e.line, e.column))
        raise InvalidTailoring(errors)
    if name:
        tailored = attrs.evolve(tailored, title=f"{standard.title}（{name}裁剪）")
    return standard.id, tailored


def load(path: str, standards: Mapping[str, Standard]) -> tuple[str, Standard]:
    """Read a tailoring file (UTF-8, a BOM allowed) and apply it; raise :class:`InvalidTailoring`."""
    return parse_text(path, read_text(path, "裁剪文件", InvalidTailoring), standards)


def apply_files(paths: list[str], standards: Mapping[str, Standard]) -> dict[str, Standard]:
    """``standards`` with each tailoring file applied in order; raise :class:`InvalidTailoring`."""
    result = dict(standards)
    for path in paths:
        sid, tailored = load(path, result)
        result[sid] = tailored
    return result
