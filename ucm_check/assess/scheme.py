"""The assessment scheme (考评方案): a TOML file naming the groups, each group's sources and weights,
the rule for a missing source, the tie rule, flags, the escalation ladder and the funding rule.

``ucm_check/assess/example/scheme.toml`` (``ucm-check assess init``) is seed 004's district, each number with its sentence. The
file is validated as a whole; every problem is reported at once with file, line and column.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from typing import Any

import attrs

from ucm_check.assess.fund import Fund, GroupFund, check_shares, parse_fund, parse_group_fund
from ucm_check.files import fields
from ucm_check.files.fields import Err, escaped, show
from ucm_check.files.inputs import InvalidFile, ProfileError, load_toml, read_text, suggest, type_name
from ucm_check.files.locate import locate

MISSING_RULES = {"reweight": "按其余来源的权重折算", "incomplete": "标记为不完整，不参加排名"}
AGGREGATES = {"mean": "各月综合得分的算术平均"}
FUNDING_RULES = {"linear": "按名次线性", "tiers": "按名次分档"}
SELF_CHECK = "self-check"


class InvalidScheme(InvalidFile):
    """Raised with every problem found in a scheme file."""


@attrs.frozen
class Source:
    """Where one kind of score comes from (第三方, 数字化城管, 区城考办 ... or ucm-check itself)."""

    id: str
    name: str
    low: Decimal = Decimal(0)
    high: Decimal = Decimal(100)
    kind: str = "file"
    """``file`` (imported CSV/xlsx) or ``self-check`` (the total of each unit's profile)."""
    profiles: str = ""
    """For ``self-check``: the profile path, relative to the scheme folder, with ``{period}``, ``{short}``, ``{name}``."""


@attrs.frozen
class Escalation:
    """Consecutive months in the bottom ``bottom`` of the group climb the ladder, one step a month from ``after``."""

    bottom: int
    after: int
    ladder: tuple[str, ...]

    def step(self, streak: int) -> str:
        """The ladder step for ``streak`` consecutive months in the bottom, or ``""``."""
        if streak < self.after:
            return ""
        return self.ladder[min(streak - self.after, len(self.ladder) - 1)]


@attrs.frozen
class Tier:
    """Units ranked in the top (or bottom) ``count`` get ``percent`` (first matching tier wins)."""

    side: str
    count: int
    percent: Decimal


@attrs.frozen
class Funding:
    """Base amount (定额经费) moved by at most ``up``% / ``down``% by the month's rank."""

    rule: str
    up: Decimal
    down: Decimal
    tiers: tuple[Tier, ...] = ()


@attrs.frozen
class Group:
    """Units assessed and ranked together."""

    id: str
    name: str
    weights: tuple[tuple[str, Decimal], ...]
    """(source id, percent) in the order written; the percents sum to 100."""
    red: int = 0
    black: int = 0
    escalation: Escalation | None = None
    funding: Funding | None = None
    fund: GroupFund | None = None
    """The group's part of the assessment fund (:mod:`ucm_check.assess.fund`)."""


@attrs.frozen
class Scheme:
    """A validated scheme."""

    file: str
    name: str
    decimals: int
    missing: str
    tie_break: tuple[str, ...]
    aggregate: str
    sources: dict[str, Source]
    groups: dict[str, Group]
    digest: str
    """SHA-256 of the scheme text: stored with each period's results."""
    fund: Fund | None = None
    """The yearly assessment fund paid out by rank, or None."""

    def group_keys(self) -> dict[str, str]:
        """Group id and group name -> group id (the roster may use either)."""
        keys = {g.id: g.id for g in self.groups.values()}
        keys.update({g.name: g.id for g in self.groups.values()})
        return keys


def load_scheme(path: str) -> Scheme:
    """Read and validate the scheme at ``path``; raise :class:`InvalidScheme`."""
    return parse_scheme(path, read_text(path, "考评方案", InvalidScheme))


def parse_scheme(file: str, text: str) -> Scheme:
    """Validate scheme ``text``; raise :class:`InvalidScheme` with every problem (syntax, nesting and
    unusable numbers such as ``nan`` through :func:`ucm_check.files.inputs.load_toml`)."""
    data = load_toml(file, text, InvalidScheme)
    errors: list[ProfileError] = []

    def err(path: tuple[str, ...], message: str) -> None:
        line, col = locate(text, path, value=True)
        errors.append(ProfileError(file, line, col, escaped(message, len(message))))

    head = fields.table(data, ("scheme",), err)
    fields.unknown(head, ("scheme",), {"name", "decimals", "missing", "tie_break", "aggregate", "basis"}, err)
    name = fields.text(head, ("scheme", "name"), err, "考评方案")
    decimals = fields.integer(head, ("scheme", "decimals"), err, 2, 0, 6)
    missing = fields.choice(head, ("scheme", "missing"), err, MISSING_RULES, "reweight")
    aggregate = fields.choice(head, ("scheme", "aggregate"), err, AGGREGATES, "mean")
    sources = {sid: _source(sid, body, err) for sid, body in fields.table(data, ("sources",), err).items()}
    tie_break = head.get("tie_break", [])
    if not isinstance(tie_break, list) or not all(isinstance(t, str) and t in sources for t in tie_break):
        err(("scheme", "tie_break"), f"tie_break 应为来源编号的数组（同分时依次比较这些来源的得分），可用：{'、'.join(sources)}")
        tie_break = []
    groups = {gid: _group(gid, body, sources, err) for gid, body in fields.table(data, ("groups",), err).items()}
    if not groups:
        err(("groups",), "缺少 [groups.<编号>]：至少要有一个考评组")
    fund = parse_fund(data["fund"], err) if "fund" in data else None
    check_shares(fund, groups, err)
    fields.unknown(data, (), {"scheme", "sources", "groups", "fund"}, err)
    if errors:
        errors.sort(key=lambda e: (e.line, e.column))
        raise InvalidScheme(errors)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Scheme(file, name, decimals, missing, tuple(tie_break), aggregate, sources, groups, digest, fund)


def _source(sid: str, body: Any, err: Err) -> Source:
    path = ("sources", sid)
    if not isinstance(body, dict):
        err(path, f"sources.{sid} 应为表 [sources.{sid}]，实际为{type_name(body)}")
        return Source(sid, sid)
    fields.unknown(body, path, {"name", "min", "max", "kind", "profiles"}, err)
    low = fields.number(body, (*path, "min"), err, Decimal(0))
    high = fields.number(body, (*path, "max"), err, Decimal(100))
    if high <= low:
        err((*path, "max"), f"sources.{sid}.max（{high}）应大于 min（{low}）")
    kind = fields.choice(body, (*path, "kind"), err, {"file": "导入 CSV/xlsx 文件", SELF_CHECK: "各单位自评档案的总分"}, "file")
    profiles = ""
    if kind == SELF_CHECK:
        profiles = fields.text(body, (*path, "profiles"), err)
        problem = template_problem(profiles) if profiles else ""
        if problem:
            err((*path, "profiles"), f"sources.{sid}.profiles {problem}，如 “自评/{{period}}/{{short}}.toml”；实际为 {show(profiles)}")
    return Source(sid, fields.text(body, (*path, "name"), err, sid), low, high, kind, profiles)


PLACEHOLDERS = {"period": "考评月份，如 2026-03", "short": "单位简称", "name": "单位全称"}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def template_problem(template: str) -> str:
    """Why a self-check path template is unusable, or ``""``: only ``{period}``, ``{short}`` and
    ``{name}`` are placeholders (never Python's format fields: ``{0}``, ``{short.__class__}``),
    ``{period}`` is required and braces come in pairs."""
    names = _PLACEHOLDER.findall(template)
    unknown = [n for n in names if n not in PLACEHOLDERS]
    if unknown:
        allowed = "、".join(f"{{{k}}}（{v}）" for k, v in PLACEHOLDERS.items())
        return f"中的 {{{unknown[0]}}} 不是可用的占位符；可用：{allowed}"
    if "{" in _PLACEHOLDER.sub("", template) or "}" in _PLACEHOLDER.sub("", template):
        return "中的花括号不成对：占位符写作 {period}、{short}、{name}"
    if "period" not in names:
        return "应含 {period}"
    return ""


def fill_template(template: str, values: dict[str, str]) -> str:
    """``template`` with each ``{period}``/``{short}``/``{name}`` replaced (checked by :func:`template_problem`)."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def _group(gid: str, body: Any, sources: dict[str, Source], err: Err) -> Group:
    path = ("groups", gid)
    if not isinstance(body, dict):
        err(path, f"groups.{gid} 应为表 [groups.{gid}]，实际为{type_name(body)}")
        return Group(gid, gid, ())
    fields.unknown(body, path, {"name", "weights", "red", "black", "escalation", "funding", "fund"}, err)
    weights: list[tuple[str, Decimal]] = []
    raw = body.get("weights")
    if not isinstance(raw, dict) or not raw:
        err((*path, "weights"), f"groups.{gid}.weights 应为非空表，如 {{ third_party = 80, streets = 20 }}（百分比）")
    else:
        for sid in raw:
            if sid not in sources:
                err((*path, "weights"), f"groups.{gid}.weights 中的 “{sid}” 不是已定义的来源{suggest(sid, list(sources))}；可用：{'、'.join(sources)}")
                continue
            weights.append((sid, fields.number(raw, (*path, "weights", sid), err, Decimal(0), Decimal(0), Decimal(100))))
        total = sum((w for _, w in weights), Decimal(0))
        if len(weights) == len(raw) and total != 100:
            shown = " + ".join(f"{s} {w}%" for s, w in weights)
            err((*path, "weights"), f"groups.{gid}.weights 之和应为 100%，实际为 {shown} = {total}%")
    name = fields.text(body, (*path, "name"), err, gid)
    red = fields.integer(body, (*path, "red"), err, 0, 0, 1000)
    black = fields.integer(body, (*path, "black"), err, 0, 0, 1000)
    escalation = _escalation(body["escalation"], (*path, "escalation"), err) if "escalation" in body else None
    funding = _funding(body["funding"], (*path, "funding"), err) if "funding" in body else None
    fund = parse_group_fund(body["fund"], (*path, "fund"), err) if "fund" in body else None
    return Group(gid, name, tuple(weights), red, black, escalation, funding, fund)


def _escalation(body: Any, path: tuple[str, ...], err: Err) -> Escalation | None:
    if not isinstance(body, dict):
        err(path, f"{'.'.join(path)} 应为表，实际为{type_name(body)}")
        return None
    fields.unknown(body, path, {"bottom", "after", "ladder"}, err)
    ladder = body.get("ladder", ["约谈", "诫勉谈话", "停职"])
    if not isinstance(ladder, list) or not ladder or not all(isinstance(s, str) and s.strip() for s in ladder):
        err((*path, "ladder"), f"{'.'.join(path)}.ladder 应为非空的字符串数组，如 [\"约谈\", \"诫勉谈话\", \"停职\"]")
        ladder = ["约谈"]
    return Escalation(fields.integer(body, (*path, "bottom"), err, 1, 1, 1000), fields.integer(body, (*path, "after"), err, 2, 1, 120), tuple(ladder))


def _funding(body: Any, path: tuple[str, ...], err: Err) -> Funding | None:
    if not isinstance(body, dict):
        err(path, f"{'.'.join(path)} 应为表，实际为{type_name(body)}")
        return None
    fields.unknown(body, path, {"rule", "up", "down", "tiers"}, err)
    rule = fields.choice(body, (*path, "rule"), err, FUNDING_RULES, "linear")
    up = fields.number(body, (*path, "up"), err, Decimal(0), Decimal(0), Decimal(100))
    down = fields.number(body, (*path, "down"), err, Decimal(0), Decimal(0), Decimal(100))
    tiers: list[Tier] = []
    raw = body.get("tiers", [])
    where = (*path, "tiers")
    if rule == "tiers" and (not isinstance(raw, list) or not raw):
        err(where, f"{'.'.join(where)} 应为非空数组，如 [{{ top = 2, percent = 20 }}, {{ bottom = 2, percent = -20 }}]")
        raw = []
    for i, item in enumerate(raw if isinstance(raw, list) else []):
        if not isinstance(item, dict) or len(set(item) & {"top", "bottom"}) != 1 or set(item) - {"top", "bottom", "percent"}:
            err(where, f"{'.'.join(where)} 第 {i + 1} 项应为 {{ top = N, percent = P }} 或 {{ bottom = N, percent = -P }}，实际为 {show(item)}")
            continue
        side = "top" if "top" in item else "bottom"
        count, percent = item[side], item.get("percent")
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            err(where, f"{'.'.join(where)} 第 {i + 1} 项的 {side} 应为正整数，实际为 {show(count)}")
            continue
        if isinstance(percent, bool) or not isinstance(percent, (int, Decimal)) or not Decimal(percent).is_finite():
            err(where, f"{'.'.join(where)} 第 {i + 1} 项的 percent 应为数字（上浮为正，下浮为负），实际为 {show(percent)}")
            continue
        if not -down <= percent <= up:
            err(where, f"{'.'.join(where)} 第 {i + 1} 项的 percent {percent} 超出上浮 {up}% / 下浮 {down}% 的上限")
            continue
        tiers.append(Tier(side, count, Decimal(percent)))
    return Funding(rule, up, down, tuple(tiers))
