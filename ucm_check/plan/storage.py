"""Read and write the plan file ``X.plan.toml`` beside profile ``X.toml``.

The file is generated with tomli-w (so comments do not survive a save) but people edit it by hand:
loading validates every field and reports every problem at once, in Chinese, with line and column.
Saving is atomic, and a file that does not validate is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import attrs

from ucm_check.files.inputs import InvalidFile, ProfileError, load_toml, read_text, show, suggest, type_name
from ucm_check.plan.model import ONGOING, STATUSES, DeadlineChange, Item, Milestone, Plan

HEADER = "# 整改台账：由 ucm-check plan 生成和更新，可以手工编辑（保存时注释不保留）。\n"
PLAN_KEYS = {"profile": "自评档案", "unit": "单位名称", "standard": "评价标准", "updated": "最近更新日期"}
ITEM_KEYS = {
    "id": "编号", "problem": "问题", "rule": "规则编号", "area": "区域", "clause": "条款", "points": "可挽回分值",
    "measures": "整改措施", "lead_unit": "牵头单位", "responsible_units": "责任单位", "cooperating_units": "配合单位",
    "person": "责任人", "deadline": "完成时限", "status": "状态", "milestones": "阶段节点", "evidence": "佐证材料",
    "history": "时限调整记录", "created": "列入日期", "gap_closed": "差距消除日期", "note": "备注",
}
MILESTONE_KEYS = {"date": "日期", "text": "内容", "done": "是否完成"}
CHANGE_KEYS = {"date": "调整日期", "old": "原时限", "new": "新时限", "reason": "调整原因"}


class InvalidPlan(InvalidFile):
    """Raised with every :class:`~ucm_check.profile.reading.ProfileError` found in a plan file."""


def plan_path_for(profile_path: str | Path) -> Path:
    """Where the plan of ``profile_path`` lives: ``county.toml`` -> ``county.plan.toml`` beside it."""
    path = Path(profile_path)
    stem = path.name[: -len(".toml")] if path.name.endswith(".toml") else path.name
    return path.with_name(f"{stem}.plan.toml")


_HEADER_RE = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\s\"']+?)\s*\]\]?")
_ASSIGN_RE = re.compile(r"^(\s*)([A-Za-z0-9_-]+)\s*=\s*")
_ELEMENT_RE = re.compile(r"^(\s*)\{")


def locate(text: str, path: tuple[Any, ...], *, value: bool = False) -> tuple[int, int]:
    """1-based (line, column) of ``path`` in a plan file, where integers in ``path`` index arrays of
    tables: ``("items", 2, "deadline")``, ``("items", 0, "milestones", 1, "date")``.

    Arrays of tables may be written as ``[[items.milestones]]`` headers or, as tomli-w writes them,
    as a multi-line array with one inline table per line. Falls back to the nearest enclosing line.
    """
    counts: dict[tuple, int] = {}
    table: tuple[Any, ...] = ()
    array: tuple[Any, ...] | None = None  # path of the multi-line inline array we are inside
    element = -1
    best = (1, 1)
    for lineno, line in enumerate(text.splitlines(), start=1):
        if array is not None:
            if line.strip().startswith("]"):
                array = None
                continue
            found = _ELEMENT_RE.match(line)
            if found:
                element += 1
                where = (*array, element)
                if where == path[: len(where)]:
                    key = re.search(rf"[{{,]\s*({re.escape(str(path[-1]))})\s*=\s*", line) if len(path) == len(where) + 1 else None
                    if key:
                        return (lineno, key.end() + 1) if value else (lineno, key.start(1) + 1)
                    return (lineno, len(found.group(1)) + 1)
            continue
        header = _HEADER_RE.match(line)
        if header:
            names = tuple(p.strip().strip("\"'") for p in header.group(2).split("."))
            if header.group(1) == "[[":
                parent = table[: 2 * (len(names) - 1)] if len(names) > 1 else ()
                key = (*parent, names[-1])
                counts[key] = counts.get(key, -1) + 1
                table = (*key, counts[key])
            else:
                table = names
            if table == path[: len(table)]:
                best = (lineno, 1)
            continue
        assign = _ASSIGN_RE.match(line)
        if not assign:
            continue
        full = (*table, assign.group(2))
        if full == tuple(path[: len(full)]):
            if len(path) == len(full):
                return (lineno, assign.end() + 1) if value else (lineno, len(assign.group(1)) + 1)
            best = (lineno, len(assign.group(1)) + 1)
        rest = line[assign.end():].strip()
        if rest.startswith("[") and "]" not in rest:
            array, element = full, -1
    return best


class _Reader:
    """Turns parsed TOML into plan objects, collecting located errors instead of stopping."""

    def __init__(self, file: str, text: str):
        self.file, self.text = file, text
        self.errors: list[ProfileError] = []

    def fail(self, path: tuple[Any, ...], message: str, *, value: bool = True) -> None:
        line, col = locate(self.text, path, value=value)
        self.errors.append(ProfileError(self.file, line, col, message))

    def table(self, path: tuple[Any, ...], body: Any, keys: dict[str, str], what: str) -> dict[str, Any]:
        if not isinstance(body, dict):
            self.fail(path, f"{what}应为表，实际为{type_name(body)}")
            return {}
        for key in body:
            if key not in keys:
                self.fail((*path, key), f"{what}中有未知字段 “{key}”{suggest(key, keys)}", value=False)
        return body

    def get(self, path: tuple[Any, ...], body: dict[str, Any], key: str, check: Callable[[Any], bool],
            expected: str, default: Any) -> Any:
        if key not in body:
            return default
        value = body[key]
        if check(value):
            return value
        self.fail((*path, key), f"{key} 应为{expected}，实际为{type_name(value)} {show(value)}")
        return default


def _is_str(v: Any) -> bool:
    return isinstance(v, str)


def _is_date(v: Any) -> bool:
    return isinstance(v, dt.date) and not isinstance(v, dt.datetime)


def _is_deadline(v: Any) -> bool:
    return _is_date(v) or v == ONGOING


def _is_strs(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _is_units(v: Any) -> bool:
    return isinstance(v, str) or _is_strs(v)


UNITS = "字符串或字符串数组（多个单位写作 [\"区编办\", \"城乡管理综合执法大队\"]）"


def _is_points(v: Any) -> bool:
    return isinstance(v, (int, Decimal)) and not isinstance(v, bool) and v >= 0


DEADLINE = f"日期（如 2026-12-31，不加引号）或 “{ONGOING}”"


def _read_item(r: _Reader, index: int, body: Any) -> Item | None:
    path = ("items", index)
    body = r.table(path, body, ITEM_KEYS, f"第 {index + 1} 个 [[items]] ")
    if not body:
        return None
    before = len(r.errors)
    s = lambda key: r.get(path, body, key, _is_str, "字符串", "")  # noqa: E731
    item_id, problem = s("id"), s("problem")
    for key, val in (("id", item_id), ("problem", problem)):
        if key not in body:
            r.fail(path, f"第 {index + 1} 个 [[items]] 缺少必填字段 {key}（{ITEM_KEYS[key]}）", value=False)
        elif isinstance(body[key], str) and not val.strip():
            r.fail((*path, key), f"{key}（{ITEM_KEYS[key]}）不能为空")
    status = r.get(path, body, "status", lambda v: v in STATUSES, "以下之一：" + "、".join(STATUSES), STATUSES[0])
    milestones = []
    for j, m in enumerate(r.get(path, body, "milestones", lambda v: isinstance(v, list), "表数组 [[items.milestones]]", [])):
        mpath = (*path, "milestones", j)
        m = r.table(mpath, m, MILESTONE_KEYS, "阶段节点 ")
        date = r.get(mpath, m, "date", _is_date, "日期", None) if m else None
        if m and "date" not in m:
            r.fail(mpath, "阶段节点缺少日期 date", value=False)
        if date is not None:
            milestones.append(Milestone(date, r.get(mpath, m, "text", _is_str, "字符串", ""),
                                        r.get(mpath, m, "done", lambda v: isinstance(v, bool), "true 或 false", False)))
    history = []
    for j, c in enumerate(r.get(path, body, "history", lambda v: isinstance(v, list), "表数组 [[items.history]]", [])):
        cpath = (*path, "history", j)
        c = r.table(cpath, c, CHANGE_KEYS, "时限调整记录 ")
        if not c:
            continue
        missing = [k for k in CHANGE_KEYS if k not in c]
        if missing:
            r.fail(cpath, f"时限调整记录缺少字段：{'、'.join(missing)}", value=False)
            continue
        date = r.get(cpath, c, "date", _is_date, "日期", None)
        old = r.get(cpath, c, "old", _is_deadline, DEADLINE, None)
        new = r.get(cpath, c, "new", _is_deadline, DEADLINE, None)
        reason = r.get(cpath, c, "reason", lambda v: isinstance(v, str) and v.strip(), "非空字符串", None)
        if None not in (date, old, new, reason):
            history.append(DeadlineChange(date, old, new, reason))
    item = dict(
        id=item_id, problem=problem, rule=s("rule"), area=s("area"), clause=s("clause"),
        points=Decimal(r.get(path, body, "points", _is_points, "不小于 0 的数", 0)),
        measures=s("measures"), person=s("person"), note=s("note"),
        lead_unit=r.get(path, body, "lead_unit", _is_units, UNITS, []),
        responsible_units=r.get(path, body, "responsible_units", _is_units, UNITS, []),
        cooperating_units=r.get(path, body, "cooperating_units", _is_units, UNITS, []),
        evidence=r.get(path, body, "evidence", _is_strs, "字符串数组", []),
        deadline=r.get(path, body, "deadline", _is_deadline, DEADLINE, ONGOING),
        status=status, milestones=sorted(milestones, key=lambda m: m.date), history=history,
        created=r.get(path, body, "created", _is_date, "日期", None),
        gap_closed=r.get(path, body, "gap_closed", _is_date, "日期", None),
    )
    return Item(**item) if len(r.errors) == before else None


def parse_plan(file: str, text: str) -> Plan:
    """Validate plan ``text`` read from ``file``; raise :class:`InvalidPlan` with every problem."""
    data = load_toml(file, text, InvalidPlan, locate=locate)
    r = _Reader(file, text)
    for key in data:
        if key not in ("plan", "items"):
            r.fail((key,), f"未知的表或字段 “{key}”；整改台账只有 [plan] 和 [[items]]", value=False)
    head = r.table(("plan",), data.get("plan", {}), PLAN_KEYS, "[plan] ")
    s = lambda key: r.get(("plan",), head, key, _is_str, "字符串", "")  # noqa: E731
    raw_items = data.get("items", [])
    if not isinstance(raw_items, list):
        r.fail(("items",), "items 应写成表数组 [[items]]")
        raw_items = []
    items = [_read_item(r, i, body) for i, body in enumerate(raw_items)]
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item is None:
            continue
        if item.id in seen:
            r.fail(("items", i, "id"), f"编号 “{item.id}” 与第 {seen[item.id] + 1} 个事项重复")
        seen.setdefault(item.id, i)
    if r.errors:
        raise InvalidPlan(sorted(r.errors, key=lambda e: (e.line, e.column)))
    return Plan(s("profile"), s("unit"), s("standard"), r.get(("plan",), head, "updated", _is_date, "日期", None),
                [i for i in items if i is not None])


def load_plan(path: str | Path) -> Plan:
    """Read and validate the plan file at ``path``; raise :class:`InvalidPlan` (never a traceback)."""
    text = read_text(str(path), "整改台账", InvalidPlan)
    return parse_plan(str(path), text)


def _item_dict(item: Item) -> dict[str, Any]:
    data = attrs.asdict(item, recurse=False)
    data["milestones"] = [attrs.asdict(m) for m in item.milestones]
    data["history"] = [attrs.asdict(c) for c in item.history]
    for key in ("responsible_units", "cooperating_units", "evidence"):
        data[key] = list(data[key])
    lead = data["lead_units"]  # one unit stays a string, as plans were written before lists
    data = {("lead_unit" if k == "lead_units" else k): ((lead[0] if len(lead) == 1 else list(lead) or "")
                                                         if k == "lead_units" else v) for k, v in data.items()}
    return {k: v for k, v in data.items() if v is not None}


def dumps(plan: Plan) -> str:
    """The plan as TOML text (header comment, ``[plan]``, then one ``[[items]]`` per item)."""
    import tomli_w

    head = {k: v for k, v in attrs.asdict(plan, recurse=False).items() if k != "items" and v is not None}
    return HEADER + tomli_w.dumps({"plan": head, "items": [_item_dict(i) for i in plan.items]})


def save_plan(plan: Plan, path: str | Path) -> None:
    """Write ``plan`` to ``path`` atomically (temporary file in the same folder, then replace)."""
    from ucm_check.files.atomic import replace_text

    text = dumps(plan)
    parse_plan(str(path), text)  # never write what we could not read back
    replace_text(path, text)
