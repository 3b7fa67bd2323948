"""``ucm-check check PROFILE...``: score profiles and print a report."""

from __future__ import annotations

import argparse
from decimal import Decimal, InvalidOperation

from ucm_check import exitcodes
from ucm_check.commands.common import add_host_arguments, err, host_from_args, out


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"应为数字，实际为 {text!r}") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("profiles", nargs="+", metavar="PROFILE", help="自评档案（TOML）")
    parser.add_argument("--format", default="text", choices=("text", "json"), help="报告格式（默认 text）")
    parser.add_argument("--min-score", type=_decimal, metavar="N",
                        help="总分低于 N 时以退出码 1 失败；评价不完整时按最低可能得分判断")
    parser.add_argument("--sort", default="recoverable", choices=("recoverable", "area", "clause"),
                        help="扣分项排序：可挽回分值（默认）、区域、条款")
    add_host_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from ucm_check.checking import check_file
    from ucm_check.numbers import fmt

    host = host_from_args(args)
    checked = [check_file(path, host) for path in args.profiles]
    codes = []
    gates = []
    for item in checked:
        for problem in item.errors:
            err(str(problem))
        if item.errors:
            codes.append(exitcodes.INVALID)
        if item.result is not None and args.min_score is not None:
            r = item.result
            basis = r.total if r.complete else r.lowest_total
            passed = basis >= args.min_score
            gates.append({"file": item.file, "gate": "min_score", "threshold": args.min_score,
                          "value": basis, "passed": passed})
            if not passed:
                codes.append(exitcodes.THRESHOLD)
                what = "总分" if r.complete else "评价不完整，最低可能得分"
                err(f"{item.file}: 未通过：{what} {fmt(basis)} 低于 --min-score {fmt(args.min_score)}"
                    f"（差 {fmt(args.min_score - basis)} 分）")
    for problem in host.errors:
        err(str(problem))
    if host.errors:
        codes.append(exitcodes.PLUGIN)
    code = exitcodes.combine(*codes)
    if args.format == "json":
        from ucm_check.numbers import json_number
        from ucm_check.report import json as jr

        profiles = [jr.profile_dict(c.result) if c.result else jr.invalid_dict(c.file, c.errors) for c in checked]
        gate_dicts = [dict(g, threshold=json_number(g["threshold"]), value=json_number(g["value"])) for g in gates]
        import sys

        rules = jr.rules_of(c.result for c in checked if c.result)
        doc = jr.document(profiles, exit_code=code, plugin_errors=host.errors, gates=gate_dicts, rules=rules)
        out(jr.dumps(doc, pretty=sys.stdout.isatty()) + "\n")
    else:
        from ucm_check.report.text import render

        out("\n".join(render(c.result, order=args.sort) for c in checked if c.result))
    return code
