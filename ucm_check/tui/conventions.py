"""The main TUI's conventions for the smaller TUIs (intake, assess): Chinese help on ``?`` / ``f1``,
a Chinese command palette listing the screen's own commands, ``^p 命令`` in the footer, and the
main TUI's Chinese line breaking (:mod:`ucm_check.tui.wrapping`: no line starts with 。 or ）, no
date, number, code or word is split).

Textual shows English system commands (Keys, Maximize, Screenshot) and an English palette
placeholder; :class:`ChineseApp` replaces them, so no English reaches a Chinese screen.
"""

from __future__ import annotations

from typing import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from ucm_check.tui import wrapping  # noqa: F401  (points Textual's line division at ours)


class Words(dict):
    """A fixed table of UI words, called like :class:`~ucm_check.tui.strings.Strings`."""

    def __call__(self, key: str, **values) -> str:
        return self[key].format(**values) if values else self[key]


class ChineseApp(App):
    """An app whose help, palette and footer speak Chinese; subclasses set :attr:`HELP_TIPS`."""

    tr = Words(palette_none="没有匹配的命令")
    """The words the shared palette asks for."""
    HELP_TIPS = ""
    """A few lines for the help screen under the keys (what the screen shows, how to move)."""
    CHINESE_LINE_BREAKING = True
    """Wrap by :func:`ucm_check.tui.linebreak.break_offsets` (see :mod:`ucm_check.tui.wrapping`)."""
    BINDINGS = [
        Binding("question_mark,f1", "help", "帮助", key_display="?"),
        Binding("ctrl+p", "command_palette", "命令", show=False, priority=True),
    ]

    def action_help(self) -> None:
        from ucm_check.tui.screens.dialogs import Help

        if not isinstance(self.screen, Help):
            words = Words(help_title="帮助：按键", help_tips=self.HELP_TIPS, help_close="按 esc 关闭")
            self.push_screen(Help(self.screen, words))

    def action_command_palette(self) -> None:
        from ucm_check.tui.app import Palette

        if not CommandPalette.is_open(self):
            self.push_screen(Palette(placeholder="输入以搜索命令，如 退出、帮助", id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The screen's own keys as Chinese commands (never Textual's English ones)."""
        seen = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            # the app's and the screen's commands; widgets' keys (cursor, copy) are English and speak for themselves
            if active.node not in (self, screen) or not binding.description or binding.action in seen \
                    or binding.action == "command_palette":
                continue
            seen.add(binding.action)
            shown = binding.key_display or self.get_key_display(binding)
            yield SystemCommand(binding.description, f"按键 {shown}",
                                lambda node=active.node, action=binding.action: self.run_action(action, node))
