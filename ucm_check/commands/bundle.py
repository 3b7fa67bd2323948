"""``ucm-check bundle PROFILE -o FILE.zip``: package a submission (profile, plan, report, evidence,
manifest of hashes) into a zip that is byte-identical for the same inputs."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os

from ucm_check.commands import exitcodes
from ucm_check.commands.common import add_as_of, add_host_arguments, err, host_from_args, out, policy_or_errors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("profile", metavar="PROFILE", help="自评档案（TOML）；佐证文件路径相对于它所在的目录")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.zip", help="输出的提交包")
    parser.add_argument("--policy", metavar="FILE", help="省级提交策略：门槛结果写入包内报告")
    parser.add_argument("--attach-intake", metavar="FILE.json",
                        help="市州：附上所辖县市区的收件结果（ucm-check intake --format json 的输出），随本级提交包报送")
    add_as_of(parser)
    add_host_arguments(parser)


def report_texts(profile, result, gates, policy, as_of: dt.date) -> tuple[bytes, bytes]:
    """The JSON and Markdown reports of one scored profile, as the bundle stores them."""
    from ucm_check.ci.outcome import Outcome, row_for
    from ucm_check.profile.checking import Checked
    from ucm_check.ci.formats import json as jr
    from ucm_check.ci.formats import markdown
    from ucm_check.ci.formats.summary import Run

    run = Run(as_of, policy)
    o = Outcome(Checked(profile.file, profile, result), gates, row_for(Checked(profile.file, profile, result), gates),
                policy=policy)
    run.rows.append(o.row)
    run.exit_code = exitcodes.THRESHOLD if any(not g.passed for g in gates) else exitcodes.OK
    texts = []
    for writer_class, kw in ((jr.Writer, {"pretty": True}), (markdown.Writer, {})):
        buf = io.StringIO()
        w = writer_class(buf, run, **kw)
        w.add(o)
        w.finish(run)
        texts.append(buf.getvalue().encode("utf-8"))
    return texts[0], texts[1]


def run(args: argparse.Namespace) -> int:
    from ucm_check.ci import bundle
    from ucm_check.ci import evidence
    from ucm_check.files.archive import canonical, canonical_key
    from ucm_check.profile.checking import score
    from ucm_check.profile.reading import InvalidProfile, ProfileError, parse_text

    host = host_from_args(args)
    as_of = args.as_of or dt.date.today()
    policy, policy_problems = policy_or_errors(args.policy, host)
    if policy_problems:
        for e in policy_problems:
            err(str(e))
        return exitcodes.INVALID
    from ucm_check.files.inputs import InvalidFile, decode, os_message

    try:
        with open(args.profile, "rb") as fh:
            raw = fh.read()
        text = decode(args.profile, raw, "自评档案")
    except OSError as exc:
        err(f"{args.profile}: 错误：无法读取文件：{os_message(exc, '')}")
        return exitcodes.INVALID
    except InvalidFile as exc:
        for e in exc.errors:
            err(str(e))
        return exitcodes.INVALID
    name = os.path.basename(args.profile)
    try:
        profile = parse_text(name, text, host.standards)
    except InvalidProfile as exc:
        for e in exc.errors:
            err(str(e).replace(name, args.profile, 1))
        return exitcodes.INVALID
    folder = os.path.dirname(os.path.abspath(args.profile))
    contents = bundle.Contents()
    problems: list[ProfileError] = []
    try:
        contents.add(name, raw, "profile", args.profile)
        plan_name = None
        from ucm_check.plan import InvalidPlan, load_plan, plan_path_for

        plan_path = plan_path_for(args.profile)
        overdue: list = []
        if plan_path.exists():
            try:
                overdue = load_plan(plan_path).overdue(as_of)
            except InvalidPlan as exc:
                problems += exc.errors
            plan_name = plan_path.name
            contents.add(plan_name, plan_path.read_bytes(), "plan", args.profile)
        listed = evidence.entries(profile)
        for items in listed.values():
            for entry in items:
                checked = evidence.check_entry(folder, entry)
                line, col = evidence.position(profile, entry.rule)
                if checked.problem:
                    problems.append(ProfileError(args.profile, line, col, f"evidence.{entry.rule}：{checked.problem}"))
                elif entry.path in contents:
                    twin = contents.keys[canonical_key(entry.path)]
                    if twin != canonical(entry.path):
                        problems.append(ProfileError(args.profile, line, col, f"evidence.{entry.rule}：“{entry.path}” 与 “{twin}” "
                                                     "只差大小写或 Unicode 写法，解压后会互相覆盖；请改名后再打包"))
                else:
                    with open(checked.real, "rb") as fh:
                        contents.add(entry.path, fh.read(), "evidence", args.profile)
        if getattr(args, "attach_intake", None):
            from ucm_check.intake.carried import validate
            from ucm_check.intake.submission import CARRIED

            try:
                attached = open(args.attach_intake, "rb").read()
            except OSError as exc:
                problems.append(ProfileError(args.attach_intake, 0, 0, f"无法读取下级收件结果：{exc.strerror or exc}"))
            else:
                why = validate(attached)
                if why:
                    problems.append(ProfileError(args.attach_intake, 0, 0, f"不能作为下级收件结果附上：{why}"))
                else:
                    contents.add(CARRIED, attached, "intake", args.profile)
        if problems:
            for e in problems:
                err(str(e))
            err(f"ucm-check bundle: 未生成 {args.output}：请先修正以上问题")
            return exitcodes.INVALID
        result = score(profile, host, as_of=as_of)
        gates = policy.evaluate(result, evidence=listed, overdue=overdue) if policy else []
        report_json, report_md = report_texts(profile, result, gates, policy, as_of)
        contents.add(bundle.REPORT_JSON, report_json, "report", args.profile)
        contents.add(bundle.REPORT_MD, report_md, "report", args.profile)
        files = dict(contents.files)
        files[bundle.MANIFEST] = bundle.manifest(contents.files, contents.roles, profile=name, plan=plan_name,
                                                 as_of=as_of, unit=str(profile.unit.get("name", "")))
        bundle.write_zip(args.output, files)
    except bundle.BundleError as exc:
        for e in exc.errors:
            err(str(e))
        return exitcodes.INVALID
    except OSError as exc:
        err(f"ucm-check bundle: 错误：{os_message(exc, exc.filename or args.output)}")
        return exitcodes.INVALID
    for g in gates:
        if not g.passed:
            err(f"{args.profile}: 提醒：{g.message}")
    for e in host.errors:
        err(str(e))
    out(f"已生成提交包 {args.output}：{len(files)} 个文件（档案、{'整改台账、' if plan_name else ''}报告、"
        f"{sum(1 for r in contents.roles.values() if r == 'evidence')} 个佐证文件、清单 {bundle.MANIFEST}）\n")
    return exitcodes.PLUGIN if host.errors else exitcodes.OK
