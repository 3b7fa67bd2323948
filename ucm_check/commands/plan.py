"""``ucm-check plan PROFILE``: create or update the rectification plan beside the profile, then
print or export it."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any, Callable

from ucm_check.commands import exitcodes
from ucm_check.files.atomic import write_bytes
from ucm_check.commands.common import add_as_of, add_host_arguments, err, host_from_args, out, write_atomic

if TYPE_CHECKING:
    from ucm_check.plan import Plan

from ucm_check.engine import formats

FORMATS = formats.names("plan")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("profile", metavar="PROFILE", help="自评档案（TOML）；整改台账保存在旁边的 *.plan.toml")
    add_as_of(parser, help="以哪一天为准判断逾期、计算默认完成时限（默认今天）")
    parser.add_argument("--format", default="text", choices=FORMATS, help="输出格式（默认 text；xlsx 需要 --output）")
    parser.add_argument("--output", "-o", metavar="FILE", help="写入文件而不是标准输出")
    parser.add_argument("--paper", default="A4", choices=("A4", "A3"),
                        help="xlsx 的纸张（横向，按 100%% 打印）：A4（默认，放不下的列移到“问题清单（续）”）或 A3")
    parser.add_argument("--fail-on-overdue", action="store_true", help="有逾期未完成的整改事项时以退出码 1 失败")
    add_host_arguments(parser)


def with_submission(fmt: str, text: str, countdown: Any) -> str:
    """``text`` with the self-evaluation deadline's countdown (:mod:`ucm_check.dated.submission`)
    under the title (text, markdown) or as a ``submission`` key (JSON); other formats unchanged."""
    if countdown is None:
        return text
    if fmt == "text":
        head, _, rest = text.partition("\n")
        return f"{head}\n{countdown.text}\n{rest}"
    if fmt == "markdown":
        head, _, rest = text.partition("\n\n")
        return f"{head}\n\n{countdown.text}\n\n{rest}"
    if fmt == "json":
        import json

        doc = json.loads(text)
        doc["submission"] = countdown.as_dict()
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    return text


def _export(args: argparse.Namespace, plan: Plan, as_of: dt.date, countdown: Any = None) -> int:
    entry = formats.find("plan", args.format)
    assert entry is not None  # argparse offered only these
    if entry.binary:
        if not args.output:
            err(f"ucm-check plan: {args.format} 格式需要用 --output 指定文件名，例如 --output 整改台账.{args.format}")
            return exitcodes.INVALID
        render = entry.load()
        data = render(plan, as_of, paper=args.paper) if args.format == "xlsx" else render(plan, as_of)
        return _write(args.output, lambda: write_bytes(args.output, data))
    text = with_submission(args.format, entry.load()(plan, as_of), countdown)
    encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
    if args.output:
        return _write(args.output, lambda: write_atomic(args.output, text, encoding=encoding))
    out(("\ufeff" if args.format == "csv" else "") + text)
    return exitcodes.OK


def _write(path: str, write: Callable[[], None]) -> int:
    """Run ``write``; an OS error becomes a Chinese message naming ``path`` and exit code 2."""
    try:
        write()
    except OSError as exc:
        from ucm_check.files.inputs import os_message

        err(f"{path}: 错误：无法写入：{os_message(exc, '')}")
        return exitcodes.INVALID
    return exitcodes.OK


def run(args: argparse.Namespace) -> int:
    from ucm_check.engine import log
    from ucm_check.profile.checking import check_file
    from ucm_check.plan import InvalidPlan, current_plan, plan_path_for

    as_of = args.as_of or dt.date.today()
    host = host_from_args(args)
    checked = check_file(args.profile, host, as_of=as_of)
    for problem in checked.errors:
        err(str(problem))
    if checked.result is None:
        return exitcodes.INTERNAL if checked.internal else exitcodes.INVALID
    result = checked.result
    path = plan_path_for(args.profile)
    try:
        current = current_plan(args.profile, result, host, as_of, save=False)
    except InvalidPlan as exc:
        for problem in exc.errors:
            err(str(problem))
        err(f"{path}: 整改台账有错误，本次未作任何改动；修正后重新运行。")
        return exitcodes.INVALID
    plan, old, changes = current.plan, current.old, current.changes
    if current.changed:
        from ucm_check.plan import save_plan

        code = _write(str(path), lambda: save_plan(plan, path))
        if code:
            return code
        err(f"{path}: {'已更新' if old else '已新建'}整改台账：{changes}")
        log.info("ucm_check.plan_saved", path=str(path), added=len(changes.added), gone=len(changes.gone),
                 reopened=len(changes.reopened))
    if result.unanswered:
        err(f"{args.profile}: 注意：{len(result.unanswered)} 项未填写，无法判断是否有差距，未列入整改台账；补充填写后重新运行。")
    from ucm_check.dated.submission import shown

    codes = [_export(args, plan, as_of, shown(result))]
    for problem in host.errors:
        err(str(problem))
    if host.errors:
        codes.append(exitcodes.PLUGIN)
    late = plan.overdue(as_of)
    if args.fail_on_overdue and late:
        err(f"{path}: 未通过：{len(late)} 项整改逾期未完成（截至 {as_of.isoformat()}）：{'、'.join(i.id for i in late)}")
        codes.append(exitcodes.THRESHOLD)
    return exitcodes.combine(*codes)
