"""Export from where the clerk is: a chooser over :data:`ucm_check.exports.EXPORTS`, and the run.

The profile is saved first when it has unsaved edits (or the clerk chooses to export the saved
file as it is); every export renders from the file on disk, as the CLI would.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


def kind_label(kind, tr) -> str:
    """The kind's name in the UI language."""
    return kind.label_en if tr.lang == "en" else kind.label


class ExportChooser(ModalScreen["str | None"]):
    """The export kinds, each with the file it writes; enter exports, escape closes."""

    CSS_PATH = "export.tcss"  # parsed when first shown, not with the app

    BINDINGS = [Binding("escape", "dismiss(None)", show=False)]

    def __init__(self, profile: Path, tr) -> None:
        super().__init__()
        self.profile, self.tr = profile, tr

    def compose(self) -> ComposeResult:
        from ucm_check.exports import EXPORTS

        with Vertical(id="dialog"):
            yield Static(self.tr("export_title"), classes="title", markup=False)
            yield OptionList(*[Option(f"{kind_label(k, self.tr)}\n  {k.target(self.profile).name}", id=k.id)
                               for k in EXPORTS], id="kinds")
            yield Static(self.tr("export_where", file=self.profile.name), classes="hint", markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


def start_export(app, kind_id: str) -> None:
    """Export ``kind_id`` for the open profile: unsaved edits ask save-first or use-the-saved-file."""
    from ucm_check.tui.screens.dialogs import Confirm

    editor, tr = app.session.editor, app.tr
    if not editor.dirty:
        run_export(app, kind_id)
        return

    def chosen(answer: str | None) -> None:
        if answer == "save":
            if app.save():
                run_export(app, kind_id)
            else:
                app.notify(tr("export_not_saved"), severity="warning")
        elif answer == "saved":
            run_export(app, kind_id)

    app.push_screen(Confirm(tr("export_unsaved", count=len(editor.edits)), [
        ("save", tr("save_then_export"), "primary"), ("saved", tr("export_saved_file"), "warning"),
        ("cancel", tr("cancel"), "default")]), chosen)


def run_export(app, kind_id: str) -> Path | None:
    """Write the export beside the saved profile and show its path; None (and a message) on failure."""
    from ucm_check.exports import ExportFailed, export, kind, load_source

    tr = app.tr
    try:
        path = export(kind(kind_id), load_source(app.session.editor.path, app.host, app.session.today))
    except ExportFailed as exc:
        app.notify(str(exc), title=tr("export_failed"), severity="error", timeout=15)
        return None
    app.notify(tr("exported", path=path.resolve()), timeout=15)  # the full path, as the chooser promises
    delivered = getattr(app, "on_exported", None)  # ucm-check serve: the browser downloads it too
    if delivered is not None:
        delivered(path)
    reload = getattr(app.screen, "reload_plan", None)  # the timetable shows the plan the export updated
    if reload is not None:
        reload()
    return path
