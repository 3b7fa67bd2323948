"""``ucm-check schema``: the JSON Schema of a standard's profiles."""

from __future__ import annotations

import argparse

from ucm_check.commands import exitcodes
from ucm_check.commands.common import add_host_arguments, host_from_args, out, standard_or_error


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--standard", help="评价标准编号（默认：随 ucm-check 内置的标准）")
    add_host_arguments(parser)


def run(args: argparse.Namespace) -> int:
    import json

    from ucm_check.profile.schema import json_schema

    host = host_from_args(args)
    standard = standard_or_error(host, args.standard)
    if standard is None:
        return exitcodes.INVALID
    out(json.dumps(json_schema(standard), ensure_ascii=False, indent=2) + "\n")
    return exitcodes.OK
