"""``ucm-check check PROFILE...``: score profiles (files, folders, globs), apply the policy's gates,
write a report in one format, optionally a second one to a file."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
import time
from decimal import Decimal, InvalidOperation
from typing import Any, TextIO

from ucm_check.commands import exitcodes
from ucm_check.commands.common import add_as_of, add_host_arguments, err, host_from_args, policy_or_errors

from ucm_check.engine import formats

FORMATS = formats.names("check")


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"应为数字，实际为 {text!r}") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("profiles", nargs="+", metavar="PROFILE",
                        help="自评档案（TOML）、目录（其下所有 .toml，整改台账 *.plan.toml 除外）或通配符")
    parser.add_argument("--format", metavar="FORMAT",
                        help=f"报告格式：{'、'.join(FORMATS)} 或插件提供的格式（默认 text；与 --output 同用时写入文件，控制台仍为 text）")
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="把 --format 格式的报告写入 FILE（未给 --format 时按扩展名：.json .xml .sarif .md .tap）")
    parser.add_argument("--min-score", type=_decimal, metavar="N",
                        help="总分低于 N 时以退出码 1 失败；评价不完整时按最低可能得分判断")
    parser.add_argument("--policy", metavar="FILE", help="省级提交策略（TOML）：最低总分、区域最低分、一票否决、未填写和逾期上限、佐证要求")
    add_as_of(parser)
    parser.add_argument("--sort", default="recoverable", choices=("recoverable", "area", "clause"),
                        help="扣分项排序：可挽回分值（默认）、区域、条款")
    parser.add_argument("--details", action="store_true", help="检查多个档案时也逐个输出完整报告（默认只输出排名汇总）")
    parser.add_argument("--no-progress", action="store_true", help="不在终端显示进度")
    add_host_arguments(parser)


def writer_for(fmt: str, out: TextIO, run: Any, *, pretty: bool = False, host: Any = None) -> Any:
    """A report writer of ``fmt`` (:mod:`ucm_check.engine.formats`) on ``out``; each format's module is
    imported only when used. Only the JSON writer takes ``pretty``."""
    entry = formats.find("check", fmt, host)
    if entry is None:
        raise KeyError(fmt)
    writer = entry.load()
    return writer(out, run, pretty=pretty) if fmt == "json" else writer(out, run)


class _Stdout:
    """UTF-8 text on the real stdout whatever the console encoding; detached, never closed, at the end."""

    def __init__(self) -> None:
        self.stream: TextIO
        if hasattr(sys.stdout, "buffer"):
            sys.stdout.flush()
            self.stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=False)
            self.wrapped = True
        else:
            self.stream, self.wrapped = sys.stdout, False

    def close(self) -> None:
        self.stream.flush()
        if self.wrapped:
            self.stream.detach()  # type: ignore[attr-defined]


def _empty_report(args: argparse.Namespace, fmt: str, **errors: Any) -> None:
    """A run stopped by an invalid policy or tailoring file: the format's consumer on stdout still
    gets one whole document (no profiles, exit code 2, the problems where the format has room)."""
    if fmt == "text" or args.output or fmt not in FORMATS:
        return
    from ucm_check.ci.formats.summary import Run

    empty = Run(args.as_of or dt.date.today(), None, args.sort, args.details, exit_code=exitcodes.INVALID, **errors)
    stdout = _Stdout()
    try:
        writer_for(fmt, stdout.stream, empty, pretty=sys.stdout.isatty()).finish(empty)
    finally:
        stdout.close()


def run(args: argparse.Namespace) -> int:
    import attrs

    from ucm_check.engine import log
    from ucm_check.ci.batch import Progress, expand, outcomes
    from ucm_check.ci.outcome import Outcome, row_for
    from ucm_check.profile.checking import Checked
    from ucm_check.ci.policy import Policy
    from ucm_check.ci.formats.summary import Run

    started = time.perf_counter()
    fmt = args.format or "text"
    if args.output and args.format is None:
        inferred = formats.by_suffix("check", args.output)
        fmt = inferred.name if inferred else ""
        if not fmt:
            err(f"ucm-check check: 用法错误：无法从 “{args.output}” 的扩展名判断格式，请用 --format 指定")
            return exitcodes.INVALID
    if args.output and fmt == "text":
        err("ucm-check check: 用法错误：--output 需要 text 以外的格式（控制台已输出 text 报告）")
        return exitcodes.INVALID
    if args.output and os.path.isdir(args.output):
        err(f"ucm-check check: 错误：--output “{args.output}” 是目录")
        return exitcodes.INVALID

    from ucm_check.commands.common import InputRejected

    try:
        host = host_from_args(args)
    except InputRejected as exc:
        _empty_report(args, fmt, input_errors=exc.errors)
        raise
    if formats.find("check", fmt, host) is None:
        known = "、".join(f.name for f in formats.formats("check", host))
        err(f"ucm-check check: 用法错误：未知的报告格式 “{fmt}”；可用：{known}")
        return exitcodes.INVALID
    policy, problems = policy_or_errors(args.policy, host)
    if problems:
        for problem in problems:
            err(str(problem))
        _empty_report(args, fmt, policy_errors=problems)
        return exitcodes.INVALID
    if args.min_score is not None:
        policy = attrs.evolve(policy or Policy(), min_score=args.min_score)

    paths, problems = expand(args.profiles)
    if policy is not None and (policy.min_total is not None or policy.min_score is not None) \
            and any(not s.scored for s in host.standards.values()):
        from ucm_check.ci.batch import standards_used
        from ucm_check.ci.policy import score_gate_refusals

        unscored = {s.id for s in host.standards.values() if not s.scored}
        refused = score_gate_refusals(policy, host.standards, standards_used(paths, unscored))
        if refused:
            for problem in refused:
                err(str(problem))
            _empty_report(args, fmt, policy_errors=refused)
            return exitcodes.INVALID
    as_of = args.as_of or dt.date.today()
    report = Run(as_of, policy, args.sort, args.details)
    try:
        output = None
        if args.output:  # the atomic writer (and tempfile behind it) only when there is a file to write
            from ucm_check.files.atomic import AtomicFile

            output = AtomicFile(args.output)
    except OSError as exc:  # a SaveError: read-only file or folder
        err(f"ucm-check check: 错误：无法写入 --output “{args.output}”：{exc.strerror}")
        return exitcodes.INVALID
    stdout = _Stdout()
    console_fmt = "text" if output else fmt
    writers = [writer_for(console_fmt, stdout.stream, report, pretty=sys.stdout.isatty(), host=host)]
    if output:
        writers.append(writer_for(fmt, output.stream, report, host=host))
    progress = Progress(len(paths), enabled=False if args.no_progress else None)
    codes: set[int] = set()
    count = invalid = 0

    def emit(o: Outcome) -> None:
        nonlocal count, invalid
        count += 1
        if o.invalid or any(not g.passed for g in o.gates):
            progress.close()  # a message starts on a clean line; the next update redraws the counter
        for problem in [*o.checked.errors, *o.extra_errors]:
            err(str(problem))
        if o.checked.internal:
            codes.add(exitcodes.INTERNAL)
        elif o.invalid:
            invalid += 1
            codes.add(exitcodes.INVALID)
        for g in o.gates:
            if not g.passed:
                err(f"{o.file}: {g.message}")
                codes.add(exitcodes.THRESHOLD)
        report.rows.append(o.row)
        for w in writers:
            w.add(o)

    try:
        for problem in problems:
            checked = Checked(problem.file, errors=[problem])
            emit(Outcome(checked, [], row_for(checked, []), policy=policy))
        for o in outcomes(paths, host, as_of=as_of, policy=policy, progress=progress):
            emit(o)
        progress.close()
        for e in host.errors:
            err(str(e))
        if host.errors:
            codes.add(exitcodes.PLUGIN)
        report.plugin_errors = list(host.errors)
        report.exit_code = exitcodes.INTERNAL if exitcodes.INTERNAL in codes else exitcodes.combine(*codes)
        for w in writers:
            w.finish(report)
        if output:
            output.commit()
            output = None
    except OSError as exc:
        if output is None or isinstance(exc, BrokenPipeError):
            raise
        output.discard()  # a full disk while streaming the report: no half file, no temporary file
        output = None
        from ucm_check.files.atomic import SaveError
        from ucm_check.files.inputs import os_message

        reason = exc.strerror if isinstance(exc, SaveError) else f"无法保存：{os_message(exc, '')}"
        err(f"ucm-check check: 错误：--output “{args.output}” {reason}；未写入报告文件")
        return exitcodes.INVALID
    finally:
        if output:
            output.discard()
        stdout.close()
    log.info("ucm_check.check_done", profiles=count, invalid=invalid, exit_code=report.exit_code,
             format=fmt, output=args.output, seconds=round(time.perf_counter() - started, 3))
    return report.exit_code
