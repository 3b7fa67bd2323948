"""``ucm-check letters PROFILE -o 责任书/``: one 责任书 (Word, GB/T 9704 layout) per unit of the plan."""

from __future__ import annotations

import argparse
import os

from ucm_check.commands import exitcodes
from ucm_check.commands.common import add_as_of, add_host_arguments, err
from ucm_check.commands.report import finish, load_sources, write_docx


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("profile", metavar="PROFILE", help="自评档案（TOML）；责任单位取自旁边的整改台账 *.plan.toml")
    parser.add_argument("--output", "-o", metavar="PATH", required=True,
                        help="输出目录（每个单位一个 责任书-单位.docx）；只指定一个 --unit 时也可以是 .docx 文件名")
    parser.add_argument("--unit", action="append", default=[], metavar="NAME",
                        help="只生成该单位的责任书，可重复（默认：整改台账中的每个单位）")
    add_as_of(parser, help="以哪一天为准判断整改逾期（默认今天）")
    add_host_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from ucm_check.documents.letters import build, file_names, unassigned, units
    from ucm_check.plan import plan_path_for

    loaded = load_sources(args, "letters")
    if isinstance(loaded, int):
        return loaded
    host, src = loaded
    if not src.plan_saved:
        err(f"ucm-check letters: 没有整改台账 {plan_path_for(args.profile)}：先运行 ucm-check plan {args.profile}，"
            "在台账中填写牵头单位、责任单位后再生成责任书。")
        return exitcodes.INVALID
    known = units(src.plan)
    unknown = [u for u in args.unit if u not in known]
    if unknown or not known:
        listed = "、".join(known) or "（无：台账中的事项都未指定单位）"
        err(f"ucm-check letters: 整改台账中没有单位 “{unknown[0]}”；台账中的单位：{listed}" if unknown
            else f"ucm-check letters: 整改台账中的事项都未指定单位，无法生成责任书；请在 {plan_path_for(args.profile)} 中填写。")
        return exitcodes.INVALID
    chosen = args.unit or known
    single = len(chosen) == 1 and args.output.lower().endswith(".docx")
    if not single:
        try:
            os.makedirs(args.output, exist_ok=True)
        except OSError as exc:
            from ucm_check.files.inputs import os_message

            err(f"{args.output}: 错误：无法创建目录：{os_message(exc, '')}")
            return exitcodes.INVALID
    bureau = str(src.result.unit.get("name", ""))
    standard = f"《{src.result.standard.title}》"
    code = exitcodes.OK
    names = file_names(chosen)
    for unit in chosen:
        path = args.output if single else os.path.join(args.output, names[unit])
        doc = build(src.plan, unit, bureau=bureau, standard=standard, as_of=src.as_of)
        code = write_docx(path, doc.to_bytes())
        if code:
            break
        err(f"已生成责任书 {path}（{unit}）")
    left = unassigned(src.plan)
    if left and code == exitcodes.OK:
        err(f"注意：{len(left)} 项整改事项未指定单位，未列入任何责任书：{'、'.join(i.id for i in left)}")
    return finish(host, code)
