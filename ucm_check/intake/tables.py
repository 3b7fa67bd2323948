"""The intake's results as titled tables of text cells, shared by the text, Markdown and xlsx
writers so the three always say the same thing."""

from __future__ import annotations

from decimal import Decimal

import attrs

from ucm_check.intake import results
from ucm_check.intake.records import INVALID, LATE, MISSING, STATUS_TEXT, Intake, Record
from ucm_check.numbers import fmt


@attrs.frozen
class Table:
    """A titled table; every cell is text (numbers already formatted)."""

    key: str
    """Stable id: ``summary``, ``cities``, ``rules``, ``checks``, ``praise``, ``criticise``, ``stray``."""
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()
    """Columns holding numbers (right-aligned)."""


def num(value: Decimal | None) -> str:
    return "" if value is None else fmt(value)


def status_text(r: Record) -> str:
    if r.status == LATE:
        return f"逾期 {r.days_late} 天"
    return STATUS_TEXT[r.status]


def _score(r: Record) -> str:
    if r.duties:
        return results.duty_text(r)
    if r.final is None:
        return ""
    return fmt(r.final) if r.complete else f"{fmt(r.final)}（最低 {fmt(r.basis)}）"


def summary(intake: Intake) -> Table:
    """One row per expected unit: status, date, self / verified / final score, rank, flags."""
    ranks = {id(r): rank for rank, r in results.ranked(intake)}
    scheme = intake.roster.scheme
    rows = []
    for r in intake.records:
        flags = []
        if r.overrated(scheme):
            flags.append(f"自评偏高 {fmt(r.difference)} 分")
        if r.check is not None and not r.overrated(scheme):
            flags.append("已核查")
        if r.status in (INVALID,):
            flags.append(r.reasons[0])
        flags += r.notes
        rows.append((r.unit.id, r.unit.name, r.unit.level, status_text(r), r.as_of.isoformat() if r.as_of else "",
                     num(r.self_total), num(r.verified_total) if r.check else "", _score(r),
                     str(ranks.get(id(r), "")), "；".join(flags)))
    result = "最终得分" if results.scored(intake) else "逾期和未落实"
    return Table("summary", "收件与得分", ("编号", "单位", "层级", "报送情况", "评价日期", "自评", "核查", result, "名次", "说明"),
                 tuple(rows), frozenset({5, 6, 7, 8}))


def cities(intake: Intake) -> Table:
    """Each unit with the counties its bundle carries (a city's own intake of its counties)."""
    rows = []
    for r in intake.records:
        found, problem = r.counties, ""
        tally = {s: sum(1 for c in found if c.status == s) for s in STATUS_TEXT}
        below = (f"县级 {len(found)} 个：按时 {tally['on_time']}、逾期 {tally['late']}、未报送 {tally[MISSING]}、无效 {tally[INVALID]}"
                 if found else problem or ("未附县级收件结果" if r.status in ("on_time", "late") else ""))
        rows.append((r.unit.name, r.unit.level, status_text(r), _score(r), below))
        for c in found:
            status = f"逾期 {c.days_late} 天" if c.status == "late" else STATUS_TEXT[c.status]
            score = "" if c.final is None else (fmt(c.final) if c.complete else f"{fmt(c.final)}（最低 {fmt(c.basis)}）")
            note = ["自评偏高"] if c.overrated else []
            if c.verified is not None and c.verified.check is not None:
                note.append(f"本级核查：自评 {num(c.verified.self_total)}、核查 {num(c.verified.verified_total)}")
            rows.append((f"　{c.name}", c.level, status, score, "；".join(note)))
    return Table("cities", "分市州（含所辖县市区）", ("单位", "层级", "报送情况", "最终得分", "说明"), tuple(rows), frozenset({3}))


def county_ranking(intake: Intake) -> Table:
    """The counties the cities' bundles carry, ranked across the province."""
    rows = tuple((str(rank), c.name, r.unit.name, f"逾期 {c.days_late} 天" if c.status == "late" else STATUS_TEXT[c.status],
                  fmt(c.final) if c.complete else f"{fmt(c.final)}（最低 {fmt(c.basis)}）", "自评偏高" if c.overrated else "")
                 for rank, r, c in results.county_ranking(intake))
    return Table("county_ranking", "县市区排名（各市州上报的县级收件结果）", ("名次", "县市区", "所属市州", "报送情况", "最终得分", "说明"),
                 rows, frozenset({0, 4}))


def rules(intake: Intake, *, every: bool = True) -> Table:
    """Per deduction rule: units that lost points, total and mean lost (``every=False``: only rules
    some unit lost points on)."""
    if not results.scored(intake):
        rows = tuple((s.code, s.title, s.area, str(s.units_lost), str(s.assessed), "、".join(s.lost_by))
                     for s in results.rule_stats(intake) if every or s.units_lost)
        return Table("rules", "各事项落实情况", ("事项", "名称", "区域", "逾期或未落实的单位数", "参评单位数", "逾期或未落实的单位"),
                     rows, frozenset({3, 4}))
    rows = tuple((s.code, s.title, s.area, num(s.max_points), str(s.units_lost), str(s.assessed), num(s.total_lost),
                  num(s.mean_lost)) for s in results.rule_stats(intake) if every or s.units_lost)
    return Table("rules", "各规则失分统计", ("规则", "名称", "区域", "分值", "失分单位数", "参评单位数", "失分合计", "平均失分"),
                 rows, frozenset({3, 4, 5, 6, 7}))


def issues(intake: Intake) -> Table:
    """The 共性问题: the rules most units lost points on."""
    stats = results.common_issues(results.rule_stats(intake), intake.roster.scheme.top_issues)
    if not results.scored(intake):
        rows = tuple((str(i), f"{s.code} {s.title}", str(s.units_lost), "、".join(s.lost_by)) for i, s in enumerate(stats, start=1))
        return Table("issues", "共性问题", ("序号", "事项", "逾期或未落实的单位数", "单位"), rows, frozenset({0, 2}))
    rows = tuple((str(i), f"{s.code} {s.title}", str(s.units_lost), num(s.total_lost), "、".join(s.lost_by))
                 for i, s in enumerate(stats, start=1))
    return Table("issues", "共性问题", ("序号", "规则", "失分单位数", "失分合计", "失分单位"), rows, frozenset({0, 2, 3}))


def checks(intake: Intake) -> Table:
    """Per spot-checked (or survey-adjusted) rule: self score, verified score, difference."""
    rows = []
    for r in intake.records:
        for d in r.diffs:
            who = f"{'、'.join(r.check.inspectors)} {r.check.date.isoformat()}" if d.source == "核查" else d.source
            rows.append((r.unit.name, f"{d.code} {d.title}", num(d.self_score) or "未填写", num(d.verified_score) or "未填写",
                         num(d.difference),
                         d.self_observed, d.verified_observed, who, d.note))
        if r.check is not None:
            rows.append((r.unit.name, "合计（核查）", num(r.self_total), num(r.verified_total), num(r.difference),
                         "", "", "自评偏高" if r.overrated(intake.roster.scheme) else "", r.check.notes))
        for c in r.counties:
            v = c.verified
            if v is None or v.check is None:
                continue
            who = f"{'、'.join(v.check.inspectors)} {v.check.date.isoformat()}"
            rows += [(c.name, f"{d.code} {d.title}", num(d.self_score) or "未填写", num(d.verified_score) or "未填写",
                      num(d.difference), d.self_observed, d.verified_observed, who, d.note) for d in v.diffs]
            rows.append((c.name, "合计（省级核查）", num(v.self_total), num(v.verified_total), num(v.difference), "", "",
                         "自评偏高" if v.overrated(intake.roster.scheme) else "", f"{r.unit.name} 所辖；{v.check.notes}".rstrip("；")))
    return Table("checks", "核查对比", ("单位", "规则", "自评得分", "核查得分", "差值", "自评情况", "核查情况", "核查人员/日期", "说明"),
                 tuple(rows), frozenset({2, 3, 4}))


def praise(intake: Intake) -> Table:
    rows = tuple((r.unit.name, _score(r), why, "、".join(r.unit.individuals)) for r, why in results.praise(intake))
    return Table("praise", "拟通报表扬", ("单位", _result_header(intake), "理由", "一并表扬的个人"), rows, frozenset({1}))


def criticise(intake: Intake) -> Table:
    rows = tuple((r.unit.name, _score(r), why) for r, why in results.criticise(intake))
    return Table("criticise", "拟通报批评", ("单位", _result_header(intake), "理由"), rows, frozenset({1}))


def _result_header(intake: Intake) -> str:
    return "得分" if results.scored(intake) else "逾期和未落实"


def stray(intake: Intake) -> Table:
    rows = tuple((path, why) for path, why in intake.stray)
    rows += tuple((other, r.unit.name) for r in intake.records for other in r.others)
    return Table("stray", "其他文件", ("文件", "说明"), rows)


def all_tables(intake: Intake, *, every: bool = True) -> list[Table]:
    """Every table, in report order (``every=False``: the rules table without rules nobody lost points on)."""
    with_counties = [cities(intake), county_ranking(intake)] if any(r.counties for r in intake.records) else []
    return [summary(intake), *with_counties, checks(intake), rules(intake, every=every), issues(intake), praise(intake),
            criticise(intake), stray(intake)]


def headline(intake: Intake) -> list[str]:
    """The report's first lines: what, who, deadline, counts."""
    c = intake.counts()
    office = intake.roster.unit(intake.office).name if intake.office else intake.roster.office
    deadline = intake.roster.deadline.isoformat()
    return [f"收件情况：{intake.roster.title}",
            f"收件单位：{office}  截止日期：{deadline}（含当日）  统计日期：{intake.as_of.isoformat()}",
            f"应报 {len(intake.records)} 个单位：按时 {c['on_time']}  逾期 {c['late']}  未报送 {c[MISSING]}  无效 {c[INVALID]}"]
