"""The dialog that edits one 整改台账 item, and its small milestone form.

Nothing here guesses: a deadline move asks why (the 调整原因 line appears only then), closing an
item whose gap still shows in the self-check asks why and records it, and escape with typed
changes asks before throwing them away.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Select, Static

from ucm_check.plan import CLOSED, ONGOING, STATUSES, Item, Milestone
from ucm_check.plan.model import deadline_text
from ucm_check.tui.entry import parse_date as entry_date
from ucm_check.tui.linebreak import Wrapped
from ucm_check.tui.strings import Strings
from ucm_check.tui.textarea import TextArea

SEPARATORS = re.compile(r"[、，,；;]\s*")


def split_units(text: str) -> tuple[str, ...]:
    """``一中队、二中队`` (or commas) as a tuple, blanks dropped."""
    return tuple(p.strip() for p in SEPARATORS.split(text) if p.strip())


def parse_date(text: str) -> dt.date | None:
    """A date written 2026-12-10, 2026/12/10, 2026.12.10 or 2026年12月10日 (the questions' one date
    reader, :func:`ucm_check.tui.entry.parse_date`); None otherwise."""
    return entry_date(text)[0]


def date_problem(text: str, tr, *, ongoing: bool = False) -> str:
    """Why ``text`` is not a date (or 长期 where ``ongoing``), in the questions' words; "" when it is."""
    text = text.strip()
    if ongoing and text == ONGOING:
        return ""
    day, problem = entry_date(text)
    if day is not None:
        return ""
    return tr(problem) if problem.startswith("bad_") else problem


def parse_deadline(text: str) -> dt.date | str | None:
    """A date or 长期 from the dialog, None when it is neither."""
    text = text.strip()
    return ONGOING if text == ONGOING else parse_date(text)


def tr_of(app) -> Strings:
    """The app's UI language (Chinese when the screen runs in an app without one)."""
    return getattr(app, "tr", None) or Strings("zh")


class DoneBox(Checkbox):
    """完成 ticked shows an X in its box and unticked an empty box (not ▐X▌ both ways, told apart
    only by colour), as the multi-select questions do."""

    @property
    def _button(self):
        inner = self.BUTTON_INNER
        try:
            if not self.value:
                self.BUTTON_INNER = " "
            return super()._button
        finally:
            self.BUTTON_INNER = inner


class MilestoneRow(Horizontal):
    """One milestone: date, what, done; a button removes it."""

    def __init__(self, milestone: Milestone | None, tr) -> None:
        super().__init__(classes="milestone")
        self.milestone, self.tr = milestone, tr

    def compose(self) -> ComposeResult:
        m = self.milestone
        yield Input(m.date.isoformat() if m else "", placeholder="2026-12-10", compact=True, classes="m-date")
        yield Input(m.text if m else "", placeholder=self.tr("tt_m_text"), compact=True, classes="m-text")
        yield DoneBox(self.tr("tt_m_done"), m.done if m else False, compact=True, classes="m-done")
        yield Button(self.tr("tt_m_remove"), compact=True, classes="m-remove")

    def values(self) -> tuple[str, str, bool]:
        return (self.query_one(".m-date", Input).value.strip(), self.query_one(".m-text", Input).value.strip(),
                self.query_one(".m-done", Checkbox).value)


class ReasonDialog(ModalScreen["str | None"]):
    """Ask for a short reason (closing an item whose gap still shows); dismisses with it, or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", show=False)]

    def __init__(self, question: str, tr) -> None:
        super().__init__()
        self.question, self.tr = question, tr

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, markup=False)
            yield Input(id="reason-text", compact=True)
            yield Static("", id="reason-error", markup=False)
            with Horizontal(id="buttons"):
                yield Button(self.tr("tt_record_close"), id="ok", variant="primary")
                yield Button(self.tr("cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#reason-text", Input).focus()

    def _ok(self) -> None:
        text = self.query_one("#reason-text", Input).value.strip()
        if not text:
            self.query_one("#reason-error", Static).update(self.tr("tt_need_reason"))
            return
        self.dismiss(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._ok()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._ok() if event.button.id == "ok" else self.dismiss(None)


class ItemEditor(ModalScreen["Item | None"]):
    """Edit one item: units, person, deadline (a move needs a reason), milestones, status, evidence.

    Dismisses with the edited :class:`Item`, or None when cancelled. A hand-added item's problem is
    editable too; a generated item's problem comes from the self-check. ``gap_open`` says whether the
    item's gap still shows in the (saved) self-check: closing it then needs a reason.
    """

    BINDINGS = [Binding("escape", "cancel", "cancel"), Binding("ctrl+s", "save", "save", priority=True)]

    def __init__(self, item: Item, as_of: dt.date, *, new: bool = False, gap_open: bool = False) -> None:
        super().__init__()
        self.item, self.as_of, self.new, self.gap_open = item, as_of, new, gap_open
        self.tr = tr_of(self.app)
        self._initial: tuple = ()
        from ucm_check.tui.screens import translate_bindings

        translate_bindings(self, self.tr)

    def compose(self) -> ComposeResult:
        i, tr = self.item, self.tr
        with Vertical(id="editor"):
            with VerticalScroll(id="editor-fields"):
                yield Static(f"{tr('tt_new_item') if self.new else tr('tt_edit_item')}  {i.id}", id="editor-title", markup=False)
                if i.manual:
                    yield from self._field(tr("tt_problem"), Input(i.problem, id="problem"))
                else:
                    yield Static(Wrapped(i.problem), id="problem-text", markup=False)
                yield from self._field(tr("tt_lead"), Input(i.lead_unit, id="lead_unit"))
                yield from self._field(tr("tt_responsible"), Input("、".join(i.responsible_units), placeholder=tr("tt_several"), id="responsible_units"))
                yield from self._field(tr("tt_cooperating"), Input("、".join(i.cooperating_units), id="cooperating_units"))
                yield from self._field(tr("tt_person"), Input(i.person, id="person"))
                yield from self._field(tr("tt_deadline"), Input(deadline_text(i.deadline), placeholder=tr("tt_deadline_hint", ongoing=ONGOING), id="deadline"))
                yield from self._field(tr("tt_reason"), Input("", placeholder=tr("tt_reason_hint"), id="reason"), row_id="reason-row")
                yield from self._field(tr("tt_status"), Select([(s, s) for s in STATUSES], value=i.status, allow_blank=False, id="status"))
                yield from self._field(tr("tt_measures"), TextArea(i.measures, id="measures"))
                yield Static(tr("tt_milestones"), classes="section", markup=False)
                with Vertical(id="milestones"):
                    for m in i.milestones:
                        yield MilestoneRow(m, tr)
                yield Button(tr("tt_add_milestone"), id="add-milestone", compact=True)
                yield from self._field(tr("tt_evidence"), Input("、".join(i.evidence), placeholder=tr("tt_evidence_hint"), id="evidence"))
                yield from self._field(tr("tt_note"), Input(i.note, id="note"))
            # outside the scrolled fields: at 80x24 the errors and 保存/取消 stay on screen
            yield Static("", id="editor-errors", markup=False)
            with Horizontal(id="editor-buttons"):
                yield Button(tr("save"), id="save", variant="primary")
                yield Button(tr("cancel"), id="cancel")

    @staticmethod
    def _field(label: str, widget: Any, row_id: str | None = None):
        widget.compact = True
        with Horizontal(classes="field", id=row_id):
            yield Static(label, classes="label", markup=False)
            yield widget

    def on_mount(self) -> None:
        self.query_one("#reason-row").display = False
        self.query_one("#problem" if self.item.manual else "#lead_unit").focus()
        self.call_after_refresh(self._remember)

    def _remember(self) -> None:
        self._initial = self.form()

    def form(self) -> tuple:
        """Everything typed in the dialog, as text: what escape compares to know if anything changed."""
        inputs = tuple(w.value for w in self.query(Input) if w.id)
        rows = tuple(r.values() for r in self.query(MilestoneRow))
        return inputs + rows + (self.query_one("#status", Select).value, self.query_one("#measures", TextArea).text)

    # events ---------------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "deadline":  # 调整原因 is asked only when the deadline actually moves
            moved = not self.new and parse_deadline(event.value) not in (None, self.item.deadline)
            self.query_one("#reason-row").display = moved
        if event.input.id == "deadline" or event.input.has_class("m-date"):
            self.check_dates(leaving=False)

    def on_descendant_blur(self, event) -> None:
        self.check_dates(leaving=True)

    def check_dates(self, *, leaving: bool) -> None:
        """Say at once what is wrong with a date field (on leaving it), and clear the message as
        soon as every date is right: not only when ctrl+s is pressed."""
        box = self.query_one("#editor-errors", Static)
        errors = []
        deadline = self._value("deadline")
        if deadline and parse_deadline(deadline) is None:
            errors.append(self.tr("tt_bad_deadline", ongoing=ONGOING, value=deadline,
                                  why=date_problem(deadline, self.tr, ongoing=True)))
        errors += self.milestones()[1]
        if errors and not leaving and not box.has_class("-shown"):
            return  # while typing a first date, wait until the field is left
        box.update("\n".join(errors))
        box.set_class(bool(errors), "-shown")

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button
        if button.id == "save":
            self.action_save()
        elif button.id == "cancel":
            self.action_cancel()
        elif button.id == "add-milestone":
            row = MilestoneRow(None, self.tr)
            await self.query_one("#milestones").mount(row)
            row.query_one(".m-date", Input).focus()
        elif button.has_class("m-remove"):
            await button.parent.remove()

    def action_cancel(self) -> None:
        from ucm_check.tui.screens.dialogs import Confirm

        if not self._initial or self.form() == self._initial:
            self.dismiss(None)
            return
        tr = self.tr

        def chosen(answer: str | None) -> None:
            if answer == "discard":
                self.dismiss(None)
            elif answer == "save":
                self.action_save()

        self.app.push_screen(Confirm(tr("tt_discard_question"), [
            ("save", tr("save"), "primary"), ("discard", tr("tt_discard"), "error"),
            ("cancel", tr("tt_keep_editing"), "default")]), chosen)

    # result ---------------------------------------------------------------------------------

    def _value(self, ident: str) -> str:
        return self.query_one(f"#{ident}", Input).value.strip()

    def milestones(self) -> tuple[tuple[Milestone, ...], list[str]]:
        """The milestone rows as milestones (blank rows dropped), and what is wrong with the others."""
        found, errors = [], []
        for n, row in enumerate(self.query(MilestoneRow), start=1):
            date_text, text, done = row.values()
            if not date_text and not text:
                continue
            day = parse_date(date_text)
            if day is None:
                errors.append(self.tr("tt_bad_milestone", n=n, value=date_text, why=date_problem(date_text, self.tr)))
                continue
            found.append(Milestone(day, text, done))
        return tuple(sorted(found, key=lambda m: m.date)), errors

    def edited(self) -> tuple[Item | None, list[str]]:
        """The item as the form describes it, or None and the problems."""
        tr, errors = self.tr, []
        problem = self._value("problem") if self.item.manual else self.item.problem
        if not problem:
            errors.append(tr("tt_need_problem"))
        deadline = parse_deadline(self._value("deadline"))
        if deadline is None:
            errors.append(tr("tt_bad_deadline", ongoing=ONGOING, value=self._value("deadline"),
                             why=date_problem(self._value("deadline"), tr, ongoing=True)))
        milestones, bad = self.milestones()
        errors += bad
        item = attrs.evolve(
            self.item, problem=problem, lead_unit=self._value("lead_unit"),
            responsible_units=split_units(self._value("responsible_units")),
            cooperating_units=split_units(self._value("cooperating_units")), person=self._value("person"),
            status=self.query_one("#status", Select).value, measures=self.query_one("#measures", TextArea).text.strip(),
            milestones=milestones, evidence=split_units(self._value("evidence")), note=self._value("note"),
        )
        if deadline is not None and not self.new:
            try:
                item = item.reschedule(deadline, self._value("reason"), on=self.as_of)
            except ValueError:
                errors.append(tr("tt_need_move_reason", old=deadline_text(self.item.deadline)))
        elif deadline is not None:
            item = attrs.evolve(item, deadline=deadline)
        return (None, errors) if errors else (item, [])

    def action_save(self) -> None:
        item, errors = self.edited()
        if errors:
            box = self.query_one("#editor-errors", Static)
            box.update("\n".join(errors))
            box.add_class("-shown")
            self.call_after_refresh(box.scroll_visible, animate=False)  # below the fold at 80x24
            return
        if item.status == CLOSED and self.item.status != CLOSED and self.gap_open:
            self.ask_close_reason(item)
            return
        self.dismiss(item)

    def ask_close_reason(self, item: Item) -> None:
        """已销号 while the self-check still shows the gap: ask why, and keep the answer in the note."""
        tr = self.tr

        def chosen(reason: str | None) -> None:
            if reason:
                line = tr("tt_close_note", day=self.as_of.isoformat(), reason=reason)
                self.dismiss(attrs.evolve(item, note="；".join(p for p in (item.note, line) if p)))

        self.app.push_screen(ReasonDialog(tr("tt_close_question", id=item.id), tr), chosen)
