"""``ucm-check verify PROFILE|FILE.zip``: check a submission's evidence (exists, inside the submission
folder, SHA-256 as recorded; ``--record`` writes the hashes in) or a bundle's integrity, and report
compliance claims lacking the evidence the policy requires.

Exit codes: 0 fine; 1 a policy requirement unmet; 2 a missing, escaping or altered file, an invalid
profile or bundle; 3 a plugin failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os

from ucm_check.commands import exitcodes
from ucm_check.commands.common import add_as_of, add_host_arguments, err, host_from_args, out, policy_or_errors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", metavar="PROFILE|FILE.zip", help="自评档案（核对佐证材料）或 ucm-check bundle 生成的提交包")
    parser.add_argument("--policy", metavar="FILE", help="省级提交策略：列出缺少所要求佐证材料的达标自评")
    parser.add_argument("--record", action="store_true", help="把每个佐证文件当前的 SHA-256 写入档案（保留注释）")
    add_as_of(parser)
    add_host_arguments(parser)


def _claims(policy, profile, result, file: str) -> list[str]:
    """Messages for compliance claims lacking required evidence."""
    from ucm_check.ci import evidence

    if policy is None or not policy.evidence_required:
        return []
    gate = next(g for g in policy.evaluate(result, evidence=evidence.entries(profile)) if g.gate == "evidence")
    if gate.passed:
        return []
    line, col = evidence.position(profile, "") if "evidence" in profile.extra else (1, 1)
    out_lines = []
    for code in gate.rules:
        rule = result.standard.rule(code)
        out_lines.append(f"{file}:{line}:{col}: 错误：{code} {rule.title if rule else ''} 自评达标或加分，"
                         f"但未列出提交策略要求的佐证材料（在 [evidence] 中写 {code} = [\"佐证/文件\"]）")
    return out_lines


def verify_profile(args: argparse.Namespace, host, policy) -> int:
    from ucm_check.ci import evidence
    from ucm_check.profile.checking import check_file
    from ucm_check.files.atomic import replace_text
    from ucm_check.profile.reading import InvalidProfile, parse_text

    checked = check_file(args.target, host, as_of=args.as_of or dt.date.today())
    if checked.profile is None:
        for e in checked.errors:
            err(str(e))
        return exitcodes.INTERNAL if checked.internal else exitcodes.INVALID
    profile = checked.profile
    results = evidence.check_profile(profile)
    errors, warnings = evidence.errors_for(profile, results)
    code = exitcodes.OK
    if args.record:
        hashes = {(c.entry.rule, c.entry.index): c.sha256 for c in results if c.sha256 and c.sha256 != c.entry.sha256}
        if hashes:
            text = evidence.record(profile, hashes)
            try:
                parse_text(args.target, text, host.standards)
            except InvalidProfile as exc:  # cannot happen unless tomlkit changed more than the hashes
                for e in exc.errors:
                    err(str(e))
                return exitcodes.INTERNAL
            try:
                replace_text(args.target, text)  # keeps the profile's permissions, BOM and line endings
            except OSError as exc:
                err(f"{args.target}: 错误：{exc.strerror}；佐证材料的 SHA-256 未写入")
                return exitcodes.INVALID
            out(f"已把 {len(hashes)} 个佐证文件的 SHA-256 写入 {args.target}\n")
        errors = [e for e in errors if "SHA-256" not in e.message]
        warnings = []
    for e in errors:
        err(str(e))
        code = exitcodes.INVALID
    for w in warnings:
        err(f"{w.file}:{w.line}:{w.column}: 提醒：{w.message}")
    claims = _claims(policy, profile, checked.result, args.target)
    for line in claims:
        err(line)
    lines = [f"{'✗' if c.problem else '✓'} {c.entry.rule}  {c.entry.path}  {c.sha256[:16] or '-'}" for c in results]
    total = len(results)
    bad = sum(1 for c in results if c.problem and not (args.record and "SHA-256" in c.problem))
    out("\n".join(lines) + ("\n" if lines else "")
        + f"佐证材料：{total} 个文件，{bad} 个有问题；缺少佐证的达标自评 {len(claims)} 项\n")
    if host.errors:
        for e in host.errors:
            err(str(e))
    return exitcodes.combine(code, exitcodes.THRESHOLD if claims else exitcodes.OK,
                             exitcodes.PLUGIN if host.errors else exitcodes.OK)


def verify_bundle(args: argparse.Namespace, host, policy) -> int:
    import json
    from decimal import Decimal

    import attrs

    from ucm_check.ci import bundle
    from ucm_check.ci import evidence
    from ucm_check.profile.checking import score
    from ucm_check.files.inputs import decode, number_problem
    from ucm_check.profile.reading import InvalidProfile, ProfileError, parse_text

    manifest, files, problems = bundle.verify_zip(args.target)
    claims: list[str] = []
    if manifest is not None:
        name = str(manifest.get("profile", ""))
        if name not in files:
            problems.append(ProfileError(args.target, 0, 0, f"清单中的档案 “{name}” 不在压缩包中"))
        else:
            try:
                profile = parse_text(name, decode(name, files[name], "自评档案", InvalidProfile), host.standards)
            except InvalidProfile as exc:
                problems += [attrs.evolve(e, file=f"{args.target}!{e.file}") for e in exc.errors]
                profile = None
            if profile is not None:
                for items in evidence.entries(profile).values():
                    for e in items:
                        if e.path not in files:
                            problems.append(ProfileError(args.target, 0, 0, f"档案列出的佐证 “{e.path}”（{e.rule}）不在压缩包中"))
                        elif e.sha256 and bundle.sha256(files[e.path]) != e.sha256:
                            problems.append(ProfileError(args.target, 0, 0, f"佐证 “{e.path}”（{e.rule}）的 SHA-256 与档案记录不符"))
                try:
                    as_of = dt.date.fromisoformat(str(manifest.get("as_of")))
                    report = json.loads(files[bundle.REPORT_JSON].decode("utf-8"), parse_float=Decimal)
                    total = Decimal(str(report["profiles"][0]["total"]))
                    if number_problem(total):
                        raise ValueError(total)
                except (KeyError, ValueError, IndexError, TypeError, ArithmeticError, RecursionError):
                    problems.append(ProfileError(args.target, 0, 0, f"包内报告 {bundle.REPORT_JSON} 缺失或无法解析"))
                else:
                    result = score(profile, host, as_of=as_of)
                    if result.total != total:
                        problems.append(ProfileError(args.target, 0, 0, f"包内报告总分 {total} 与按档案重新评分的 {result.total} 不符"))
                    claims = _claims(policy, profile, result, f"{args.target}!{name}")
        plan = manifest.get("plan")
        if plan and plan not in files:
            problems.append(ProfileError(args.target, 0, 0, f"清单中的整改台账 “{plan}” 不在压缩包中"))
    for e in problems:
        err(str(e))
    for line in claims:
        err(line)
    if manifest is not None:
        out(f"提交包 {args.target}：{manifest.get('unit', '')}，评价日期 {manifest.get('as_of')}，"
            f"{len(files)} 个文件，{'校验通过' if not problems else f'{len(problems)} 处问题'}\n")
    return exitcodes.combine(exitcodes.INVALID if problems else exitcodes.OK,
                             exitcodes.THRESHOLD if claims else exitcodes.OK)


def run(args: argparse.Namespace) -> int:
    host = host_from_args(args)
    policy, problems = policy_or_errors(args.policy, host)
    if problems:
        for e in problems:
            err(str(e))
        return exitcodes.INVALID
    if args.target.lower().endswith(".zip"):
        if args.record:
            err("ucm-check verify: 用法错误：--record 只用于自评档案，不能改写提交包")
            return exitcodes.INVALID
        return verify_bundle(args, host, policy)
    if not os.path.exists(args.target):
        err(f"{args.target}: 错误：文件不存在")
        return exitcodes.INVALID
    return verify_profile(args, host, policy)
