"""Every deduction across areas, sortable, with the unanswered rules listed apart."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ucm_check.engine.headline import duty_counts
from ucm_check.numbers import ZERO, fmt
from ucm_check.files.textwidth import width
from ucm_check.tui.linebreak import Wrapped
from ucm_check.tui.screens import topbar, translate_bindings

ORDERS = ("recoverable", "area", "clause")
#: Clicking a column header sorts by the order it stands for.
COLUMN_ORDER = {"points": "recoverable", "area": "area", "rule": "clause"}


def fill(table: DataTable, columns: list[tuple[str, str]], rows: list[tuple[str, list[str]]], room: int,
         *, wrap: bool = False) -> None:
    """Refill ``table`` keeping its cursor. Every column but the last is as wide as its widest cell;
    the last takes the width left (at least 12 cells), and with ``wrap`` its text wraps onto more
    lines instead of running off the screen (the 现状 column at 80x24)."""
    row = table.cursor_row
    widths = [max([width(label)] + [width(str(cells[c])) for _, cells in rows]) for c, (_, label) in enumerate(columns)]
    pad = 2 * table.cell_padding
    widths[-1] = max(12, min(widths[-1], room - sum(w + pad for w in widths[:-1]) - pad - 2))
    table.clear(columns=True)
    for (key, label), cells in zip(columns, widths):
        table.add_column(label, key=key, width=cells)
    for key, cells in rows:
        if wrap:  # broken the Chinese way: no line starts with 。 or ）, no date or code is split
            cells = [*cells[:-1], Wrapped(cells[-1]) if isinstance(cells[-1], (str, Text)) else cells[-1]]
        table.add_row(*cells, key=key, height=None if wrap else 1)
    if table.row_count:
        table.move_cursor(row=min(row, table.row_count - 1))


class GapsScreen(Screen):
    """Deductions in one table (enter jumps to the question), unanswered rules in a second."""

    CSS_PATH = "gaps.tcss"  # parsed when first shown, not with the app

    BINDINGS = [Binding("escape", "back", "back"), Binding("s", "cycle_order", "sort")]

    def __init__(self, order: str = "recoverable") -> None:
        super().__init__()
        self.order = order
        translate_bindings(self, self.app.tr)

    @property
    def scored(self) -> bool:
        return self.app.session.standard.scored

    def compose(self) -> ComposeResult:
        yield Static("", id="topbar", markup=False)  # the unit name and file name are the clerk's, never markup
        yield Static("", id="gaps-title", classes="section", markup=False)
        yield DataTable(id="gaps", cursor_type="row", zebra_stripes=True)
        yield Static("", id="detail", markup=False)
        yield Static("", id="unanswered-title", classes="section", markup=False)
        yield DataTable(id="unanswered", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_scores()
        self.query_one("#gaps", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_scores()

    def on_resize(self) -> None:
        self.refresh_scores()

    def titles(self, gaps) -> tuple[str, str]:
        """The two section titles: gaps (with points recoverable, or by duty status) and unanswered."""
        tr, result = self.app.tr, self.app.session.result
        if not self.app.session.standard.scored:
            counts = duty_counts(gaps)
            return (tr("duty_gaps_title", count=len(gaps), **counts) if gaps else tr("no_duty_gaps"),
                    tr("duty_unanswered_title", count=len(result.unanswered)))
        recoverable = sum((g.recoverable for g in gaps), ZERO)
        return (tr("gaps_title", count=len(gaps), order=tr(f"order_{self.order}"), points=fmt(recoverable))
                if gaps else tr("no_gaps"),
                tr("unanswered_title", count=len(result.unanswered), points=fmt(result.max_further_deduction)))

    def gap_rows(self, gaps) -> tuple[list[str], list[tuple[str, list[str]]]]:
        """Column keys and ``(rule code, cells)`` rows of the gap table; the last column (现状) wraps."""
        session, tr = self.app.session, self.app.tr
        numbers = {a.area.id: a.area.number for a in session.result.areas}
        if session.standard.scored:
            return ["points", "area", "rule", "observed"], [
                (g.rule.code, [fmt(g.recoverable), numbers[g.area], f"{g.rule.code} {g.rule.title}", g.observed])
                for g in gaps]
        return ["state", "area", "rule", "due", "observed"], [
            (g.rule.code, [tr(f"short_{g.status}", days=abs((g.due - session.today).days) if g.due else 0),
                           numbers[g.area], f"{g.rule.code} {g.rule.title}",
                           g.due.isoformat() if g.due else tr("ongoing"), g.observed]) for g in gaps]

    def refresh_scores(self) -> None:
        session, tr = self.app.session, self.app.tr
        result = session.result
        gaps = result.gaps(self.order)
        self.query_one("#topbar", Static).update(topbar(self.app))
        gaps_title, open_title = self.titles(gaps)
        self.query_one("#gaps-title", Static).update(gaps_title)
        keys, rows = self.gap_rows(gaps)
        fill(self.query_one("#gaps", DataTable), [(k, tr(f"col_{k}")) for k in keys], rows,
             self.size.width or self.app.size.width, wrap=True)
        numbers = {a.area.id: a.area.number for a in result.areas}
        keys = ["max", "area", "rule", "clause"] if session.standard.scored else ["area", "rule", "clause"]
        rows = [(f.rule.code, ([fmt(f.rule.max_points)] if session.standard.scored else [])
                 + [numbers[f.area], f"{f.rule.code} {f.rule.title}", f.rule.clause.path]) for f in result.unanswered]
        fill(self.query_one("#unanswered", DataTable), [(k, tr(f"col_{k}")) for k in keys], rows,
             self.size.width or self.app.size.width)
        self.query_one("#unanswered-title", Static).update(open_title)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # both tables highlight their first row when filled: only the one the cursor is in speaks
        # (before anything has the focus, that is the gap table, which on_mount focuses)
        active = self.focused if isinstance(self.focused, DataTable) else self.query_one("#gaps", DataTable)
        if event.data_table is active and event.row_key.value:
            self.show_detail(event.row_key.value)

    def on_descendant_focus(self, event) -> None:
        table = self.focused
        if isinstance(table, DataTable) and table.row_count:
            self.show_detail(table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value)

    def show_detail(self, code: str) -> None:
        """Under the table: the highlighted rule's observed facts, any reading note, its clause and remedy."""
        finding = self.app.session.finding(code)
        if finding is None:
            return
        tr = self.app.tr
        lines = [f"{tr('col_observed')}：{finding.observed}"]
        if finding.note:
            lines.append(finding.note)
        lines.append(f"{tr('col_clause')}：{finding.rule.clause}")
        lines.append(f"{tr('remedy')}：{finding.rule.remedy}")
        self.query_one("#detail", Static).update(Wrapped("\n".join(lines)))

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
