"""The overview: total, deductions, bonus, completeness, and one bar per area."""

from __future__ import annotations

from decimal import Decimal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ucm_check.engine.headline import completeness, duty_counts
from ucm_check.model import COMPLIANT, NOT_APPLICABLE, OVERDUE, UNANSWERED
from ucm_check.numbers import fmt
from ucm_check.tui.screens import FILLED, area_name, bar, topbar, translate_bindings


def cell(value: str | Text) -> Text:
    """A table cell as :class:`DataTable` draws a one-line string, without reading it as markup."""
    return value if isinstance(value, Text) else Text(value, no_wrap=True, end="")


class OverviewScreen(Screen):
    """The main screen of an open profile; enter (or a click) opens the area under the cursor."""

    BINDINGS = [Binding("enter", "open_area", "open_area"), Binding("u", "app.unit_info", "unit_info"),
                Binding("x", "app.export", "export")]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self, self.app.tr)

    def compose(self) -> ComposeResult:
        tr = self.app.tr
        yield Static("", id="topbar", markup=False)  # the unit name and file name are the clerk's, never markup
        yield Static("", id="summary", markup=False)
        yield Static("", id="submission", markup=False)
        table = DataTable(id="areas", cursor_type="row", zebra_stripes=True)
        scored = self.app.session.standard.scored
        columns = ("area", "score", "bar", "unanswered", "na") if scored else ("area", "met", "bar", "overdue", "unanswered", "na")
        for key in columns:
            table.add_column(Text(tr(f"col_{key}")), key=key)
        yield table
        yield Footer(compact=True)

    def on_screen_resume(self) -> None:
        """Filled each time the overview is shown, the first time included (Textual resumes a
        screen after mounting it); filling it on mount as well filled the table twice before the first paint."""
        self.refresh_scores()

    def summary_lines(self) -> list[str]:
        """The headline in full: final total, or provisional total with the answered count and the
        range still possible as prominently; for a standard without points, the duties' statuses."""
        session, tr = self.app.session, self.app.tr
        result = session.result
        c = completeness(result)
        na = session.count(NOT_APPLICABLE)
        if not result.standard.scored:
            lines = [tr("duty_line", **duty_counts(result.findings)),
                     tr("complete_line", answered=c.answered, total=c.applicable, unanswered=c.unanswered, na=na)]
            return lines + ([tr("duty_open", unanswered=c.unanswered)] if c.unanswered else [])
        if c.complete:
            return [tr("total_line", total=fmt(result.total), deducted=fmt(result.deducted), bonus=fmt(result.bonus)),
                    tr("complete_line", answered=c.answered, total=c.applicable, unanswered=0, na=na)]
        return [
            tr("open_line", total=fmt(c.total), answered=c.answered, applicable=c.applicable,
               low=fmt(c.lowest), high=fmt(c.highest)),
            tr("open_detail", deducted=fmt(result.deducted), bonus=fmt(result.bonus), unanswered=c.unanswered, na=na),
            tr("range_line", low=fmt(c.lowest), high=fmt(c.highest)),
        ]

    def refresh_scores(self) -> None:
        session, tr = self.app.session, self.app.tr
        result = session.result
        self.query_one("#topbar", Static).update(topbar(self.app))
        lines = self.summary_lines()
        self.query_one("#summary", Static).update(Text.assemble((lines[0], "bold"), "\n" + "\n".join(lines[1:])))
        self.show_submission(result)
        table = self.query_one("#areas", DataTable)
        row = table.cursor_row
        table.clear()
        for ar in result.areas:
            area = ar.area
            if not result.standard.scored:  # duties with dates, not points (Henan 2021): how many are met
                applicable = [f for f in ar.findings if f.status != NOT_APPLICABLE]
                met = ar.count(COMPLIANT)
                shown = tr("met_count", met=met, total=len(applicable)) if applicable else tr("all_na")
                filled = bar(Decimal(met), Decimal(len(applicable)), 16)
            elif ar.findings and all(f.status in (UNANSWERED, NOT_APPLICABLE) for f in ar.findings):
                # nothing answered yet: no full marks and no full bar for an area nobody has looked at
                shown, filled = tr("area_not_started", max=fmt(area.max)), bar(Decimal(0), area.max, 16)
            else:
                score = f"{fmt(ar.score)}/{fmt(area.max)}"
                shown, filled = ("+" + score if area.bonus else score), bar(ar.score, area.max, 16)
            if ar.error:
                shown = "!"
            cells = filled.count(FILLED)
            drawn = Text.assemble((filled[:cells], "green"), (filled[cells:], "dim"))
            counts = [str(ar.count(UNANSWERED)), str(ar.count(NOT_APPLICABLE))]
            if not result.standard.scored:
                counts.insert(0, str(ar.count(OVERDUE)))
            # Text, not str: plain strings would go through Rich markup (and its emoji table) cell by cell
            table.add_row(*(cell(c) for c in (area_name(area, tr.lang), shown, drawn, *counts)), key=area.id)
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
            text = countdown.text.replace(" unit.submitted", self.app.tr("submitted_where"))
            line.update(Text(text, style="bold red" if late else ""))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_area(event.row_key.value)

    def action_open_area(self) -> None:
        table = self.query_one("#areas", DataTable)
        if table.row_count:
            self.app.open_area(table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value)
