"""``ucm-check assess``: the monthly multi-unit assessment of seed 004 on a scheme folder.

``init`` copies the bundled example, ``import`` keeps one source's scores for a month, ``rank`` ranks
a month (or a quarter, a year) and keeps the results, ``publish`` writes the 排名表 (xlsx or
markdown), ``history`` looks back: rank changes, streaks and each unit's trend.
"""

from __future__ import annotations

import argparse
import os

from ucm_check import exitcodes
from ucm_check.commands.common import err, out

FORMATS = ("text", "markdown", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="操作", required=True)
    p = sub.add_parser("init", help="在目录中建立考评方案和名册（复制种子 004 的示例区）")
    p.add_argument("folder", metavar="DIR", help="新的考评目录（不存在或为空）")
    p = sub.add_parser("import", help="导入一个来源某月的得分（CSV 或 xlsx；自评来源读取各单位档案）")
    p.add_argument("folder", metavar="DIR", help="考评目录（含 scheme.toml 和 roster.csv）")
    p.add_argument("--period", required=True, metavar="YYYY-MM", help="考评月份，如 2026-03")
    p.add_argument("--source", required=True, metavar="ID", help="来源编号（scheme.toml 的 [sources.<编号>]）")
    p.add_argument("--file", "-f", metavar="FILE", help="得分文件（.csv 或 .xlsx）；自评来源不需要")
    p.add_argument("--sheet", default="", help="xlsx 的工作表名（默认第一个）")
    p.add_argument("--column", default="", help="得分列的表头（默认识别 得分/分数/考评得分/综合得分）")
    for name, text in (("rank", "计算并保存某月（或季度、年度）的排名"), ("publish", "输出排名表：xlsx（打印张贴用）或 markdown")):
        p = sub.add_parser(name, help=text)
        p.add_argument("folder", metavar="DIR", help="考评目录")
        p.add_argument("--period", required=True, metavar="PERIOD", help="2026-03（月）、2026-Q1（季度）或 2026（年度）")
        if name == "rank":
            p.add_argument("--format", default="text", choices=FORMATS, help="输出格式（默认 text）")
        p.add_argument("--output", "-o", metavar="FILE", required=name == "publish",
                       help="写入文件（publish 按扩展名：.xlsx 或 .md）")
    p = sub.add_parser("tui", help="在终端中查看：各组某月排名和红黑旗、单位走势、各来源贡献")
    p.add_argument("folder", metavar="DIR", help="考评目录")
    p.add_argument("--period", metavar="YYYY-MM", help="先显示的月份（默认最近一个月）")
    p = sub.add_parser("history", help="回顾：名次变化、连续靠后月数和各单位的走势")
    p.add_argument("folder", metavar="DIR", help="考评目录")
    p.add_argument("--to", metavar="YYYY-MM", help="截至月份（默认最近一个已排名的月份）")
    p.add_argument("--months", type=int, default=12, help="回顾的月数（默认 12）")
    p.add_argument("--unit", metavar="NAME", help="只看一个单位（全称或简称）")
    p.add_argument("--format", default="text", choices=("text", "json"), help="输出格式（默认 text）")


def run(args: argparse.Namespace) -> int:
    from ucm_check.assess.cycle import CycleError
    from ucm_check.assess.periods import BadPeriod
    from ucm_check.problems import InvalidFile

    try:
        return ACTIONS[args.action](args)
    except InvalidFile as exc:
        for problem in exc.errors:
            err(str(problem))
        return exitcodes.INVALID
    except (BadPeriod, CycleError) as exc:
        err(f"ucm-check assess: 错误：{exc}")
        return exitcodes.INVALID
    except OSError as exc:
        err(f"{getattr(exc, 'filename', '') or ''}: 错误：{exc.strerror or exc}")
        return exitcodes.INVALID


def _folder(path: str):
    from ucm_check.assess.cycle import CycleError
    from ucm_check.assess.folder import open_folder

    if not os.path.isdir(path):
        raise CycleError(f"考评目录不存在：{path}（用 ucm-check assess init {path} 新建）")
    return open_folder(path)


def _init(args: argparse.Namespace) -> int:
    from importlib import resources

    from ucm_check.atomic import write_bytes

    if os.path.isdir(args.folder) and os.listdir(args.folder):
        err(f"ucm-check assess: 错误：目录 {args.folder} 不是空目录；为免覆盖已有文件，请指定新目录")
        return exitcodes.INVALID
    os.makedirs(args.folder, exist_ok=True)
    example = resources.files("ucm_check.assess") / "example"
    for name in ("scheme.toml", "roster.csv"):
        write_bytes(os.path.join(args.folder, name), (example / name).read_bytes())
    err(f"已建立 {args.folder}：scheme.toml（考评方案）和 roster.csv（名册），请按本区实际修改后导入得分")
    return exitcodes.OK


def _import(args: argparse.Namespace) -> int:
    from ucm_check.assess.cycle import import_source
    from ucm_check.assess.periods import parse_month
    from ucm_check.problems import suggest

    folder = _folder(args.folder)
    period = parse_month(args.period)
    source = folder.scheme.sources.get(args.source)
    if source is None:
        known = list(folder.scheme.sources)
        err(f"ucm-check assess: 错误：方案中没有来源 “{args.source}”{suggest(args.source, known)}；可用：{'、'.join(known)}")
        return exitcodes.INVALID
    host = None
    if source.kind == "self-check":
        from ucm_check.host import build_host

        host = build_host(environment=True)
    elif not args.file:
        err(f"ucm-check assess: 错误：请给出“{source.name}”的得分文件（.csv 或 .xlsx）")
        return exitcodes.INVALID
    target = import_source(folder, period, args.source, args.file, sheet=args.sheet, column=args.column, host=host)
    err(f"已导入 {source.name} {period.label}的得分：{target}")
    return exitcodes.OK


def _document(folder, period_text: str) -> dict:
    from ucm_check.assess.cycle import aggregate
    from ucm_check.assess.periods import MONTH, parse_period
    from ucm_check.assess.results import aggregate_dict, month_dict, rank_and_keep

    period = parse_period(period_text)
    if period.kind == MONTH:
        return month_dict(folder, rank_and_keep(folder, period))
    kept, groups = aggregate(folder, period)
    doc = aggregate_dict(folder, period, kept, groups)
    _keep(folder, period, doc)
    return doc


def _keep(folder, period, doc: dict) -> None:
    from ucm_check.assess.folder import RESULTS_FILE
    from ucm_check.assess.results import kept_text
    from ucm_check.atomic import write_text

    target = os.path.join(folder.period_dir(period), RESULTS_FILE)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    write_text(target, kept_text(doc))


def _emit(text: str, output: str | None) -> int:
    if output:
        from ucm_check.atomic import write_text

        write_text(output, text)
    else:
        out(text)
    return exitcodes.OK


def _rank(args: argparse.Namespace) -> int:
    import json

    from ucm_check.assess.render import to_markdown, to_text

    doc = _document(_folder(args.folder), args.period)
    if args.format == "json":
        return _emit(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", args.output)
    return _emit((to_markdown if args.format == "markdown" else to_text)(doc), args.output)


def _publish(args: argparse.Namespace) -> int:
    from ucm_check.assess.render import to_markdown

    doc = _document(_folder(args.folder), args.period)
    if args.output.lower().endswith(".xlsx"):
        from ucm_check.assess.xlsx import render_xlsx
        from ucm_check.atomic import write_bytes

        write_bytes(args.output, render_xlsx(doc))
    elif args.output.lower().endswith(".md"):
        _emit(to_markdown(doc), args.output)
    else:
        err("ucm-check assess publish: 错误：--output 的扩展名应为 .xlsx 或 .md")
        return exitcodes.INVALID
    err(f"已输出 {doc['label']}排名表：{args.output}")
    return exitcodes.OK


def _history(args: argparse.Namespace) -> int:
    import json

    from ucm_check.assess.trends import history, history_text

    folder = _folder(args.folder)
    doc = history(folder, to=args.to, months=args.months, unit=args.unit)
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n" if args.format == "json" else history_text(doc)
    out(text)
    return exitcodes.OK


def _tui(args: argparse.Namespace) -> int:
    from ucm_check.assess.board import month_docs
    from ucm_check.assess.cycle import CycleError

    docs = month_docs(_folder(args.folder))
    if not docs:
        raise CycleError("还没有任何月份的得分：请先用 ucm-check assess import 导入")
    periods = [d["period"] for d in docs]
    if args.period and args.period not in periods:
        raise CycleError(f"没有 {args.period} 的记录；已有：{periods[0]} 至 {periods[-1]}")
    from ucm_check.tui.assess import AssessApp

    AssessApp(docs, periods.index(args.period) if args.period else None).run()
    return exitcodes.OK


ACTIONS = {"init": _init, "import": _import, "rank": _rank, "publish": _publish, "history": _history, "tui": _tui}
