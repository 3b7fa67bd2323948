"""Helpers shared by the commands: building the plugin host from options, writing output."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from typing import TYPE_CHECKING, NoReturn

from ucm_check.engine.cache import build_host
from ucm_check.engine.host import GROUP, Host

if TYPE_CHECKING:
    from ucm_check.model import Standard
    from ucm_check.ci.policy import Policy
    from ucm_check.profile.reading import ProfileError


def add_host_arguments(parser: argparse.ArgumentParser) -> None:
    """Options every command that loads plugins accepts: where plugins come from, which to skip,
    and tailoring files applied on top of the standards."""
    group = parser.add_argument_group("插件与裁剪")
    group.add_argument("--no-entry-points", action="store_true", help="只加载内置插件，不加载已安装的插件包")
    group.add_argument("--plugins-dir", action="append", default=[], metavar="DIR",
                       help="从该目录加载零散的插件文件（*.py），可重复；环境变量 UCM_CHECK_PLUGINS_DIR 亦可")
    group.add_argument("--disable-plugin", action="append", default=[], metavar="NAME",
                       help="不加载该插件（插件名或发行包名，见 ucm-check plugins），可重复；环境变量 UCM_CHECK_DISABLE_PLUGINS 亦可（逗号分隔）")
    group.add_argument("--no-cache", action="store_true",
                       help="不使用已编译标准的缓存，每次重新加载插件（环境变量 UCM_CHECK_NO_CACHE=1 亦可）")
    group.add_argument("--tailoring", action="append", default=[], metavar="FILE",
                       help="裁剪文件（TOML）：停用规则、调整分值/档次/读法/期限或新增规则，可重复，按顺序叠加")


def _usage_error(message: str) -> NoReturn:
    err(f"ucm-check: 错误：{message}")
    raise SystemExit(2)


def host_from_args(args: argparse.Namespace) -> Host:
    """The plugin host the options describe, with tailoring applied.

    A missing plugin folder, a disabled name that matches no plugin, or an invalid tailoring file is
    a usage error: the messages go to stderr and the process exits with code 2. Plugins that fail
    are recorded in ``host.errors`` for the command to report (exit 3).
    """
    dirs = list(getattr(args, "plugins_dir", []) or [])
    for folder in dirs:
        if not os.path.isdir(folder):
            _usage_error(f"插件目录不存在：{folder}（--plugins-dir）")
    disabled = list(getattr(args, "disable_plugin", []) or [])
    host = build_host(entry_points=not getattr(args, "no_entry_points", False), plugin_dirs=dirs,
                      disabled=disabled, environment=True, cache=not getattr(args, "no_cache", False))
    unknown = [name for name in disabled if not _matches_disabled(host, name)]
    if unknown:
        import difflib

        names = [*host.plugins, *host.disabled]
        close = difflib.get_close_matches(unknown[0], names, n=1, cutoff=0.6)
        hint = f"，是否想写 “{close[0]}”？" if close else "（ucm-check plugins 列出插件名）"
        _usage_error(f"没有名为 “{unknown[0]}” 的插件可停用{hint}")
    tailoring = list(getattr(args, "tailoring", []) or [])
    if tailoring:
        from ucm_check.profile.tailoring import InvalidTailoring, apply_files

        try:
            host.use_standards(apply_files(tailoring, host.standards))
        except InvalidTailoring as exc:
            for problem in exc.errors:
                err(str(problem))
            raise InputRejected(exc.errors) from None
    return host


class InputRejected(SystemExit):
    """Exit 2 because a file the run itself depends on (a tailoring file) is invalid; the problems
    were printed and are kept in ``errors`` for a report that must still be one document."""

    def __init__(self, errors: list):
        super().__init__(2)
        self.errors = errors


def _matches_disabled(host: Host, name: str) -> bool:
    if name in host.disabled:
        return True
    from ucm_check.engine.entrypoints import scan

    normal = name.lower().replace("-", "_")
    return any(ep.dist.lower().replace("-", "_") == normal for ep in scan(GROUP))


def iso_date(text: str) -> dt.date:
    """An argparse type for ``2026-11-24`` with a Chinese message."""
    from ucm_check.dated.bounds import problem

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为日期，写作 2026-11-24，实际为 “{text}”") from None
    if problem(day):
        raise argparse.ArgumentTypeError(problem(day))
    return day


def add_as_of(parser: argparse.ArgumentParser,
              help: str = "按此日期评价（默认今天），用于整改逾期等与日期有关的判断") -> None:
    """The ``--as-of DATE`` option every date-aware command shares."""
    parser.add_argument("--as-of", type=iso_date, metavar="DATE", help=help)


def policy_or_errors(path: str | None, host: Host) -> tuple[Policy | None, list[ProfileError]]:
    """The policy file at ``path`` (None without one), or the problems that make it invalid."""
    if not path:
        return None, []
    from ucm_check.ci.policy import InvalidPolicy, load_policy

    try:
        return load_policy(path, host.standards), []
    except InvalidPolicy as exc:
        return None, exc.errors


def standard_or_error(host: Host, standard_id: str | None) -> Standard | None:
    """The standard ``standard_id`` (the builtin one when None), or None after telling the user which
    ones exist."""
    standard_id = standard_id or host.default_standard
    standard = host.standards.get(standard_id)
    if standard is None:
        err(f"ucm-check: 错误：未知的评价标准 “{standard_id}”；可用：{'、'.join(sorted(host.standards))}")
    return standard


def write_atomic(path: str, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (see :mod:`ucm_check.files.atomic`)."""
    from ucm_check.files.atomic import write_text

    write_text(path, text, encoding=encoding)


def out(text: str) -> None:
    """Write a report to stdout as UTF-8 whatever the console's encoding."""
    sys.stdout.buffer.write(text.encode("utf-8")) if hasattr(sys.stdout, "buffer") else sys.stdout.write(text)
    sys.stdout.flush()


def err(text: str) -> None:
    """Write a message to stderr as UTF-8."""
    data = text if text.endswith("\n") else text + "\n"
    sys.stderr.buffer.write(data.encode("utf-8")) if hasattr(sys.stderr, "buffer") else sys.stderr.write(data)
    sys.stderr.flush()
