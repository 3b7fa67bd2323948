"""``ucm-check intake [FOLDER] --roster ROSTER.toml``: the receiving office's side.

Without a folder, the roster is validated and printed (who submits to whom, by when). With one,
every submission bundle in it is verified, matched to its unit and judged on time, late, missing
or invalid; spot checks (``X.check.toml``) and social evaluations (``X.social.toml``) beside a
bundle re-score its unit; the results are ranked and summarised for the notice.

Exit codes: 0 done; 2 invalid roster, spot-check or survey file, or bad usage; 3 a plugin failed.
An invalid or missing submission is a result, reported in the table, not an error of the run.
"""

from __future__ import annotations

import argparse

from ucm_check import exitcodes
from ucm_check.commands.common import add_as_of, add_host_arguments, err, host_from_args, out


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", nargs="?", metavar="FOLDER", help="收到的提交包所在目录（*.zip，旁边可放 .check.toml 核查和 .social.toml 社会评价）")
    parser.add_argument("--roster", required=True, metavar="FILE", help="报送名册（TOML）：单位、层级、上级、标准、截止日期和评价办法")
    parser.add_argument("--office", default="", metavar="ID", help="以名册中该单位的身份收件（市州收所辖县市区），默认收名册顶层单位")
    parser.add_argument("--format", default="text", choices=("text", "markdown", "json", "xlsx"), help="输出格式（xlsx 须配合 -o）")
    parser.add_argument("--tui", action="store_true", help="在终端中浏览：单位列表、单位的核查对比、各规则统计")
    parser.add_argument("-o", "--output", metavar="FILE", help="写入文件（原子写入），不写则输出到标准输出")
    add_as_of(parser, help="收件统计日期（默认今天）：此日尚未收到的为未报送")
    add_host_arguments(parser)


def show_roster(roster, office: str) -> str:
    """The roster as text: the office, its deadline, and each unit with the units under it."""
    from ucm_check.intake.roster import Roster  # noqa: F401  (type only)

    lines = [f"报送名册：{roster.title}", f"收件单位：{roster.office}  评价标准：{roster.standard}  "
             f"截止日期：{roster.deadline.isoformat()}（含当日）", ""]

    def walk(parent: str, indent: int) -> None:
        for unit in roster.children(parent):
            own = f"  截止 {unit.deadline.isoformat()}" if unit.deadline else ""
            lines.append(f"{'  ' * indent}{unit.id}  {unit.name}  {unit.level}{own}")
            walk(unit.id, indent + 1)

    walk(office, 0)
    counts: dict[str, int] = {}
    for unit in roster.units:
        counts[unit.level] = counts.get(unit.level, 0) + 1
    lines.append("")
    lines.append(f"共 {len(roster.units)} 个单位：" + "，".join(f"{k} {v} 个" for k, v in counts.items()))
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from ucm_check.intake.roster import InvalidRoster, load_roster

    host = host_from_args(args)
    try:
        roster = load_roster(args.roster, host.standards)
    except InvalidRoster as exc:
        for e in exc.errors:
            err(str(e))
        return exitcodes.INVALID
    if args.office and roster.unit(args.office) is None:
        err(f"ucm-check intake: 错误：--office “{args.office}” 不是名册中的单位编号")
        return exitcodes.INVALID
    if args.folder is None:
        out(show_roster(roster, args.office))
        return exitcodes.PLUGIN if host.errors else exitcodes.OK
    import datetime as dt
    import os

    from ucm_check.intake.receive import receive

    if not os.path.isdir(args.folder):
        err(f"{args.folder}: 错误：目录不存在（应为收到的提交包所在目录）")
        return exitcodes.INVALID
    if args.format == "xlsx" and not args.output:
        err("ucm-check intake: 用法错误：--format xlsx 须用 -o 指定输出文件")
        return exitcodes.INVALID
    intake = receive(args.folder, roster, host, office=args.office, as_of=args.as_of or dt.date.today())
    for e in intake.errors:
        err(str(e))
    if args.tui:
        from ucm_check.tui.intake import IntakeApp

        IntakeApp(intake).run()
    elif args.format == "xlsx":
        from ucm_check.intake.xlsx import write_xlsx

        write_xlsx(args.output, intake)
    else:
        if args.format == "json":
            from ucm_check.intake.json import render_json as render
        elif args.format == "markdown":
            from ucm_check.intake.text import render_markdown as render
        else:
            from ucm_check.intake.text import render_text as render
        text = render(intake)
        if args.output:
            from ucm_check.atomic import write_text

            write_text(args.output, text)
        else:
            out(text)
    return exitcodes.combine(exitcodes.INVALID if intake.errors else exitcodes.OK,
                             exitcodes.PLUGIN if host.errors else exitcodes.OK)
