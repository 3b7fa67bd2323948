"""The 单位信息 screen: the unit's name, region, period and dates, and the 自评报告's own words.

Every field is explained in the clerk's words (:mod:`ucm_check.profile.editing.info`); no key is shown.
A value is committed when the clerk leaves the field (or saves), as in the questions: never the
text half typed. 主要做法和成效 is several paragraphs, one per line.
"""

from __future__ import annotations

import re
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from ucm_check.profile.editing import CLEARED
from ucm_check.profile.editing.info import FIELDS, PLACEHOLDER_NAME, InfoField
from ucm_check.tui.entry import parse_date
from ucm_check.tui.linebreak import Wrapped
from ucm_check.tui.screens import topbar, translate_bindings, update
from ucm_check.tui.textarea import TextArea

#: Control characters a pasted text may carry; TOML strings cannot hold them (tab and newline stay).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def shown_text(info: InfoField, value: Any) -> str:
    """The stored value as the field shows it (the init placeholder name as empty)."""
    if value is None or (info.key == "name" and value == PLACEHOLDER_NAME):
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


class InfoBox(Vertical):
    """One unit-information field: label, explanation, input, and a line for what is wrong."""

    def __init__(self, info: InfoField, value: Any, tr) -> None:
        super().__init__(classes="info", id=f"info-{info.table}-{info.key}")
        self.info, self.value, self.tr = info, value, tr

    def compose(self) -> ComposeResult:
        info = self.info
        yield Static(info.label + ("（必填）" if info.required else ""), classes="question", markup=False)
        yield Static(Wrapped(info.explain), classes="hint", markup=False)
        text = shown_text(info, self.value)
        if info.kind == "paragraphs":
            yield TextArea(text, soft_wrap=True, show_line_numbers=False, classes="input paragraphs")
        else:
            yield Input(text, placeholder=f"如 {info.example}", compact=True, classes="input")
        yield Static("", classes="problem", markup=False)

    @property
    def text(self) -> str:
        if self.info.kind == "paragraphs":
            return self.query_one(TextArea).text
        return self.query_one(Input).value

    def parse(self) -> tuple[Any, str]:
        """(value or CLEARED, "") for the typed text, or (None, the reason it is not taken)."""
        raw = self.text
        text = _CONTROL.sub("", raw.replace("\r\n", "\n")).strip()
        if self.info.kind == "paragraphs":
            text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
        if not text:
            return (None, self.tr("info_required")) if self.info.required else (CLEARED, "")
        if self.info.kind == "date":
            day, problem = parse_date(text)
            return (None, self.tr(problem) if problem.startswith("bad_") else problem) if problem else (day, "")
        return text, ""

    def kept(self) -> str:
        shown = shown_text(self.info, self.value)
        return self.tr("kept_value", value=shown or self.tr("unanswered"))

    def check_typing(self) -> None:
        value, problem = self.parse()
        self.show_problem(f"{problem}\n{self.kept()}" if problem else "")

    def show_problem(self, text: str) -> None:
        box = self.query_one(".problem", Static)
        box.update(text)
        self.set_class(bool(text), "-invalid")
        if text:
            self.call_after_refresh(box.scroll_visible, animate=False)

    def commit(self) -> None:
        """Leaving the field: a valid value (or an emptied optional field) is committed."""
        value, problem = self.parse()
        if problem:
            return
        new = None if value is CLEARED else value
        if new == self.value:
            return
        if new is None and self.value is None:
            return
        self.value = new
        self.app.answer(self.info.table, self.info.key, value)

    def refused(self) -> str | None:
        value, problem = self.parse()
        return self.text.strip() if problem else None

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.check_typing()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.check_typing()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.commit()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.commit()


class UnitScreen(Screen):
    """单位信息: the ``[unit]`` fields and the ``[report]`` fields of the open profile."""

    CSS_PATH = "unit.tcss"  # parsed when first shown, not with the app

    BINDINGS = [Binding("escape", "back", "back")]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self, self.app.tr)

    def compose(self) -> ComposeResult:
        app, tr = self.app, self.app.tr
        editor = app.session.editor
        unit = editor.profile.unit
        yield Static("", id="topbar", markup=False)  # the unit name and file name are the clerk's, never markup
        with VerticalScroll(id="info"):
            yield Static(tr("info_unit"), classes="section", markup=False)
            yield Static(Wrapped(tr("info_fixed", level=unit.get("level", ""), standard=editor.standard.title)),
                         classes="hint", markup=False)
            for info in FIELDS:
                if info.table == "report" and info.key == "title":
                    yield Static(tr("info_report"), classes="section", markup=False)
                yield InfoBox(info, editor.value(info.table, info.key), tr)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_scores()
        self.query(InfoBox).first().query_one(".input").focus()

    def refresh_scores(self) -> None:
        update(self.query_one("#topbar", Static), topbar(self.app))

    def settle_inputs(self) -> None:
        """Before the screen is left or saved: commit what is valid, remember what is not taken."""
        for box in self.query(InfoBox):
            box.commit()
            key, text = (box.info.table, box.info.key), box.refused()
            if text is None:
                self.app.refused.pop(key, None)
            else:
                self.app.refused[key] = (box.info.label, text)

    def action_back(self) -> None:
        self.settle_inputs()
        self.app.pop_screen()
