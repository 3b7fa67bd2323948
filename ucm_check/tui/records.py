"""The record-list editor: a recurring report's record as one row per period (period, date filed),
rows added and removed, at any width. It stands in for the one-line ``2025=2025-12-12；...`` input
and speaks the same text to its question (:attr:`RecordList.text`), so the question's rules apply:
nothing is committed until the clerk leaves the list (or saves), dates are read by the questions'
one date reader (:func:`ucm_check.dated.periods.record_dates`).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Static

#: A period key as the clerk writes it, per report kind (the placeholder of a new row).
EXAMPLES = {"year": "2026", "quarter": "2026-Q3", "month": "2026-10"}


class RecordRow(Horizontal):
    """One period and the day its report was filed; a button removes the row."""

    def __init__(self, period: str, day: str, kind: str) -> None:
        super().__init__(classes="record")
        self.period, self.day, self.kind = period, day, kind

    def compose(self) -> ComposeResult:
        yield Input(self.period, placeholder=f"期间，如 {EXAMPLES.get(self.kind, '2026')}", compact=True, classes="r-period")
        yield Static("报送于", classes="r-label", markup=False)
        yield Input(self.day, placeholder="日期，如 2026-12-10", compact=True, classes="r-date")
        yield Button("删除", compact=True, classes="r-remove")

    def pair(self) -> tuple[str, str]:
        return self.query_one(".r-period", Input).value.strip(), self.query_one(".r-date", Input).value.strip()


class RecordList(Vertical):
    """The rows of one record; :attr:`text` is the record in the one-line form the question reads."""

    class Changed(Message):
        """A row was added or removed (typing in a row sends the input's own Changed)."""

    DEFAULT_CSS = """
    RecordList { height: auto; width: 1fr; }
    RecordList .r-rows { height: auto; }
    RecordList .record { height: 1; }
    RecordList .r-period { width: 14; }
    RecordList .r-label { width: auto; padding: 0 1; }
    RecordList .r-date { width: 20; }
    RecordList .r-remove { margin-left: 2; }
    RecordList .r-add { margin-top: 0; }
    RecordList .r-none { color: $text-muted; height: auto; }
    """

    def __init__(self, entry: str, kind: str) -> None:
        super().__init__(classes="input records")
        self.kind = kind
        self.rows: list[tuple[str, str]] = []
        self.since = ""
        for part in filter(None, (p.strip() for p in entry.split("；"))) if entry not in ("", "无") else ():
            key, _, day = part.partition("=")
            if key == "since":
                self.since = day
            else:
                self.rows.append((key, day))

    def compose(self) -> ComposeResult:
        yield Static("尚无报送记录（从未报送）；按下面的按钮添加一期", classes="r-none", markup=False)
        with Vertical(classes="r-rows"):
            for period, day in self.rows:
                yield RecordRow(period, day, self.kind)
        yield Button("添加一期", compact=True, classes="r-add")

    def on_mount(self) -> None:
        self.query_one(".r-none").display = not self.rows

    @property
    def text(self) -> str:
        """``since=…；2025=2025-12-12；…`` (blank rows left out), ``无`` with no rows, ``""`` never
        touched and empty (unanswered)."""
        pairs = [row.pair() for row in self.query(RecordRow)]
        parts = ([f"since={self.since}"] if self.since else []) + [f"{p}={d}" for p, d in pairs if p or d]
        if parts:
            return "；".join(parts)
        return "无" if self.has_class("-touched") else ""

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.add_class("-touched")
        if event.button.has_class("r-add"):
            row = RecordRow("", "", self.kind)
            await self.query_one(".r-rows").mount(row)
            row.query_one(".r-period", Input).focus()
        elif event.button.has_class("r-remove"):
            row = event.button.parent
            await row.remove()
            self.query_one(".r-add", Button).focus()
        self.query_one(".r-none").display = not self.query(RecordRow)
        self.post_message(self.Changed())

    def focus(self, scroll_visible: bool = True):
        first = self.query(Input).first() if self.query(Input) else self.query_one(".r-add", Button)
        first.focus(scroll_visible)
        return self
