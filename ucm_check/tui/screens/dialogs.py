"""Modal dialogs: a question with buttons, and the help screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ucm_check.tui.linebreak import Wrapped


class Confirm(ModalScreen[str]):
    """Ask a question; dismisses with the id of the button pressed, or ``"cancel"`` on escape."""

    CSS_PATH = "dialogs.tcss"  # parsed when first shown, not with the app

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
            yield Static(self.message, id="message", markup=False)  # paths and values from files: plain text
            with Horizontal(id="buttons"):
                for ident, label, variant in self.buttons:
                    yield Button(label, id=ident, variant=variant)

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id)


class Help(ModalScreen[None]):
    """The keys of the screen underneath, in the UI language, and a few tips. Its look is its own
    (DEFAULT_CSS): the intake and assess apps use it without the main app's stylesheet."""

    DEFAULT_CSS = """
    Help { align: center middle; }
    Help #dialog {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        padding: 1 2;
        border: thick $primary;
        background: $surface;
    }
    Help .title { text-style: bold; margin-bottom: 1; }
    Help #tips { margin-top: 1; color: $text-muted; }
    Help .hint { margin-top: 1; color: $text-muted; }
    """

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
            yield Static(self.tr("help_title"), classes="title", markup=False)
            yield Static("\n".join(rows), id="keys", markup=False)
            yield Static(self.tr("help_tips"), id="tips", markup=False)
            yield Static(self.tr("help_close"), classes="hint", markup=False)


class SaveAs(ModalScreen["str | None"]):
    """另存为: why the file cannot be saved in place, and a new path (dismisses with it, or None)."""

    CSS_PATH = "dialogs.tcss"  # parsed when first shown, not with the app

    BINDINGS = [Binding("escape", "dismiss(None)", show=False)]

    def __init__(self, reason: str, suggested: str, tr) -> None:
        super().__init__()
        self.reason, self.suggested, self.tr = reason, suggested, tr

    def compose(self) -> ComposeResult:
        from textual.widgets import Input

        with Vertical(id="dialog"):
            yield Static(Wrapped(self.tr("save_as_why", reason=self.reason)), id="message", markup=False)
            yield Input(self.suggested, id="save-as-path", compact=True)
            yield Static("", id="save-as-error", markup=False)
            with Horizontal(id="buttons"):
                yield Button(self.tr("save_as"), id="ok", variant="primary")
                yield Button(self.tr("cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#save-as-path").focus()

    def _ok(self) -> None:
        from pathlib import Path

        from textual.widgets import Input

        raw = self.query_one("#save-as-path", Input).value.strip()
        path = Path(raw).expanduser()
        problem = ""
        if not raw or path.suffix != ".toml":
            problem = self.tr("need_path")
        elif path.exists():
            problem = self.tr("save_as_exists", path=raw)
        elif not path.resolve().parent.is_dir():
            problem = self.tr("no_folder", folder=str(path.parent))
        if problem:
            self.query_one("#save-as-error", Static).update(problem)
            return
        self.dismiss(raw)

    def on_input_submitted(self, event) -> None:
        event.stop()
        self._ok()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._ok() if event.button.id == "ok" else self.dismiss(None)
