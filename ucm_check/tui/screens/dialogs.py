"""Modal dialogs: a question with buttons, and the help screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class Confirm(ModalScreen[str]):
    """Ask a question; dismisses with the id of the button pressed, or ``"cancel"`` on escape."""

    BINDINGS = [
        Binding("escape", "dismiss('cancel')", show=False),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self, message: str, buttons: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.message, self.buttons = message, buttons

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.message, id="message")
            with Horizontal(id="buttons"):
                for ident, label, variant in self.buttons:
                    yield Button(label, id=ident, variant=variant)

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id)


class Help(ModalScreen[None]):
    """The keys of the screen underneath, in the UI language, and a few tips."""

    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss", show=False)]

    def __init__(self, below, tr) -> None:
        super().__init__()
        self.below, self.tr = below, tr

    def compose(self) -> ComposeResult:
        rows, seen = [], set()
        for key, active in self.below.active_bindings.items():
            binding = active.binding
            # the app's and the screen's own commands; widgets' keys (cursor, paging) speak for themselves
            if active.node not in (self.app, self.below) or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            shown = binding.key_display or self.app.get_key_display(binding)
            rows.append(f"{shown:<10}{binding.description}")
        with VerticalScroll(id="dialog"):
            yield Static(self.tr("help_title"), classes="title")
            yield Static("\n".join(rows), id="keys")
            yield Static(self.tr("help_tips"), id="tips")
            yield Static(self.tr("help_close"), classes="hint")
