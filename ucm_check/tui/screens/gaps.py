"""Every deduction across areas, sortable, with the unanswered rules listed apart."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ucm_check.numbers import ZERO, fmt
from ucm_check.tui.screens import topbar, translate_bindings

ORDERS = ("recoverable", "area", "clause")
#: Clicking a column header sorts by the order it stands for.
COLUMN_ORDER = {"points": "recoverable", "area": "area", "rule": "clause", "clause": "clause"}


class GapsScreen(Screen):
    """Deductions in one table (enter jumps to the question), unanswered rules in a second."""

    BINDINGS = [Binding("escape", "back", "back"), Binding("s", "cycle_order", "sort")]

    def __init__(self, order: str = "recoverable") -> None:
        super().__init__()
        self.order = order
        translate_bindings(self, self.app.tr)

    def compose(self) -> ComposeResult:
        tr = self.app.tr
        yield Static("", id="topbar")
        yield Static("", id="gaps-title", classes="section")
        gaps = DataTable(id="gaps", cursor_type="row", zebra_stripes=True)
        for key in ("points", "area", "rule", "clause", "observed"):
            gaps.add_column(tr(f"col_{key}"), key=key)
        yield gaps
        yield Static("", id="detail")
        yield Static("", id="unanswered-title", classes="section")
        open_ = DataTable(id="unanswered", cursor_type="row", zebra_stripes=True)
        for key in ("max", "area", "rule", "clause"):
            open_.add_column(tr(f"col_{key}"), key=key)
        yield open_
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_scores()
        self.query_one("#gaps", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_scores()

    def refresh_scores(self) -> None:
        session, tr = self.app.session, self.app.tr
        result = session.result
        gaps = result.gaps(self.order)
        self.query_one("#topbar", Static).update(topbar(self.app))
        recoverable = sum((g.recoverable for g in gaps), ZERO)
        self.query_one("#gaps-title", Static).update(
            tr("gaps_title", count=len(gaps), order=tr(f"order_{self.order}"), points=fmt(recoverable))
            if gaps else tr("no_gaps"))
        numbers = {a.area.id: a.area.number for a in result.areas}
        table = self.query_one("#gaps", DataTable)
        table.clear()
        for g in gaps:
            table.add_row(fmt(g.recoverable), numbers[g.area], f"{g.rule.code} {g.rule.title}",
                          g.rule.clause.path, g.observed, key=g.rule.code)
        unanswered = self.query_one("#unanswered", DataTable)
        unanswered.clear()
        for f in result.unanswered:
            unanswered.add_row(fmt(f.rule.max_points), numbers[f.area], f"{f.rule.code} {f.rule.title}",
                               f.rule.clause.path, key=f.rule.code)
        self.query_one("#unanswered-title", Static).update(
            tr("unanswered_title", count=len(result.unanswered), points=fmt(result.max_further_deduction)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Under the table: the highlighted rule's observed facts, any reading note, and its remedy."""
        finding = self.app.session.finding(event.row_key.value) if event.row_key.value else None
        if finding is None:
            return
        tr = self.app.tr
        lines = [f"{tr('col_observed')}：{finding.observed}"]
        if finding.note:
            lines.append(finding.note)
        lines.append(f"{tr('remedy')}：{finding.rule.remedy}")
        self.query_one("#detail", Static).update("\n".join(lines))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.goto_rule(event.row_key.value)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        if event.data_table.id == "gaps" and event.column_key.value in COLUMN_ORDER:
            self.set_order(COLUMN_ORDER[event.column_key.value])

    def set_order(self, order: str) -> None:
        self.order = order
        self.refresh_scores()

    def action_cycle_order(self) -> None:
        self.set_order(ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)])

    def action_back(self) -> None:
        self.app.pop_screen()
