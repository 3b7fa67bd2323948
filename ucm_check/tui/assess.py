"""``ucm-check assess tui DIR``: a month's ranking per group with flags, the highlighted unit's
composites over the last twelve months as a sparkline (Textual's own widget), and what each source
contributed. Keys: ``[`` / ``]`` previous / next month, ``tab`` next group, ``q`` quit.

Imports Textual: only the ``assess tui`` action loads this module.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Sparkline, Static, TabbedContent, TabPane

from ucm_check.assess.board import unit_series
from ucm_check.assess.render import composite_text, funding_text
from ucm_check.assess.results import FLAG_NAMES, change_text, number_text

FLAG_STYLES = {"red": "bold white on red", "black": "bold white on black"}


class AssessApp(App):
    """The month's ranking, a unit's trend and its sources."""

    CSS = """
    #ranking { height: 1fr; }
    #detail { height: 14; border-top: solid $primary; }
    #trend { width: 1fr; padding: 0 1; }
    #parts { width: 1fr; padding: 0 1; }
    Sparkline { height: 3; margin: 1 0; }
    """
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("[", "month(-1)", "上月"), Binding("]", "month(1)", "下月"), Binding("q", "quit", "退出")]

    def __init__(self, docs: list[dict[str, Any]], index: int | None = None):
        super().__init__()
        self.docs = docs
        self.index = len(docs) - 1 if index is None else index
        self.title = docs[self.index]["scheme"]["name"] if docs else "综合考评"

    def compose(self) -> ComposeResult:
        yield Static(id="heading")
        with TabbedContent(id="ranking"):
            for group in self.docs[self.index]["groups"]:
                with TabPane(group["name"], id=f"tab-{group['id']}"):
                    yield DataTable(id=f"table-{group['id']}", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="detail"):
            with Vertical(id="trend"):
                yield Static(id="unit")
                yield Sparkline([], id="spark")
                yield Static(id="ranks")
            yield Static(id="parts")
        yield Footer()

    def on_mount(self) -> None:
        self.show_month()
        self.query_one(f"#table-{self.doc['groups'][0]['id']}", DataTable).focus()

    @property
    def doc(self) -> dict[str, Any]:
        """The month on screen."""
        return self.docs[self.index]

    def show_month(self) -> None:
        """Fill every group's table for the current month."""
        doc = self.doc
        self.query_one("#heading", Static).update(f"{doc['label']}排名（[ 上月  ] 下月，共 {len(self.docs)} 个月）")
        for group in doc["groups"]:
            table = self.query_one(f"#table-{group['id']}", DataTable)
            table.clear(columns=True)
            table.add_columns("名次", "变化", "单位", "综合得分", "红黑旗", "连续靠后", "问责", "经费调整")
            for row in group["rows"]:
                flag = FLAG_NAMES.get(row["flag"] or "", "")
                table.add_row(
                    "—" if row["rank"] is None else str(row["rank"]), change_text(row["change"], row["previous_rank"]),
                    row["unit"], composite_text(row["composite"], doc["scheme"]["decimals"]),
                    Text(flag, style=FLAG_STYLES.get(row["flag"] or "", "")),
                    f"{row['streak']} 个月" if row["streak"] else "", row["escalation"] or "",
                    funding_text(row["funding"]), key=row["unit"])
        first = doc["groups"][0]["rows"]
        if first:
            self.show_unit(doc["groups"][0], first[0]["unit"])

    def show_unit(self, group: dict[str, Any], unit: str) -> None:
        """The unit's trend over the last twelve months and this month's sources."""
        series = unit_series(self.docs, unit, self.index)
        values = [float(r["composite"]) for r in series if r["composite"] is not None]
        self.query_one("#unit", Static).update(f"{unit}：近 {len(series)} 个月综合得分")
        self.query_one("#spark", Sparkline).data = values or [0.0]
        ranks = "  ".join(f"{r['period'][5:]}月 {number_text(r['rank'])}" for r in series[-6:])
        self.query_one("#ranks", Static).update(f"名次：{ranks}")
        row = next(r for r in group["rows"] if r["unit"] == unit)
        names = {s["id"]: s["name"] for s in group["sources"]}
        lines = [f"各来源贡献（{self.doc['label']}）"]
        for part in row["parts"]:
            score = "缺评" if part["score"] is None else number_text(part["score"])
            points = "—" if part["points"] is None else number_text(part["points"])
            lines.append(f"{names.get(part['source'], part['source'])} {number_text(part['weight'])}%：得分 {score}，计 {points} 分")
        lines.append(f"综合得分 {composite_text(row['composite'], self.doc['scheme']['decimals'])}")
        self.query_one("#parts", Static).update("\n".join(lines))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if not event.data_table.has_focus:
            return  # every table highlights its first row when filled; only the one in use counts
        group_id = (event.data_table.id or "").removeprefix("table-")
        group = next((g for g in self.doc["groups"] if g["id"] == group_id), None)
        if group is not None and event.row_key is not None and event.row_key.value:
            self.show_unit(group, str(event.row_key.value))

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        group_id = (event.pane.id or "").removeprefix("tab-")
        group = next((g for g in self.doc["groups"] if g["id"] == group_id), None)
        if group is None:
            return
        table = self.query_one(f"#table-{group_id}", DataTable)
        table.focus()
        if group["rows"]:
            self.show_unit(group, group["rows"][min(table.cursor_row, len(group["rows"]) - 1)]["unit"])

    def action_month(self, step: int) -> None:
        """Move to the previous or next kept month."""
        target = self.index + step
        if 0 <= target < len(self.docs):
            self.index = target
            self.show_month()
