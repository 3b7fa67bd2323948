"""``ucm-check intake FOLDER --roster R --tui``: the intake in the terminal.

The first screen is the table of units (status, date, self / verified / final score, rank, flags);
``enter`` opens a unit's comparison (self, verified, difference per rule), ``r`` the per-rule
statistics with the 共性问题, ``esc`` goes back, ``q`` quits. The tables are the same
:mod:`ucm_check.intake.tables` the text, Markdown and xlsx reports print. Only this module imports
Textual, and only the ``--tui`` path imports this module.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ucm_check.intake import tables
from ucm_check.intake.records import Intake, Record
from ucm_check.intake.tables import Table
from ucm_check.tui.conventions import ChineseApp


def fill(widget: DataTable, table: Table) -> None:
    """Put ``table`` into ``widget`` (numbers right-aligned)."""
    from rich.text import Text

    widget.clear(columns=True)
    for header in table.headers:
        widget.add_column(header)
    for row in table.rows:
        widget.add_row(*(Text(c, justify="right") if i in table.numeric else c for i, c in enumerate(row)))


class TablesScreen(Screen):
    """One or more titled tables, one under the other."""

    BINDINGS = [Binding("escape", "app.pop_screen", "返回"), Binding("q", "app.quit", "退出")]

    def __init__(self, title: str, parts: list[Table]) -> None:
        super().__init__()
        self.heading, self.parts = title, parts

    def compose(self) -> ComposeResult:
        yield Static(self.heading, id="heading", markup=False)
        for i, part in enumerate(self.parts):
            yield Static(f"{part.title}（{len(part.rows)} 行）" if part.rows else f"{part.title}：无", classes="section", markup=False)
            yield DataTable(id=f"t{i}", cursor_type="row", zebra_stripes=True)
        yield Static("表格较宽时用左右方向键滚动查看其余列", classes="hint", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        for i, part in enumerate(self.parts):
            fill(self.query_one(f"#t{i}", DataTable), part)
        self.query_one("#t0", DataTable).focus()


class UnitsScreen(Screen):
    """The table of expected units."""

    BINDINGS = [Binding("enter", "open_unit", "查看单位"), Binding("r", "rules", "各规则统计"),
                Binding("q", "app.quit", "退出")]

    def compose(self) -> ComposeResult:
        yield Static("\n".join(tables.headline(self.app.intake)), id="heading", markup=False)
        yield DataTable(id="units", cursor_type="row", zebra_stripes=True)
        yield Static("回车：查看单位的核查对比；表格较宽时用左右方向键滚动查看其余列", id="hint", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        fill(self.query_one("#units", DataTable), tables.summary(self.app.intake))
        self.query_one("#units", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        record = self.app.intake.records[event.cursor_row]
        self.app.push_screen(unit_screen(self.app.intake, record))

    def action_open_unit(self) -> None:
        table = self.query_one("#units", DataTable)
        if table.row_count:
            self.app.push_screen(unit_screen(self.app.intake, self.app.intake.records[table.cursor_row]))

    def action_rules(self) -> None:
        intake = self.app.intake
        self.app.push_screen(TablesScreen("各规则失分统计（只列有单位失分的规则）",
                                          [tables.rules(intake, every=False), tables.issues(intake)]))


def unit_screen(intake: Intake, record: Record) -> TablesScreen:
    """A unit's comparison: its summary line, then its rows of the 核查对比 table."""
    mine = tables.checks(intake)
    rows = tuple(r for r in mine.rows if r[0] == record.unit.name)
    line = next(r for r in tables.summary(intake).rows if r[0] == record.unit.id)
    heading = f"{record.unit.name}  {line[3]}  自评 {line[5] or '-'}  核查 {line[6] or '-'}  最终 {line[7] or '-'}  {line[9]}"
    return TablesScreen(heading, [Table("checks", "核查对比", mine.headers[1:], tuple(r[1:] for r in rows),
                                        frozenset(i - 1 for i in mine.numeric))])


class IntakeApp(ChineseApp):
    """The intake browser."""

    HELP_TIPS = "\n".join([
        "第一屏是各单位的收件情况；回车查看该单位的自评与核查对比。",
        "r：各规则失分统计和共性问题；esc：返回；q：退出。",
        "表格比屏幕宽时，用左右方向键横向滚动查看其余列。",
    ])

    CSS = """
    #heading { padding: 0 1; text-style: bold; }
    .section { padding: 1 1 0 1; text-style: bold; }
    #hint, .hint { padding: 0 1; color: $text-muted; }
    DataTable { height: auto; max-height: 70%; }
    """
    TITLE = "ucm-check 收件"

    def __init__(self, intake: Intake) -> None:
        super().__init__()
        self.intake = intake

    def on_mount(self) -> None:
        self.push_screen(UnitsScreen())
