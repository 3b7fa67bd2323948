"""The ucm-check Textual app: opens a profile, routes answers to the engine, saves safely.

Commands are declared once as bindings with ids (``save``, ``gaps`` ...); the footer, the help
screen and the command palette all show them in the UI language.
"""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path
from typing import Any, Iterable

from rich.align import Align
from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hits
from textual.screen import Screen
from textual.system_commands import SystemCommandsProvider
from textual.timer import Timer
from textual.widgets.option_list import Option

from ucm_check.profile.editing import Editor, FileChanged, ReadOnly, SaveError, read_only
from ucm_check.engine.host import Host
from ucm_check.profile.reading import InvalidProfile
from ucm_check.tui.screens import translate_bindings
from ucm_check.tui.session import Session
from ucm_check.tui.strings import Strings
from ucm_check.tui.typeahead import TypeAhead

#: Seconds between an answer and the draft that keeps it safe from a crash.
DRAFT_DELAY = 1.0


def launch(app: App, **options: Any) -> Any:
    """Run ``app`` as ``ucm-check tui`` does (``options`` go to :meth:`App.run`).

    Start-up builds objects that live until the process ends (modules, plugin host, standard,
    Textual's widgets) and hardly any garbage, so the garbage collector waits: the command turns it
    off on entry, and it stays off until the first screen is shown (:meth:`UcmApp.on_ready`); what
    was built before the app runs is frozen out of it for good. Otherwise its young collections and
    a full one that scans all of it fall before the first paint (about 20 and 40 ms of CPU here,
    issue 23), and the full ones after it and at exit scan it again.
    """
    gc.disable()
    gc.freeze()
    try:
        return app.run(**options)
    finally:
        gc.enable()  # an app that never showed a screen


class Palette(CommandPalette):
    """The command palette with its placeholder and "no matches" line in the UI language."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(self.app.tr("palette_none"), style="not bold")), disabled=True,
                    id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show)


class OrderedCommands(SystemCommandsProvider):
    """The app's commands, listed before any search in the order the app gives them (areas in the
    standard's order 一 … 十二, 加分), not sorted by their text as Textual's provider does."""

    async def discover(self) -> Hits:
        for title, help_text, callback, discover in self.app.get_system_commands(self.screen):
            if discover:
                yield DiscoveryHit(title, callback, help=help_text)


class UcmApp(App):
    """``ucm-check tui``: start screen, overview, area walkthrough, gaps, saving."""

    CSS_PATH = "ucm.tcss"
    TITLE = "ucm-check"
    CHINESE_LINE_BREAKING = True  # see ucm_check.tui.wrapping
    COMMANDS = {OrderedCommands}
    BINDINGS = [
        Binding("ctrl+s", "save", "save", priority=True, id="save"),
        Binding("g", "gaps", "gaps", id="gaps"),
        Binding("t", "timetable", "timetable", id="timetable"),
        Binding("question_mark,f1", "help", "help", key_display="?", id="help"),
        Binding("ctrl+p", "command_palette", "palette", show=False, priority=True, id="palette"),
        Binding("ctrl+q", "quit", "quit", priority=True, id="quit"),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(self, host: Host, path: Path | None = None, *, lang: str = "zh", new_path: str = "",
                 as_of: dt.date | None = None) -> None:
        super().__init__()
        self.host, self.path, self.new_path, self.as_of = host, path, new_path, as_of
        self.tr = Strings(lang)
        self.session: Session | None = None
        self.refused: dict[tuple[str, str], tuple[str, str]] = {}
        """(area, key) -> (question, typed text) of fields left with text that was not taken."""
        self._draft_timer: Timer | None = None
        self.typeahead = TypeAhead(self)
        translate_bindings(self, self.tr)

    async def on_event(self, event: events.Event) -> None:
        """Keys typed ahead wait their turn (:mod:`ucm_check.tui.typeahead`), then Textual handles them."""
        if isinstance(event, events.Key) and not event.is_forwarded and await self.typeahead.hold(event):
            return
        await super().on_event(event)

    def on_ready(self) -> None:
        """The first screen is shown: collect garbage again (:func:`launch` held it off)."""
        gc.enable()

    # opening ------------------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.path is not None:
            errors = self.open_profile(self.path)
            if errors:  # the command validated it first; this is a file changed in between
                from ucm_check.tui.screens.start import StartScreen

                self.push_screen(StartScreen())
                self.screen.call_after_refresh(self.screen.show_errors, str(self.path), errors)
            return
        # the start screen's widgets (Select, Input, Button ...) are imported only when it is shown
        from ucm_check.tui.screens.start import NewProfileScreen, StartScreen

        self.push_screen(StartScreen())
        if self.new_path:
            self.push_screen(NewProfileScreen(self.new_path))

    def refuse_path(self, path: Path) -> str:
        """Why the clerk may not open or create ``path`` here ('' when allowed); ``ucm-check serve``
        confines its sessions to the served folder (:class:`ucm_check.tui.web.WebApp`)."""
        return ""

    def open_profile(self, path: Path) -> list[str]:
        """Open ``path`` on the overview; returns Chinese error lines instead when it is invalid."""
        from ucm_check.tui.screens.overview import OverviewScreen

        try:
            editor = Editor.open(path, self.host.standards, view=True)
        except InvalidProfile as exc:
            return [str(e) for e in exc.errors]
        except ReadOnly as exc:
            return [str(exc)]
        self.session = Session(self.host, editor, self.as_of)
        if editor.read_only_reason:  # view mode: look, even answer, then save under another name
            self.notify(self.tr("view_mode", reason=editor.read_only_reason), severity="warning", timeout=15)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(OverviewScreen())
        self.call_later(self._offer_draft)
        return []

    def _offer_draft(self) -> None:
        """Ask whether to recover the draft of the profile just opened (pushed from the app itself:
        a dialog asked from the start list or the new-self-check form, which close on opening, would
        lose its answer with them)."""
        session = self.session
        draft = session.editor.read_draft() if session is not None else None
        if not draft:
            return
        from ucm_check.tui.screens.dialogs import Confirm  # only now: no dialog before the first screen

        tr = self.tr
        message = tr("draft_found", written=draft["written"].replace("T", " "), count=len(draft["edits"]),
                     stale=tr("draft_stale") if draft["stale"] else "")

        def chosen(answer: str | None) -> None:
            if self.session is not session:
                return
            if answer != "discard":  # escape recovers too: the next autosave would overwrite the draft
                count = session.editor.recover_draft()
                session.recovered = count > 0
                session.rescore()
                self._refresh()
                self.notify(tr("recovered", count=count))
            else:
                session.editor.discard_draft()

        self.push_screen(Confirm(message, [("recover", tr("recover"), "primary"), ("discard", tr("discard"), "error")]),
                         chosen)

    # answering ----------------------------------------------------------------------------------

    def answer(self, area: str, key: str, value: Any) -> None:
        """One valid answer from the walkthrough: re-score with the engine and refresh the screen."""
        self.session.set(area, key, value)
        self._refresh()
        if self._draft_timer is None:
            self._draft_timer = self.set_timer(DRAFT_DELAY, self.write_draft)

    def write_draft(self) -> None:
        self._draft_timer = None
        if self.session is None:
            return
        try:
            self.session.editor.write_draft()
        except OSError as exc:
            self.notify(self.tr("draft_failed", error=exc.strerror or exc), severity="warning")

    def _refresh(self) -> None:
        refresh = getattr(self.screen, "refresh_scores", None)
        if refresh is not None:
            refresh()

    # navigation ---------------------------------------------------------------------------------

    def _show(self, screen: Screen) -> None:
        """Show ``screen`` above the overview, replacing any other screen there; a question opened
        from the gap list goes above the gap list, so escape returns to it."""
        from ucm_check.tui.screens.area import AreaScreen
        from ucm_check.tui.screens.gaps import GapsScreen
        from ucm_check.tui.screens.overview import OverviewScreen

        getattr(self.screen, "settle_inputs", lambda: None)()  # an emptied field counts as left
        if isinstance(self.screen, OverviewScreen) or (isinstance(self.screen, GapsScreen) and isinstance(screen, AreaScreen)):
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    def _back_to(self, kind: type) -> bool:
        """Pop screens until one of ``kind`` is on top; False (nothing popped) when none is open."""
        if not any(isinstance(s, kind) for s in self.screen_stack):
            return False
        while not isinstance(self.screen, kind):
            self.pop_screen()
        return True

    def open_area(self, area_id: str, rule: str | None = None) -> None:
        from ucm_check.tui.screens.area import AreaScreen

        self._show(AreaScreen(area_id, rule))

    def goto_rule(self, code: str) -> None:
        area = self.session.area_of(code) if self.session else None
        if area is not None:
            self.open_area(area.id, code)

    def action_gaps(self, order: str = "recoverable") -> None:
        from ucm_check.tui.screens.gaps import GapsScreen

        if self.session is not None and self._back_to(GapsScreen):
            self.screen.set_order(order)
        elif self.session is not None:
            self._show(GapsScreen(order))

    def action_overview(self) -> None:
        from ucm_check.tui.screens.overview import OverviewScreen

        if self.session is not None:
            self._back_to(OverviewScreen)

    def action_timetable(self) -> None:
        if self.session is None:
            return
        try:
            from ucm_check.tui.timetable import TimetableScreen
        except ImportError:
            self.notify(self.tr("timetable_missing"), severity="warning")
            return
        from ucm_check.profile.editing import read_only
        from ucm_check.plan import plan_path_for

        reason = read_only(plan_path_for(self.session.editor.path))
        if reason:  # refused before any item is edited, not when the edit is saved
            self.notify(self.tr("timetable_failed", error=reason), severity="error", timeout=10)
            return
        try:
            screen = TimetableScreen(self.session.editor.path, self.saved_result(), self.as_of)
        except Exception as exc:  # another feature's screen: keep the self-check running
            self.notify(self.tr("timetable_failed", error=exc), severity="error")
            return
        if self.session.editor.dirty:
            self.notify(self.tr("timetable_uses_saved", count=len(self.session.editor.edits)), timeout=8)
        self._show(screen)

    def saved_result(self):
        """The result of the profile as saved on disk: the plan's gaps (``gap_closed``) are never
        worked out from edits that were not saved."""
        session = self.session
        if not session.editor.dirty:
            return session.result
        from ucm_check.profile.checking import check_file

        checked = check_file(str(session.editor.path), self.host, as_of=session.today)
        return checked.result if checked.result is not None else session.result

    def action_unit_info(self) -> None:
        """单位信息: the unit's fields and the 自评报告's own words."""
        from ucm_check.tui.screens.unit import UnitScreen

        if self.session is not None and not self._back_to(UnitScreen):
            self._show(UnitScreen())

    def action_export(self, kind_id: str = "") -> None:
        """Export ``kind_id`` (an id of :data:`ucm_check.exports.EXPORTS`), or choose one first."""
        from ucm_check.tui.screens.export import ExportChooser, start_export

        if self.session is None:
            return
        if kind_id:
            start_export(self, kind_id)
        else:
            self.push_screen(ExportChooser(self.session.editor.path, self.tr),
                             lambda chosen: chosen and start_export(self, chosen))

    def action_help(self) -> None:
        from ucm_check.tui.screens.dialogs import Help

        if not isinstance(self.screen, Help):
            self.push_screen(Help(self.screen, self.tr))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette(placeholder=self.tr("palette_placeholder"), id="--command-palette"))

    def action_help_quit(self) -> None:
        self.notify(self.tr("quit_hint"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "gaps", "timetable", "overview", "export", "unit_info") and self.session is None:
            return False  # hidden, not greyed: on the start list they would do nothing
        return True

    # saving and quitting ------------------------------------------------------------------------

    def action_save(self, then_quit: bool = False) -> None:
        own = getattr(self.screen, "action_save", None)
        if own is not None:  # a dialog with its own save (the timetable's item editor): ctrl+s saves that
            own()
            return
        self.save(then_quit=then_quit)

    def save(self, onto: str = "opened", *, then_quit: bool = False) -> bool:
        """Save the edits; a file changed on disk asks merge / overwrite / cancel first."""
        from ucm_check.tui.screens.dialogs import Confirm

        if self.session is None:
            return False
        editor, tr = self.session.editor, self.tr
        refused = self.settle_typing()
        if refused:
            then_quit = False  # the clerk is told what was not taken and can still correct it
        unchanged = not editor.dirty and onto == "opened" and not editor.disk_changed()
        if unchanged and (then_quit or not editor.read_only_reason):  # view mode: ctrl+s is 另存为, even unchanged
            self.notify(tr("nothing_to_save"))
            self.tell_refused(refused)
            if then_quit:
                self.exit(0)
            return True
        if editor.read_only_reason or read_only(editor.path):
            self.save_as(read_only(editor.path) or editor.read_only_reason)
            return False
        try:
            editor.save(onto=onto)
        except FileChanged:
            def chosen(answer: str | None) -> None:
                if answer == "disk":
                    self.merge(then_quit=then_quit)
                elif answer == "overwrite":
                    self.save(answer, then_quit=then_quit)

            self.push_screen(Confirm(tr("changed_on_disk", path=editor.path), [
                ("disk", tr("merge"), "primary"), ("overwrite", tr("overwrite"), "warning"),
                ("cancel", tr("cancel"), "default")]), chosen)
            return False
        except (SaveError, OSError) as exc:
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.notify(detail, title=tr("save_failed"), severity="error", timeout=10)
            return False
        self.session.recovered = False
        self.session.rescore()
        if onto in ("disk", "overwrite"):  # the file may now hold someone else's answers: show them
            reload = getattr(self.screen, "reload", None)
            if reload is not None:
                reload()
        self._refresh()
        self.notify(tr("saved", path=editor.path))
        self.tell_refused(refused)
        if then_quit:
            self.exit(0)
        return True

    def save_as(self, reason: str) -> None:
        """另存为: the file cannot be written; write the profile with the edits to a new file and
        go on there (the read-only file is left as it is)."""
        from ucm_check.tui.screens.dialogs import SaveAs

        editor, tr = self.session.editor, self.tr
        suggested = str(editor.path.with_name(f"{editor.path.stem}-副本.toml"))

        def chosen(target: str | None) -> None:
            if not target:
                return
            try:
                path = editor.save_as(target)
            except (SaveError, OSError) as exc:
                detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                self.notify(detail, title=tr("save_failed"), severity="error", timeout=10)
                return
            editor.edits.clear()
            self.open_profile(path)
            self.notify(tr("saved", path=path.resolve()))

        self.push_screen(SaveAs(reason, suggested, tr), chosen)

    def settle_typing(self) -> list[tuple[str, str]]:
        """Commit every valid value still being typed on the open screens (as leaving the field
        would) and return (question, text) of the fields whose text is not taken, including
        fields of screens already closed."""
        for screen in reversed(self.screen_stack):
            getattr(screen, "settle_inputs", lambda: None)()
        return list(self.refused.values())

    def refused_line(self, label: str, text: str) -> str:
        return self.tr("refused_field", label=label, text=text) if text else self.tr("refused_empty", label=label)

    def tell_refused(self, refused: list[tuple[str, str]]) -> None:
        """Name the fields whose typed text was not saved, with what was typed."""
        from ucm_check.tui.screens.dialogs import Confirm

        self.refused.clear()  # told once; text still in a field is found again at the next save
        if refused:  # a dialog, not a toast: the clerk must see every field, and a toast is gone in seconds
            fields = "\n".join(self.refused_line(label, text) for label, text in refused)
            self.push_screen(Confirm(self.tr("refused_fields", count=len(refused), fields=fields),
                                     [("ok", self.tr("understood"), "primary")]))

    def merge(self, *, then_quit: bool = False) -> None:
        """Write the edits into the file as it is on disk now; a value the other program changed
        too is asked about first, one at a time, showing both versions."""
        from ucm_check.profile import conflicts
        from ucm_check.tui.screens.dialogs import Confirm

        editor, tr = self.session.editor, self.tr
        try:
            found = conflicts.find(editor)
        except InvalidProfile:
            found = []  # the save itself reports what is wrong with the file on disk

        def ask(rest: list) -> None:
            if not rest:
                self.save("disk", then_quit=then_quit)
                return
            c = rest[0]
            label = c.fact.label_en if tr.lang == "en" and c.fact.label_en else c.fact.label
            mine, theirs = c.show(c.mine, tr("unanswered")), c.show(c.theirs, tr("unanswered"))

            def chosen(answer: str | None) -> None:
                if answer == "theirs":
                    editor.edits.pop((c.area, c.fact.key), None)
                if answer in ("mine", "theirs"):
                    ask(rest[1:])
                else:
                    self.notify(tr("merge_cancelled"), severity="warning")

            self.push_screen(Confirm(tr("conflict", label=label, mine=mine, theirs=theirs), [
                ("mine", tr("keep_mine"), "primary"), ("theirs", tr("keep_theirs"), "warning"),
                ("cancel", tr("cancel"), "default")]), chosen)

        ask(found)

    async def action_quit(self) -> None:
        from ucm_check.tui.screens.dialogs import Confirm

        refused = self.settle_typing() if self.session is not None else []
        if self.session is None or not (self.session.editor.dirty or refused):
            self.exit(0)
            return
        tr = self.tr
        if not self.session.editor.dirty:  # only text that was not taken: say so rather than lose it silently
            fields = "\n".join(self.refused_line(label, text) for label, text in refused)
            self.push_screen(Confirm(tr("refused_quit", count=len(refused), fields=fields), [
                ("discard", tr("discard_quit"), "error"), ("cancel", tr("cancel"), "default")]),
                lambda answer: answer == "discard" and self.exit(0))
            return

        def chosen(answer: str | None) -> None:
            if answer == "save":
                self.save(then_quit=True)
            elif answer == "discard":
                if self._draft_timer is not None:
                    self._draft_timer.stop()
                self.session.editor.edits.clear()
                self.session.editor.discard_draft()
                self.exit(0)

        self.push_screen(Confirm(tr("unsaved_quit", count=len(self.session.editor.edits)), [
            ("save", tr("save_quit"), "primary"), ("discard", tr("discard_quit"), "error"),
            ("cancel", tr("cancel"), "default")]), chosen)

    # command palette ----------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Chinese commands replace Textual's English system commands."""
        tr = self.tr
        if self.session is not None:
            yield SystemCommand(tr("save"), tr("cmd_save"), self.action_save)
            yield SystemCommand(tr("gaps_long"), tr("cmd_gaps"), self.action_gaps)
            for order in ("recoverable", "area", "clause"):
                yield SystemCommand(tr("cmd_sort", order=tr(f"order_{order}")), tr("cmd_gaps"),
                                    lambda order=order: self.action_gaps(order))
            yield SystemCommand(tr("overview"), tr("cmd_overview"), self.action_overview)
            yield SystemCommand(tr("unit_info"), tr("cmd_unit_info"), self.action_unit_info)
            yield SystemCommand(tr("timetable"), tr("cmd_timetable"), self.action_timetable)
            yield SystemCommand(tr("export_all"), tr("cmd_export"), self.action_export)
            from ucm_check.exports import EXPORTS
            from ucm_check.tui.screens.export import kind_label

            for kind in EXPORTS:
                yield SystemCommand(tr("export_cmd", label=kind_label(kind, tr)),
                                    tr("export_cmd_help", file=kind.target(self.session.editor.path).name),
                                    lambda k=kind.id: self.action_export(k))
            from ucm_check.tui.screens import area_name

            for area in self.session.standard.areas:
                yield SystemCommand(tr("goto_area", name=area_name(area, tr.lang, ". " if tr.lang == "en" else "、")), tr("cmd_area"),
                                    lambda a=area.id: self.open_area(a))
                for rule in area.rules:
                    yield SystemCommand(tr("goto_rule", code=rule.code, title=rule.title), tr("cmd_rule"),
                                        lambda c=rule.code: self.goto_rule(c))
        yield SystemCommand(tr("help"), tr("cmd_help"), self.action_help)
        yield SystemCommand(tr("quit"), tr("cmd_quit"), self.action_quit)
