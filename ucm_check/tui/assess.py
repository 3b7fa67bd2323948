"""``ucm-check assess tui DIR``: a month's ranking per group with flags, the highlighted unit's
composites over the last months as labelled bars on a fixed 0-100 scale (a self-scaling sparkline drew
99/99/99 as a flat bottom line), and what each source contributed. Keys: ``[`` / ``]`` previous /
next month, ``.`` / ``,`` next / previous group, ``?`` help, ``q`` quit.

Imports Textual: only the ``assess tui`` action loads this module.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from decimal import Decimal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from ucm_check.assess.board import unit_series
from ucm_check.assess.render import composite_text, funding_text, note_of
from ucm_check.assess.results import FLAG_NAMES, change_text, number_text
from ucm_check.tui.conventions import ChineseApp
from ucm_check.tui.screens import bar

#: Months shown in the trend (one line each).
TREND_MONTHS = 6


def trend_lines(series: list[dict[str, Any]], decimals: int) -> list[str]:
    """The unit's composite per month as a bar on a fixed 0-100 scale, labelled with the month,
    the score and the rank (the axis is said in the title line)."""
    lines = ["综合得分（横条：0～100 分）"]
    for row in series[-TREND_MONTHS:]:
        month = f"{int(row['period'][5:])}月"
        if row["composite"] is None:
            lines.append(f"{month:>3}  {'缺评':>6}")
            continue
        value = Decimal(str(row["composite"]))
        lines.append(f"{month:>3}  {composite_text(row['composite'], decimals):>6} {bar(value, Decimal(100), 10)}"
                     f" 第{number_text(row['rank'])}名")
    return lines

FLAG_STYLES = {"red": "bold white on red", "black": "bold white on black"}


class AssessApp(ChineseApp):
    """The month's ranking, a unit's trend and its sources."""

    CSS = """
    #ranking { height: 1fr; }
    #detail { height: auto; max-height: 9; border-top: solid $primary; }
    #trend { width: 1fr; height: auto; padding: 0 1; }
    #parts { width: 1fr; height: auto; padding: 0 1; }
    """
    BINDINGS = [
        Binding("[", "month(-1)", "上月"), Binding("]", "month(1)", "下月"),
        Binding("full_stop", "group(1)", "下一组", key_display="."),
        Binding("comma", "group(-1)", "上一组", key_display=","), Binding("q", "quit", "退出"),
    ]
    HELP_TIPS = "\n".join([
        "上方是本月各组排名，上下方向键选择单位；",
        "下方是所选单位近几个月的综合得分（横条按 0～100 分）和本月各来源的贡献。",
        "[ 和 ] 切换月份；. 和 , 切换分组（也可点击分组标签）。",
    ])

    def __init__(self, docs: list[dict[str, Any]], index: int | None = None):
        super().__init__()
        self.docs = docs
        self.index = len(docs) - 1 if index is None else index
        self.title = docs[self.index]["scheme"]["name"] if docs else "综合考评"

    def compose(self) -> ComposeResult:
        yield Static(id="heading", markup=False)
        with TabbedContent(id="ranking"):
            for group in self.docs[self.index]["groups"]:
                with TabPane(group["name"], id=f"tab-{group['id']}"):
                    yield DataTable(id=f"table-{group['id']}", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="detail"):
            with Vertical(id="trend"):
                yield Static(id="unit", markup=False)
                yield Static(id="spark", markup=False)
            yield Static(id="parts", markup=False)
        yield Footer(compact=True)

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
        self.query_one("#unit", Static).update(f"{unit}：近 {min(len(series), TREND_MONTHS)} 个月")
        self.query_one("#spark", Static).update("\n".join(trend_lines(series, self.doc["scheme"]["decimals"])))
        row = next(r for r in group["rows"] if r["unit"] == unit)
        names = {s["id"]: s["name"] for s in group["sources"]}
        lines = [f"各来源贡献（{self.doc['label']}）"]
        for part in row["parts"]:
            score = "缺评" if part["score"] is None else number_text(part["score"])
            points = "—" if part["points"] is None else number_text(part["points"])
            lines.append(f"{names.get(part['source'], part['source'])} {number_text(part['weight'])}%：得分 {score}，计 {points} 分")
        lines.append(f"综合得分 {composite_text(row['composite'], self.doc['scheme']['decimals'])}")
        note = note_of(row, names)
        if note:  # a re-weighted row says so, as the CLI report does
            lines.append(note)
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

    def action_group(self, step: int) -> None:
        """Move to the next or previous group's ranking (no need for shift+tab and the arrows)."""
        tabs = self.query_one(TabbedContent)
        ids = [f"tab-{g['id']}" for g in self.doc["groups"]]
        if tabs.active in ids:
            tabs.active = ids[(ids.index(tabs.active) + step) % len(ids)]

    def action_month(self, step: int) -> None:
        """Move to the previous or next kept month."""
        target = self.index + step
        if 0 <= target < len(self.docs):
            self.index = target
            self.show_month()
