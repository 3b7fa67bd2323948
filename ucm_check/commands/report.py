"""``ucm-check report PROFILE -o 自评报告.docx``: the self-assessment report as a Word 公文."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from ucm_check.commands import exitcodes
from ucm_check.commands.common import add_as_of, add_host_arguments, err, host_from_args, iso_date

if TYPE_CHECKING:
    from ucm_check.documents.sources import Sources
    from ucm_check.engine.host import Host


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("profile", metavar="PROFILE", help="自评档案（TOML）；旁边的 *.plan.toml 提供整改措施和责任单位")
    parser.add_argument("--output", "-o", metavar="FILE", required=True, help="输出的 Word 文件，如 自评报告.docx")
    add_as_of(parser, help="以哪一天为准评价、判断整改逾期（默认今天）")
    parser.add_argument("--date", type=iso_date, metavar="DATE",
                        help="成文日期（默认：档案 [report] 表的 date，否则 --as-of 的日期）")
    add_host_arguments(parser)


def load_sources(args: argparse.Namespace, command: str) -> tuple[Host, Sources] | int:
    """Score the profile and bring its plan up to date in memory (nothing is written); an exit code
    after printing the problems when the profile or the plan is invalid."""
    from ucm_check.profile.checking import check_file
    from ucm_check.documents.sources import gather
    from ucm_check.plan import InvalidPlan, plan_path_for

    as_of = args.as_of or dt.date.today()
    host = host_from_args(args)
    checked = check_file(args.profile, host, as_of=as_of)
    for problem in checked.errors:
        err(str(problem))
    if checked.result is None or checked.profile is None:
        err(f"ucm-check {command}: 自评档案有错误，未生成文件。")
        return exitcodes.INVALID
    try:
        src = gather(checked.profile, checked.result, host, as_of)
    except InvalidPlan as exc:
        for problem in exc.errors:
            err(str(problem))
        err(f"ucm-check {command}: 整改台账 {plan_path_for(args.profile)} 有错误，未生成文件；修正后重新运行。")
        return exitcodes.INVALID
    from ucm_check.documents.clean import warnings

    for warning in warnings(args.profile, src.result.unit, src.texts, src.plan, str(plan_path_for(args.profile))):
        err(warning)
    if src.changes is not None:
        err(f"{plan_path_for(args.profile)}: 注意：整改台账与档案不一致（{src.changes}）；文件中按档案现状列出，"
            f"运行 ucm-check plan {args.profile} 更新台账。")
    return host, src


def write_docx(path: str, data: bytes) -> int:
    """Write ``data`` atomically; an OS error becomes a Chinese message and exit code 2."""
    from ucm_check.files.atomic import SaveError, write_bytes
    from ucm_check.files.inputs import os_message

    try:
        write_bytes(path, data)
    except OSError as exc:
        err(f"{path}: 错误：{exc.strerror if isinstance(exc, SaveError) else '无法保存：' + os_message(exc, '')}")
        return exitcodes.INVALID
    return exitcodes.OK


def finish(host: Host, code: int) -> int:
    """Report plugin failures (exit 3) on top of ``code``."""
    for problem in host.errors:
        err(str(problem))
    return exitcodes.combine(code, exitcodes.PLUGIN if host.errors else exitcodes.OK)


def run(args: argparse.Namespace) -> int:
    from ucm_check.documents.common import headline, unit_name
    from ucm_check.documents.sources import report_docx

    loaded = load_sources(args, "report")
    if isinstance(loaded, int):
        return loaded
    host, src = loaded
    code = write_docx(args.output, report_docx(src, args.date))
    if code == exitcodes.OK:
        texts = src.texts
        missing = [w for k, w in (("practices", "主要做法和成效"), ("recipient", "主送机关"), ("doc_number", "发文字号"),
                                  ("signer", "签发人")) if not texts.get(k)]
        unit = ["单位名称（档案 [unit] 表的 name）"] if "待填写" in unit_name(src.result.unit) else []
        report = [f"{'、'.join(missing)}（档案 [report] 表）"] if missing else []
        evidence = [] if src.profile.extra.get("evidence") else ["佐证材料目录（档案 [evidence] 表）"]
        todo = "、".join(unit + report + evidence)
        tail = f"；待填写：{todo}" if todo else ""
        err(f"已生成自评报告 {args.output}：{headline(src.result)}，存在问题 {len(src.result.gaps())} 项{tail}")
    return finish(host, code)
