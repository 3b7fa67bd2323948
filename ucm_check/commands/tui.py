"""``ucm-check tui [PROFILE]``: the guided self-check in the terminal.

Textual is imported only inside :func:`run`, so the other commands never pay for it.
"""

from __future__ import annotations

import argparse
import gc
import os
from pathlib import Path

from ucm_check.commands import exitcodes
from ucm_check.commands.common import add_as_of, add_host_arguments, err, host_from_args


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("profile", nargs="?", metavar="PROFILE",
                        help="要打开的自评档案；不存在时按模板新建；省略时列出当前文件夹和 profiles/ 中的档案")
    parser.add_argument("--lang", default="zh", choices=("zh", "en"), help="界面语言（默认 zh 中文）")
    add_as_of(parser)
    add_host_arguments(parser)


def run(args: argparse.Namespace) -> int:
    gc.disable()  # until the first screen is shown (ucm_check.tui.app.launch says why)
    try:
        return _run(args)
    finally:
        gc.enable()  # a refused profile returns before any screen


def _run(args: argparse.Namespace) -> int:
    from ucm_check.profile.reading import InvalidProfile, load_profile

    host = host_from_args(args)
    path, new_path = None, ""
    if args.profile:
        if os.path.exists(args.profile):
            try:
                load_profile(args.profile, host.standards)
            except InvalidProfile as exc:
                for problem in exc.errors:
                    err(str(problem))
                err("ucm-check: 档案有错误，请先修正后再用 tui 打开（ucm-check check 可复查）")
                return exitcodes.INVALID
            path = Path(args.profile)
        else:
            new_path = args.profile
    from ucm_check.tui.app import UcmApp, launch

    launch(UcmApp(host, path, lang=args.lang, new_path=new_path, as_of=args.as_of))
    return exitcodes.PLUGIN if host.errors else exitcodes.OK
