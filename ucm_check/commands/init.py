"""``ucm-check init PATH``: write a blank, commented profile for a unit level."""

from __future__ import annotations

import argparse
import os

from ucm_check.commands import exitcodes
from ucm_check.commands.common import add_host_arguments, err, host_from_args, out, standard_or_error, write_atomic


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="要写入的档案路径，如 my-county.toml")
    parser.add_argument("--level", default="县市区", help="单位层级（默认 县市区；湖南标准可选 设区市、自治州、县市区）")
    parser.add_argument("--standard", help="评价标准编号（默认：随 ucm-check 内置的标准）")
    parser.add_argument("--name", default="（请填写单位名称）", help="单位名称")
    parser.add_argument("--region", default="", help="所在地区")
    parser.add_argument("--period", default="", help="评价期间，如 2020")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    add_host_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from ucm_check.profile.template import render

    host = host_from_args(args)
    standard = standard_or_error(host, args.standard)
    if standard is None:
        return exitcodes.INVALID
    if args.level not in standard.levels:
        from ucm_check.engine.levels import did_you_mean, extra_tiers

        hint = did_you_mean(args.level, standard.levels, extra_tiers(host.standards.values()))
        err(f"ucm-check: 错误：单位层级应为以下之一：{'、'.join(standard.levels)}，实际为 “{args.level}”{hint}")
        return exitcodes.INVALID
    if os.path.exists(args.path) and not args.force:
        err(f"ucm-check: 错误：{args.path} 已存在；要覆盖请加 --force")
        return exitcodes.INVALID
    text = render(standard, level=args.level, name=args.name, region=args.region, period=args.period)
    write_atomic(args.path, text)
    out(f"已生成模板 {args.path}（{standard.id}，{args.level}）。填写后运行：ucm-check check {args.path}\n")
    return exitcodes.OK
