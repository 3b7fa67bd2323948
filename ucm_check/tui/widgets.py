"""Widgets of the area walkthrough: one input per fact kind, and a card per rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Input, Select, SelectionList, Static, Switch
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist

from ucm_check.facts.kinds import kind
from ucm_check.profile.editing import CLEARED
from ucm_check.model import (
    AWARDED, COMPLIANT, DEDUCTED, DUE_SOON, MET_LATE, NOT_APPLICABLE, NOT_AWARDED, NOT_MET, OVERDUE, PENDING, UNANSWERED,
    Fact, Finding, Rule,
)
from ucm_check.numbers import fmt
from ucm_check.tui.entry import AMBIGUOUS, entry_text, parse_entry
from ucm_check.tui.linebreak import Wrapped

__all__ = ["BoolSwitch", "FactField", "RuleCard", "SubsetList", "entry_text", "parse_entry", "status_text"]


def typed(fact: Fact) -> bool:
    """True when the clerk types the answer (its kind's field is an input or a record list): the
    text is committed only when the clerk leaves the field."""
    return kind(fact.kind).widget in ("input", "records")


class BoolSwitch(Switch):
    """A switch answering a yes/no fact; y and n answer directly, delete clears."""

    BINDINGS = [
        Binding("y", "answer(True)", "是", show=False),
        Binding("n", "answer(False)", "否", show=False),
        Binding("delete,backspace", "answer(None)", "清除", show=False),
    ]

    def action_answer(self, value: bool | None) -> None:
        with self.prevent(Switch.Changed):
            self.value = bool(value)
        self.query_ancestor(FactField).commit(CLEARED if value is None else value)


class SubsetList(SelectionList[str]):
    """A multi-select answering a subset fact; delete makes it unanswered again. A ticked item
    shows an X in its box and an unticked one an empty box, so the two differ without colour."""

    BINDINGS = [Binding("delete,backspace", "clear_answer", "清除", show=False)]

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        if option.value in self._selected:
            return strip
        segments[1] = Segment(" " * len(segments[1].text), segments[1].style)
        return Strip(segments, strip.cell_length)

    def action_clear_answer(self) -> None:
        with self.prevent(SelectionList.SelectedChanged):
            self.deselect_all()
        self.query_ancestor(FactField).commit(CLEARED)


class FactField(Vertical):
    """One question (a fact) with the input its kind needs and a line for validation messages."""

    class Answered(Message):
        """A valid answer (or CLEARED) for ``area``.``key``."""

        def __init__(self, area: str, key: str, value: Any) -> None:
            super().__init__()
            self.area, self.key, self.value = area, key, value

    def __init__(self, area: str, fact: Fact, value: Any, tr, lang: str) -> None:
        super().__init__(classes="fact", id=f"fact-{area}-{fact.key}")
        self.area, self.fact, self.value, self.tr, self.lang = area, fact, value, tr, lang

    @property
    def label(self) -> str:
        fact = self.fact
        label = fact.label_en if self.lang == "en" and fact.label_en else fact.label
        # "项（次）数" already names its unit: no "项（次）数（项（次））"
        return f"{label}（{fact.unit}）" if fact.kind == "count" and fact.unit and fact.unit not in label else label

    def compose(self) -> ComposeResult:
        fact, tr, value = self.fact, self.tr, self.value
        widget = kind(fact.kind).widget  # each kind names its field (ucm_check.facts)
        hint = ""
        yield Static(Wrapped(self.label), classes="question", markup=False)
        with Horizontal(classes="answer"):
            if widget == "switch":
                yield BoolSwitch(value=bool(value), classes="input")
            elif widget == "select":
                options = [(o, o) for o in fact.options]
                yield Select(options, prompt=tr("select_prompt"), value=value if value is not None else Select.NULL,
                             compact=True, classes="input")
            elif widget == "checklist":
                chosen = set(value or ())
                yield SubsetList(*[(o, o, o in chosen) for o in fact.options], compact=True, classes="input")
                hint = tr("subset_hint")
            elif widget == "records" and getattr(value, "legacy", None) is None:
                from ucm_check.tui.records import RecordList

                yield RecordList(entry_text(fact, value), fact.options[0] if fact.options else "year")
            else:
                placeholder = tr(f"input_{fact.kind}")
                yield Input(entry_text(fact, value), placeholder=placeholder, compact=True, classes="input")
            yield Static(self._state_text(), classes="state", markup=False)
        if hint:
            yield Static(hint, classes="hint", markup=False)
        yield Static("", classes="problem", markup=False)
        yield Static("", classes="warning", markup=False)

    def _state_text(self) -> str:
        if self.value is None:
            return self.tr("unanswered")
        widget = kind(self.fact.kind).widget
        if widget == "switch":
            return self.tr("yes") if self.value else self.tr("no")
        if widget == "checklist":  # ticks differ only by colour: say it in words too
            return self.tr("subset_state", done=len(self.value), total=len(self.fact.options))
        return ""

    def _problem(self, text: str) -> None:
        box = self.query_one(".problem", Static)
        if str(box.render()) == text:
            return
        box.update(text)
        self.set_class(bool(text), "-invalid")
        if text:  # the last question of an area: its message would be below the screen's edge
            self.call_after_refresh(box.scroll_visible, animate=False)

    def commit(self, value: Any) -> None:
        """Accept a valid answer: update the state line and tell the screen (which re-scores)."""
        self._problem("")
        new = None if value is CLEARED else value
        if new == self.value and type(new) is type(self.value):
            return
        self.value = new
        self.query_one(".state", Static).update(self._state_text())
        self.post_message(self.Answered(self.area, self.fact.key, value))

    def on_switch_changed(self, event: Switch.Changed) -> None:
        event.stop()
        self.commit(event.value)

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.commit(CLEARED if event.value is Select.NULL else event.value)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        chosen = set(event.selection_list.selected)
        self.commit(tuple(o for o in self.fact.options if o in chosen))

    def on_input_changed(self, event: Input.Changed) -> None:
        """While typing nothing is committed: the text is only checked, and an invalid or emptied
        entry says which value still scores (the committed one, never a prefix of the typing)."""
        event.stop()
        self._check_typing(self.typed_text())

    def on_record_list_changed(self, event) -> None:
        event.stop()
        self._check_typing(self.typed_text())

    def typed_text(self) -> str:
        """What stands in the field now: the input's text, or a record list's rows as one line."""
        if self.query(".records"):
            return self.query_one(".records").text
        return self.query_one(Input).value

    def on_descendant_blur(self, event) -> None:
        if self.query(".records"):  # a record list is left when the focus goes outside it, not between its rows
            self.call_after_refresh(self._left_records)

    def _left_records(self) -> None:
        if not self.is_attached or not self.query(".records"):  # the screen was left meanwhile: it settled them
            return
        focused = self.app.focused
        if focused is None or not any(a is self for a in focused.ancestors_with_self):
            self._settle(None)

    def _check_typing(self, text: str) -> None:
        value, problem = parse_entry(self.fact, text)
        if value is CLEARED:
            self._problem(self.tr("empty_pending", value=self.kept_text()) if self.value is not None else "")
        elif problem == AMBIGUOUS:
            self._problem(self.tr("percent_ask", value=fmt(value), fraction=fmt(value * 100)))
        elif problem:
            text = self.tr(problem) if problem.startswith("bad_") else problem
            self._problem(f"{text}\n{self.tr('kept_value', value=self.kept_text())}")
        else:
            self._problem("")

    def kept_text(self) -> str:
        """What scores while the typed text is not taken: the committed value as the clerk wrote it."""
        if self.value is None:
            return self.tr("unanswered")
        return entry_text(self.fact, self.value) + ("%" if self.fact.kind == "percent" else "")

    def on_input_blurred(self, event: Input.Blurred) -> None:
        event.stop()
        if not self.query(".records"):
            self._settle(event.input)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._settle(event.input)

    def refused(self) -> str | None:
        """The typed text when it is not taken (invalid, or a percent still to be asked about), else None."""
        if not typed(self.fact):
            return None
        text = self.typed_text()
        value, problem = parse_entry(self.fact, text)
        return text.strip() if problem else None

    def settle_on_leaving(self) -> None:
        """The screen is being left or saved (no blur may follow): a valid typed value is committed
        now and an emptied field unanswers its question; invalid text is left as it is, not taken."""
        if not typed(self.fact):
            return
        value, problem = parse_entry(self.fact, self.typed_text())
        if problem:
            return
        if value is CLEARED and self.value is None:
            return
        self._problem("")
        new = None if value is CLEARED else value
        if new == self.value and type(new) is type(self.value):
            return
        self.value = new
        self.query_one(".state", Static).update(self._state_text())
        self.app.answer(self.area, self.fact.key, value)

    def _settle(self, box: Input) -> None:
        """Leaving the field (tab, enter): a valid value is committed, an emptied field unanswers
        the question, and a percent of 1 or less asks whether it is that percent or a fraction
        (0.85 = 85%). Invalid text is not taken: the message keeps saying what still scores."""
        value, problem = parse_entry(self.fact, self.typed_text())
        if value is CLEARED:
            if self.value is not None:
                self.commit(CLEARED)
        elif problem == AMBIGUOUS:
            if not getattr(self, "_asking", False):
                self._ask_percent(box, value)
        elif not problem:
            self.commit(value)

    def _ask_percent(self, box: Input, value) -> None:
        from ucm_check.tui.screens.dialogs import Confirm

        tr, fraction = self.tr, value * 100

        def chosen(answer: str | None) -> None:
            self._asking = False
            if answer == "fraction":
                with box.prevent(Input.Changed):
                    box.value = fmt(fraction)
                self.commit(fraction)
            elif answer == "percent":
                self.commit(value)

        self._asking = True
        self.app.push_screen(Confirm(tr("percent_question", label=self.label, value=fmt(value), fraction=fmt(fraction)), [
            ("percent", f"{fmt(value)}%", "default"), ("fraction", f"{fmt(fraction)}%", "primary"),
            ("cancel", tr("cancel"), "default")]), chosen)

    def warn(self, text: str) -> None:
        """A doubt about a committed answer that does not stop it (其中 more than the whole)."""
        box = self.query_one(".warning", Static)
        box.update(Wrapped(text))
        box.display = bool(text)

    def focus_input(self) -> None:
        self.query_one(".input").focus()


def status_text(finding: Finding | None, tr, *, bonus: bool = False, area_error: str = "",
                scored: bool = True, as_of: dt.date | None = None) -> tuple[str, str]:
    """(text, css class) saying what a rule currently costs or awards; for a standard without
    points (``scored`` False), its status in words and dates as of ``as_of``, never points."""
    if finding is None:
        return tr("st_error", error=area_error), "-error"
    points = fmt(finding.points)
    status = finding.status
    if not scored:
        return duty_status_text(finding, tr, as_of or dt.date.today())
    if status == DEDUCTED:
        return tr("st_deducted", points=points), "-deducted"
    if status == COMPLIANT:
        return tr("st_compliant"), "-ok"
    if status == AWARDED:
        return tr("st_awarded", points=points), "-ok"
    if status == NOT_AWARDED:
        return tr("st_not_awarded"), "-neutral"
    if status == UNANSWERED:
        key = "st_unanswered_bonus" if bonus else "st_unanswered"
        return tr(key, points=fmt(finding.rule.max_points)), "-unanswered"
    if status == NOT_APPLICABLE:
        return tr("st_na", reason=finding.note), "-na"
    dated = {PENDING: "-neutral", DUE_SOON: "-unanswered", OVERDUE: "-deducted", NOT_MET: "-deducted",
             MET_LATE: "-unanswered"}
    if status in dated:
        return tr(f"st_{status}"), dated[status]
    return status, "-error"


def duty_status_text(finding: Finding, tr, as_of: dt.date) -> tuple[str, str]:
    """A dated duty's status in words and dates: 逾期 N 天, 将到期, 未到期, 未落实, 已落实, 逾期完成."""
    status, due = finding.status, finding.due
    days = None if due is None else (due - as_of).days
    if status == COMPLIANT:
        return tr("st_met"), "-ok"
    if status == MET_LATE and due is not None:  # how late: in the note below
        return tr("st_met_late_days", due=due.isoformat()), "-unanswered"
    if status == UNANSWERED:
        return tr("st_unanswered_duty"), "-unanswered"
    if status == NOT_APPLICABLE:
        return tr("st_na", reason=finding.note), "-na"
    if status == OVERDUE and days is not None:
        return tr("st_overdue_days", days=-days, due=due.isoformat()), "-deducted"
    if status == DUE_SOON and days is not None:
        return tr("st_due_soon_days", days=days, due=due.isoformat()), "-unanswered"
    if status == PENDING and days is not None:
        return tr("st_pending_days", days=days, due=due.isoformat()), "-neutral"
    if status == NOT_MET:
        return tr("st_not_met_ongoing" if due is None else "st_not_met"), "-deducted"
    return status_text(finding, tr)


class RuleCard(Vertical):
    """A rule as a question: code, title, clause and the standard's text, its status, and its inputs."""

    def __init__(self, area: str, rule: Rule, fields: list[FactField], shared: list[Fact], tr, *, bonus: bool = False,
                 scored: bool = True, as_of: dt.date | None = None) -> None:
        super().__init__(classes="rule", id=f"rule-{rule.code}")
        self.area, self.rule, self.fields, self.shared, self.tr, self.bonus = area, rule, fields, shared, tr, bonus
        self.scored, self.as_of = scored, as_of
        self._shown: tuple[str, str, str] | None = None

    def compose(self) -> ComposeResult:
        rule = self.rule
        with Horizontal(classes="rule-head"):
            yield Static(f"{rule.code}  {rule.title}", classes="rule-title", markup=False)
            yield Static("", classes="status", markup=False)
        yield Static(Wrapped(str(rule.clause)), classes="clause", markup=False)
        yield Static(Wrapped(rule.text), classes="text", markup=False)
        yield Static("", classes="note", markup=False)
        yield from self.fields
        for fact in self.shared:
            yield Static(self.tr("shared_fact", label=fact.label), classes="shared", markup=False)

    def show(self, finding: Finding | None, area_error: str = "") -> None:
        text, kind = status_text(finding, self.tr, bonus=self.bonus, area_error=area_error,
                                 scored=self.scored, as_of=self.as_of)
        note = finding.note if finding is not None and finding.status != NOT_APPLICABLE else ""
        if (text, kind, note) == self._shown:
            return  # an unchanged card costs no restyle or relayout: keeps re-scoring within a frame
        self._shown = (text, kind, note)
        status = self.query_one(".status", Static)
        status.update(text)
        for cls in ("-deducted", "-ok", "-neutral", "-unanswered", "-na", "-error"):
            status.set_class(cls == kind, cls)
        self.query_one(".note", Static).update(Wrapped(note))
        self.query_one(".note", Static).display = bool(note)

    def focus_first(self) -> None:
        if self.fields:
            self.fields[0].focus_input()
        else:
            self.focus()
