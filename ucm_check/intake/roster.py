"""The roster (报送名册): who submits to whom, at which level, under which standard, by when, and the
scheme the receiving office judges by.

::

    [roster]
    title = "湖南省“强基础转作风树形象”三年行动总结评价"
    office = "湖南省住房和城乡建设厅"      # who receives the units without a parent
    standard = "hunan-2020"
    deadline = 2020-11-15                 # “于2020年11月15日前报送”: that day still counts

    [scheme]                              # see :mod:`ucm_check.intake.scheme`
    overrate_margin = 3

    [[unit]]
    id = "430100"                         # stable id (行政区划代码 where there is one)
    name = "长沙市城市管理和综合执法局"     # as the unit's profile writes unit.name
    region = "长沙市"                     # also recognised in a submission's file name
    level = "设区市"                      # a level of the standard
    parent = ""                           # empty: submits to the office; else the id of its city
    deadline = 2020-11-05                 # optional, overrides [roster] deadline for this unit

Every problem is reported at once, in Chinese, with file, line and column (:class:`InvalidRoster`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, Mapping

import attrs

from ucm_check.intake.scheme import Scheme, parse_scheme
from ucm_check.model import Standard
from ucm_check.files.inputs import InvalidFile, ProfileError, load_toml, read_text, show, suggest, type_name

ROSTER_KEYS = {"title": "名册标题", "office": "收件单位", "standard": "评价标准编号", "deadline": "报送截止日期",
               "document": "依据文件"}
UNIT_KEYS = {"id": "单位编号", "name": "单位名称", "region": "所在地区", "level": "单位层级", "parent": "上级单位编号",
             "deadline": "本单位的报送截止日期", "aliases": "单位名称的其他写法"}


class InvalidRoster(InvalidFile):
    """Raised with every problem found in a roster file."""


def normal_name(name: str) -> str:
    """A unit name as compared: NFKC (full-width letters and digits fold), no spaces, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).lower()


@attrs.frozen
class Unit:
    """One unit on the roster."""

    id: str
    """Stable id, unique in the roster."""
    name: str
    """Official name, as ``unit.name`` in its profile."""
    level: str
    """Its level in the standard (设区市, 自治州, 县市区 ...)."""
    parent: str = ""
    """Id of the unit it submits to; empty when it submits to the roster's office."""
    region: str = ""
    """Place name (长沙市), also matched against a submission's file name."""
    deadline: dt.date | None = None
    """Its own deadline; None uses the roster's."""
    aliases: tuple[str, ...] = ()
    """Other spellings of its name a profile may use."""

    def names(self) -> tuple[str, ...]:
        """Every normalised name the unit answers to."""
        return tuple(normal_name(n) for n in (self.name, *self.aliases))


@attrs.frozen
class Roster:
    """A validated roster."""

    file: str
    title: str
    office: str
    """The office the top-level units submit to."""
    standard: str
    deadline: dt.date
    """Last day a submission counts as on time (inclusive: “11月15日前” includes the 15th)."""
    units: tuple[Unit, ...]
    scheme: Scheme
    document: str = ""
    _by_id: dict[str, Unit] = attrs.field(init=False, repr=False, eq=False)
    _by_name: dict[str, Unit] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {u.id: u for u in self.units})
        object.__setattr__(self, "_by_name", {n: u for u in reversed(self.units) for n in u.names()})

    def unit(self, unit_id: str) -> Unit | None:
        """The unit with ``unit_id``, or None."""
        return self._by_id.get(unit_id)

    def children(self, parent: str = "") -> tuple[Unit, ...]:
        """Units that submit to ``parent`` (``""``: to the roster's office), in roster order."""
        return tuple(u for u in self.units if u.parent == parent)

    def deadline_of(self, unit: Unit) -> dt.date:
        """The unit's deadline: its own, else the roster's."""
        return unit.deadline or self.deadline

    def depth(self, unit: Unit) -> int:
        """0 for units submitting to the office, 1 for their counties, ..."""
        depth, seen = 0, unit
        while seen.parent:
            parent = self.unit(seen.parent)
            if parent is None:
                break
            depth, seen = depth + 1, parent
        return depth

    def find(self, name: str) -> Unit | None:
        """The unit whose name or alias equals ``name`` once normalised."""
        return self._by_name.get(normal_name(name))


def unit_position(text: str, index: int, key: str | None = None, *, value: bool = False) -> tuple[int, int]:
    """(line, column) of the ``index``-th ``[[unit]]`` header, or of ``key`` inside that block."""
    lines = text.splitlines()
    seen = -1
    for number, line in enumerate(lines, start=1):
        if re.match(r"\s*\[\[\s*unit\s*\]\]", line):
            seen += 1
            if seen == index:
                if key is None:
                    return number, line.index("[") + 1
                for offset, inner in enumerate(lines[number:], start=number + 1):
                    if re.match(r"\s*\[", inner):
                        break
                    found = re.match(rf"(\s*){re.escape(key)}\s*=\s*", inner)
                    if found:
                        return offset, (found.end() if value else len(found.group(1))) + 1
                return number, line.index("[") + 1
    return 1, 1


def _roster_locator(text: str, path: tuple) -> tuple[int, int]:
    """Position of a key path from :func:`load_toml`'s number and nesting checks."""
    from ucm_check.files.locate import locate

    if len(path) >= 2 and path[0] == "unit" and isinstance(path[1], int):
        return unit_position(text, path[1], path[2] if len(path) > 2 and isinstance(path[2], str) else None)
    return locate(text, tuple(p for p in path if isinstance(p, str)))


def parse_roster(file: str, text: str, standards: Mapping[str, Standard]) -> Roster:
    """Validate roster ``text``; raise :class:`InvalidRoster` with every problem, located."""
    from ucm_check.files.locate import locate

    data = load_toml(file, text, InvalidRoster, locate=_roster_locator)
    errors: list[ProfileError] = []

    def at(path: tuple[str, ...], message: str, *, value: bool = True) -> None:
        line, col = locate(text, path, value=value)
        errors.append(ProfileError(file, line, col, message))

    for key in data:
        if key not in ("roster", "scheme", "unit"):
            at((key,), f"名册中有未知的表或字段 “{key}”{suggest(key, ['roster', 'scheme', 'unit'])}；可用：roster、scheme、unit",
               value=False)
    head = data.get("roster")
    if not isinstance(head, dict):
        at(("roster",), "缺少 [roster] 表（title 名册标题、office 收件单位、standard 评价标准、deadline 截止日期）", value=False)
        head = {}
    fields: dict[str, Any] = {}
    for key, value in head.items():
        if key not in ROSTER_KEYS:
            at(("roster", key), f"[roster] 中有未知字段 “{key}”{suggest(key, list(ROSTER_KEYS))}", value=False)
        elif key == "deadline":
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                fields[key] = value
            else:
                at(("roster", key), f"roster.deadline（报送截止日期）应为日期，写作 2020-11-15（不加引号），实际为{type_name(value)} {show(value)}")
        elif isinstance(value, str) and value.strip():
            fields[key] = value.strip()
        else:
            at(("roster", key), f"roster.{key}（{ROSTER_KEYS[key]}）应为非空字符串，实际为{type_name(value)} {show(value)}")
    if "roster" in data:
        for key in ("office", "standard", "deadline"):
            if key not in head:
                at(("roster",), f"[roster] 缺少必填字段 {key}（{ROSTER_KEYS[key]}）", value=False)
    standard = None
    if "standard" in fields:
        standard = standards.get(fields["standard"])
        if standard is None:
            sid = fields["standard"]
            at(("roster", "standard"), f"未知的评价标准 “{sid}”{suggest(sid, list(standards))}；可用：{'、'.join(sorted(standards))}")
    scheme = parse_scheme(data.get("scheme", {}), standard, lambda path, msg, value=True: at(("scheme", *path), msg, value=value))
    units = _units(file, text, data.get("unit", []), standard, errors)
    if errors:
        errors.sort(key=lambda e: (e.line, e.column))
        raise InvalidRoster(errors)
    return Roster(file, fields.get("title", fields["office"]), fields["office"], fields["standard"], fields["deadline"],
                  units, scheme, fields.get("document", ""))


def _units(file: str, text: str, raw: Any, standard: Standard | None, errors: list[ProfileError]) -> tuple[Unit, ...]:
    if not isinstance(raw, list) or not all(isinstance(u, dict) for u in raw):
        line, col = unit_position(text, 0)
        errors.append(ProfileError(file, line, col, "unit 应写成 [[unit]] 表数组，每个单位一段"))
        return ()
    if not raw:
        errors.append(ProfileError(file, 1, 1, "名册中没有任何 [[unit]]：至少要列出一个报送单位"))
    units: list[Unit] = []
    ids: dict[str, int] = {}
    names: dict[str, int] = {}
    for index, body in enumerate(raw):
        def bad(key: str | None, message: str, *, value: bool = True, index: int = index) -> None:
            line, col = unit_position(text, index, key, value=value)
            errors.append(ProfileError(file, line, col, f"第 {index + 1} 个 [[unit]]：{message}"))

        kw: dict[str, Any] = {}
        for key, value in body.items():
            if key not in UNIT_KEYS:
                bad(key, f"未知字段 “{key}”{suggest(key, list(UNIT_KEYS))}；可用：{'、'.join(UNIT_KEYS)}", value=False)
            elif key == "deadline":
                if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                    kw[key] = value
                else:
                    bad(key, f"deadline（{UNIT_KEYS[key]}）应为日期，写作 2020-11-05，实际为{type_name(value)} {show(value)}")
            elif key == "aliases":
                if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
                    kw[key] = tuple(v.strip() for v in value)
                else:
                    bad(key, f"aliases（{UNIT_KEYS[key]}）应为非空字符串的数组，实际为{type_name(value)} {show(value)}")
            elif isinstance(value, str) and (value.strip() or key == "parent"):
                kw[key] = value.strip()
            else:
                bad(key, f"{key}（{UNIT_KEYS[key]}）应为非空字符串，实际为{type_name(value)} {show(value)}")
        missing = [k for k in ("id", "name", "level") if k not in body]
        if missing:
            bad(None, f"缺少必填字段 {'、'.join(missing)}（{'、'.join(UNIT_KEYS[k] for k in missing)}）", value=False)
        if standard is not None and "level" in kw and kw["level"] not in standard.levels:
            bad("level", f"单位层级应为以下之一：{'、'.join(standard.levels)}，实际为 “{kw['level']}”")
        if "id" in kw:
            if kw["id"] in ids:
                bad("id", f"单位编号 “{kw['id']}” 与第 {ids[kw['id']] + 1} 个 [[unit]] 重复")
            ids.setdefault(kw["id"], index)
        for name in (kw.get("name"), *kw.get("aliases", ())):
            if name:
                key = normal_name(name)
                if key in names and names[key] != index:
                    bad("name", f"单位名称 “{name}” 与第 {names[key] + 1} 个 [[unit]] 重复（名称用于认领提交包，必须唯一）")
                names.setdefault(key, index)
        if not missing and all(k in kw for k in ("id", "name", "level")):
            units.append(Unit(**kw))
    by_id = {u.id: u for u in units}
    for index, unit in enumerate(raw):
        parent = unit.get("parent")
        if not isinstance(parent, str) or not parent.strip():
            continue
        parent = parent.strip()
        line, col = unit_position(text, index, "parent", value=True)
        if parent not in by_id:
            errors.append(ProfileError(file, line, col, f"第 {index + 1} 个 [[unit]]：上级单位 “{parent}” 不在名册中"
                                       f"{suggest(parent, list(by_id))}（parent 写上级单位的 id）"))
            continue
        seen, step = [str(unit.get("id"))], by_id.get(parent)
        while step is not None:
            if step.id in seen:
                errors.append(ProfileError(file, line, col, f"第 {index + 1} 个 [[unit]]：上级关系成环（{' → '.join([*seen, step.id])}）"))
                break
            seen.append(step.id)
            step = by_id.get(step.parent) if step.parent else None
    return tuple(units)


def load_roster(path: str, standards: Mapping[str, Standard]) -> Roster:
    """Read and validate a roster file (UTF-8, a BOM allowed); raise :class:`InvalidRoster`."""
    return parse_roster(path, read_text(path, "名册文件", InvalidRoster), standards)
