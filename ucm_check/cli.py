"""The ``ucm-check`` command line. Headless: nothing here imports Textual.

Importing this module costs almost nothing (argparse is imported when a parser is built), so that
``ucm-check --version`` answers at about the speed of ``python -c pass``.
"""

from __future__ import annotations

import sys

from ucm_check import __version__

TYPE_CHECKING = False  # typing itself costs a few ms that --version does not need
if TYPE_CHECKING:
    import argparse
    from typing import Any, Sequence

#: Sub-command name -> (module, one-line Chinese help).
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("ucm_check.commands.check", "评分：检查一个或多个自评档案并输出报告"),
    "explain": ("ucm_check.commands.explain", "解释一条规则：条文、条款、分值、读法、整改和示例"),
    "plugins": ("ucm_check.commands.plugins", "列出已加载的插件、版本、钩子和状态"),
    "schema": ("ucm_check.commands.schema", "输出自评档案的 JSON Schema"),
    "init": ("ucm_check.commands.init", "生成带注释的空白自评档案模板"),
    "verify": ("ucm_check.commands.verify", "核对佐证材料（存在、在提交目录内、SHA-256）或提交包的完整性"),
    "bundle": ("ucm_check.commands.bundle", "把档案、整改台账、报告和佐证材料打包成可复现的 zip"),
    "tui": ("ucm_check.commands.tui", "交互式自评界面：逐条填写、实时评分、查看差距、安全保存"),
    "serve": ("ucm_check.commands.serve", "浏览器版：在内网为一个文件夹提供自评界面（令牌登录、审计日志；需 [web] 组件）"),
    "plan": ("ucm_check.commands.plan", "整改台账：把扣分项变成有牵头单位、时限和进度的整改事项，并导出"),
    "intake": ("ucm_check.commands.intake", "收件：按报送名册核收各单位提交包，核查、社会评价、排名和通报"),
    "report": ("ucm_check.commands.report", "自评报告：按党政机关公文格式（GB/T 9704）生成 Word 文件"),
    "letters": ("ucm_check.commands.letters", "责任书：按整改台账为每个责任单位生成一份 Word 责任书，供签字盖章"),
    "assess": ("ucm_check.commands.assess", "多单位月度考评：导入各来源得分、加权排名、红黑旗、问责、经费、走势"),
    "new-plugin": ("ucm_check.commands.new_plugin", "生成插件包骨架：pyproject、一条规则、示例档案和测试"),
}


def _columns() -> int:
    """The terminal's width as :func:`shutil.get_terminal_size` finds it (``COLUMNS``, then the
    terminal, else 80), without importing shutil and the archive modules it brings (about 3 ms)."""
    import os

    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse

    class Formatter(argparse.HelpFormatter):
        """argparse's formatter, sized once per run: argparse builds one per option it adds and
        each would ask shutil for the terminal size."""

        width: int | None = None

        def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                     width: int | None = None) -> None:
            if width is None:
                if Formatter.width is None:
                    Formatter.width = _columns() - 2  # as argparse does
                width = Formatter.width
            super().__init__(prog, indent_increment, max_help_position, width)

    class Parser(argparse.ArgumentParser):
        """argparse with usage errors in Chinese and exit code 2."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("formatter_class", Formatter)
            super().__init__(*args, **kwargs)

        def error(self, message: str) -> None:  # type: ignore[override]
            self.print_usage(sys.stderr)
            self.exit(2, f"{self.prog}: 用法错误：{message}\n")

    return Parser


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; only the command named in ``argv`` gets its options (and its module imported),
    so a ``check`` never pays for the imports of ``plan`` or ``tui``. Without ``argv``, all do."""
    chosen = None if argv is None else next((a for a in argv if a in COMMANDS), "")
    Parser = _parser_class()
    parser = Parser(prog="ucm-check", description="城市管理执法队伍“强基础转作风树形象”合规自评工具")
    parser.add_argument("--version", action="version", version=f"ucm-check {__version__}")
    parser.add_argument("--log-level", default="warning", choices=("debug", "info", "warning", "error"),
                        help="日志级别（日志写到标准错误输出）")
    parser.add_argument("--log-format", default="auto", choices=("auto", "json", "console"),
                        help="日志格式：auto 在终端用彩色文本，否则 JSON 行")
    import importlib

    # prog given: argparse would otherwise format the usage line (importing shutil) to derive it
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=Parser, prog="ucm-check")
    # A named command gets the only sub-parser (each costs a parser and its help formatter), unless
    # help is asked for before it, when the list of commands is shown.
    only = chosen if chosen and not _help_before(argv or (), chosen) else None
    for name, (module, help_text) in COMMANDS.items():
        if only and name != only:
            continue
        command = sub.add_parser(name, help=help_text, description=help_text)
        if chosen is None or chosen == name:
            importlib.import_module(module).add_arguments(command)
    return parser


def _help_before(argv: Sequence[str], command: str) -> bool:
    return any(a in ("-h", "--help") for a in argv[:list(argv).index(command)])


def frozen_default(argv: list[str]) -> list[str]:
    """The frozen program (PyInstaller) double-clicked opens the TUI's start screen on the current
    folder, and a ``.toml`` dropped on it opens that file; anything else is an ordinary command line."""
    if not getattr(sys, "frozen", False):
        return argv
    if not argv or (len(argv) == 1 and argv[0].lower().endswith(".toml")):
        return ["tui", *argv]
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    argv = frozen_default(list(sys.argv[1:] if argv is None else argv))
    if argv == ["--version"]:  # answered before argparse and the engine are imported
        sys.stdout.write(f"ucm-check {__version__}\n")
        return 0
    import importlib

    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    from ucm_check.engine import log
    from ucm_check.engine.guard import install_sigint

    log.configure(args.log_level, args.log_format)
    install_sigint()
    try:
        return importlib.import_module(COMMANDS[args.command][0]).run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug in ucm-check itself: say so plainly, keep the traceback for debug logs
        from ucm_check.files.atomic import SaveError

        if isinstance(exc, SaveError):  # a file could not be saved; nothing half-written is left
            sys.stderr.write(f"ucm-check: 错误：{exc}\n")
            return 2
        log.error("ucm_check.internal_error", error=repr(exc), exc_info=args.log_level == "debug")
        sys.stderr.write(f"ucm-check: 内部错误：{type(exc).__name__}: {exc}（请带上 --log-level debug 的输出报告此问题）\n")
        return 4


if __name__ == "__main__":
    raise SystemExit(main())
