"""The overview: total, deductions, bonus, completeness, and one bar per area."""

from __future__ import annotations

from decimal import Decimal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ucm_check.model import NOT_APPLICABLE, UNANSWERED
from ucm_check.numbers import fmt
from ucm_check.tui.screens import FILLED, bar, topbar, translate_bindings


class OverviewScreen(Screen):
    """The main screen of an open profile; enter (or a click) opens the area under the cursor."""

    BINDINGS = [Binding("enter", "open_area", "open_area")]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self, self.app.tr)

    def compose(self) -> ComposeResult:
        tr = self.app.tr
        yield Static("", id="topbar")
        yield Static("", id="summary")
        yield Static("", id="submission")
        table = DataTable(id="areas", cursor_type="row", zebra_stripes=True)
        table.add_column(tr("col_area"), key="area")
        table.add_column(tr("col_score"), key="score")
        table.add_column(tr("col_bar"), key="bar")
        table.add_column(tr("col_unanswered"), key="unanswered")
        table.add_column(tr("col_na"), key="na")
        yield table
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_scores()

    def on_screen_resume(self) -> None:
        self.refresh_scores()

    def refresh_scores(self) -> None:
        session, tr = self.app.session, self.app.tr
        result = session.result
        answered, total = session.completeness()
        self.query_one("#topbar", Static).update(topbar(self.app))
        lines = [
            tr("total_line", total=fmt(result.total), deducted=fmt(result.deducted), bonus=fmt(result.bonus)),
            tr("complete_line", answered=answered, total=total, unanswered=session.count(UNANSWERED),
               na=session.count(NOT_APPLICABLE)),
        ]
        if result.unanswered:
            lines.append(tr("lowest_line", lowest=fmt(result.lowest_total)))
        self.query_one("#summary", Static).update("\n".join(lines))
        self.show_submission(result)
        table = self.query_one("#areas", DataTable)
        row = table.cursor_row
        table.clear()
        en = self.app.tr.lang == "en"
        for ar in result.areas:
            area = ar.area
            title = area.title_en if en else area.title
            if area.max == 0:  # duties with dates, not points (Henan 2021): show how many are met
                applicable = [f for f in ar.findings if f.status != NOT_APPLICABLE]
                met = sum(1 for f in applicable if not f.is_gap and f.status != UNANSWERED)
                shown, filled = tr("met_count", met=met, total=len(applicable)), bar(Decimal(met), Decimal(len(applicable)), 16)
            else:
                score = f"{fmt(ar.score)}/{fmt(area.max)}"
                shown, filled = ("+" + score if area.bonus else score), bar(ar.score, area.max, 16)
            if ar.error:
                shown = "!"
            cells = filled.count(FILLED)
            drawn = Text.assemble((filled[:cells], "green"), (filled[cells:], "dim"))
            table.add_row(f"{area.number} {title}", shown, drawn,
                          str(ar.count(UNANSWERED)), str(ar.count(NOT_APPLICABLE)), key=area.id)
        table.move_cursor(row=min(row, table.row_count - 1))

    def show_submission(self, result) -> None:
        """The self-evaluation deadline's countdown or lateness on its own line (hidden when the
        standard sets none)."""
        line = self.query_one("#submission", Static)
        from ucm_check.dated.submission import shown

        countdown = shown(result)
        line.display = countdown is not None
        if countdown is not None:
            late = countdown.status in ("overdue", "submitted_late")
            line.update(Text(countdown.text, style="bold red" if late else ""))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_area(event.row_key.value)

    def action_open_area(self) -> None:
        table = self.query_one("#areas", DataTable)
        if table.row_count:
            self.app.open_area(table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value)
