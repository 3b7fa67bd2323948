"""The rectification timetable screen (整改台账) and its edit dialog.

Items sorted by deadline with a month-by-month bar each, in three views (问题清单 by area, 责任清单
by unit, 时间表 by month); 整改完成率 and the overdue count stay on the top line. Edits are saved to
``X.plan.toml`` at once: the file is re-read first and only the edited item is replaced, so edits
made elsewhere in the meantime survive; if that very item changed on disk, nothing is overwritten.

Below 100 columns every column stays (issue 20): the problem shows its rule title, 牵头单位 is cut
to four hanzi ("..", never an ambiguous-width ellipsis), a long 区域 or 单位 name wraps in ten
cells, and the detail below holds everything in full. The month bar cannot fit at 80 columns (a
month is three cells), so the top line then says the arrow keys scroll, and the group and number
columns stay put while they do.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ucm_check.model import ProfileResult
from ucm_check.plan import InvalidPlan, Item, Plan, current_plan, load_plan, plan_path_for, save_plan
from ucm_check.plan import views
from ucm_check.tui.linebreak import Wrapped
from ucm_check.plan.export import state_text, summary
from ucm_check.plan.model import deadline_text
from ucm_check.files.textwidth import clip, width
from ucm_check.tui.plan_editor import ItemEditor, parse_deadline, split_units, tr_of

__all__ = ["ItemEditor", "TimetableScreen", "clip", "parse_deadline", "split_units"]

#: The widest 牵头单位 cell of a narrow table (four hanzi, or three and ".."); the detail has it in full.
LEAD_CELLS = 8
#: The widest group cell (区域, 单位) of a narrow table; a longer name wraps.
GROUP_CELLS = 10
#: Background of each timeline cell kind; a month is three terminal cells wide.
BAR_STYLES = {views.PLANNED: "on dodger_blue3", views.DUE: "on blue", views.LATE: "on red3",
              views.FINISHED: "on green4", views.ONGOING_CELL: "on grey42"}


class TimetableScreen(Screen):
    """The plan of ``profile_path``, reconciled with ``result`` as of ``as_of`` (default today).

    ``result`` must be the result of the profile *as saved*: the plan records when gaps close
    (``gap_closed``), and an edit that was never saved must not close one.
    """

    CSS_PATH = "timetable.tcss"
    BINDINGS = [
        Binding("1", "view('area')", "tt_view_area", show=False),
        Binding("2", "view('unit')", "tt_view_unit", show=False),
        Binding("3", "view('month')", "tt_view_month", show=False),
        Binding("e,enter", "edit", "tt_edit"),
        Binding("n", "add", "tt_add"),
        Binding("x", "app.export", "export"),
        Binding("escape", "back", "back"),
        Binding("t", "reload_plan", show=False),  # already here: t re-reads the plan (and frees footer room)
    ]

    def __init__(self, profile_path: Path, result: ProfileResult, as_of: dt.date | None = None) -> None:
        super().__init__()
        self.profile_path = Path(profile_path)
        self.path = plan_path_for(self.profile_path)
        self.result, self.as_of = result, as_of or dt.date.today()
        self.tr = tr_of(self.app)
        self.view = "month"
        self.plan: Plan | None = None
        self.error = ""
        self.row_items: dict[str, str] = {}
        from ucm_check.tui.screens import translate_bindings

        translate_bindings(self, self.tr)

    def compose(self) -> ComposeResult:
        yield Static("", id="tt-summary", markup=False)
        yield Static("", id="tt-views")
        yield DataTable(id="tt-table", cursor_type="row", zebra_stripes=True, header_height=2)
        yield Static("", id="tt-detail", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()
        self.query_one("#tt-table", DataTable).focus()

    # data ---------------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the plan (if any), reconcile it with the result and save it when it changed."""
        tr = self.tr
        try:
            current = current_plan(self.profile_path, self.result, getattr(self.app, "host", None), self.as_of,
                                   save=True)
            changes = current.changes
            if current.changed and current.old is not None and (changes.added or changes.gone or changes.reopened):
                self.notify(tr("tt_updated", changes=changes))
            self.plan, self.error = current.plan, ""
        except InvalidPlan as exc:
            self.plan, self.error = None, "\n".join(map(str, exc.errors)) + "\n" + tr("tt_broken")
        except OSError as exc:
            self.plan, self.error = None, tr("tt_cannot_save", path=self.path, error=exc.strerror or exc)
        self.redraw()

    def reload_plan(self) -> None:
        """Show the plan as it is on disk now (an export may have just updated it)."""
        self.load()

    def save_item(self, original: Item | None, item: Item) -> bool:
        """Write ``item`` into the plan on disk, re-read first so other edits survive; refuse when
        that item itself changed on disk since it was opened."""
        tr = self.tr
        try:
            disk = load_plan(self.path) if self.path.exists() else self.plan
            current = disk.item(item.id) if disk else None
            if current != original:
                self.notify(tr("tt_changed_elsewhere", id=item.id), severity="error")
                self.plan = disk
                self.redraw()
                return False
            plan = disk.replace(item)
            save_plan(plan, self.path)
        except InvalidPlan as exc:
            self.notify("\n".join(map(str, exc.errors)), title=tr("tt_not_saved_broken"), severity="error")
            return False
        except OSError as exc:
            self.notify(tr("tt_cannot_save", path=self.path, error=exc.strerror or exc), severity="error")
            return False
        self.plan = plan
        self.redraw(select=item.id)
        self.notify(tr("tt_saved", id=item.id, file=self.path.name))
        return True

    def gap_open(self, item: Item) -> bool:
        """True while the (saved) self-check still shows this item's gap."""
        return bool(item.rule) and any(f.rule.code == item.rule and f.is_gap for f in self.result.findings)

    # drawing ------------------------------------------------------------------------------------

    def summary_line(self) -> str:
        """The always-visible top lines: completion rate, overdue and 可销号 counts, as-of date, unit.
        The counts come first; the line wraps rather than cutting the unit's name."""
        tr = self.tr
        if self.plan is None:
            return tr("tt_cannot_open")
        plan = self.plan
        if tr.lang == "en":
            late, ready = len(plan.overdue(self.as_of)), sum(1 for i in plan.items if i.ready_to_close)
            counts = tr("tt_summary", rate=plan.completion_rate.normalize(), done=plan.completed,
                        total=len(plan.items), late=late, ready=ready)
        else:
            counts = summary(plan, self.as_of)
        return f"{counts}  {tr('tt_as_of', day=self.as_of.isoformat())}  {tr('tt_title', unit=plan.unit)}"

    def state(self, item: Item) -> str:
        """Status with what the as-of date adds (the stored status word stays as written)."""
        if self.tr.lang != "en":
            return state_text(item, self.as_of)
        parts = [item.status]
        if item.overdue(self.as_of):
            parts.append(self.tr("tt_days_late", days=(self.as_of - item.deadline).days))
        if item.ready_to_close:
            parts.append(self.tr("tt_ready"))
        return ", ".join(parts)

    def groups(self) -> list[tuple[str, list[tuple[Item, str]]]]:
        """The current view's groups as ``(title, [(item, role)])``; role is empty outside 责任清单."""
        assert self.plan is not None
        if self.view == "unit":
            return views.by_unit(self.plan)
        rows = views.by_area(self.plan) if self.view == "area" else views.by_month(self.plan)
        return [(g, [(i, "") for i in items]) for g, items in rows]

    def redraw(self, select: str | None = None) -> None:
        """Rebuild summary, view tabs and table, keeping (or moving to) the selected item."""
        tr = self.tr
        self.query_one("#tt-summary", Static).update(self.summary_line())
        names = [tr(f"tt_view_{v}") for v in views.VIEWS]
        tabs = "  ".join(f"[{'reverse' if v == self.view else 'dim'}] {n+1} {name} [/]" for n, (v, name) in enumerate(zip(views.VIEWS, names)))
        legend = "".join(f"[{BAR_STYLES[kind]}]  [/]{tr(f'tt_legend_{name}')}" for kind, name in (
            (views.PLANNED, "planned"), (views.DUE, "due"), (views.LATE, "late"), (views.FINISHED, "done"),
            (views.ONGOING_CELL, "ongoing")))
        self.query_one("#tt-views", Static).update(f"{tabs}  {tr('tt_legend')}{legend}")  # the month columns' key
        table = self.query_one("#tt-table", DataTable)
        keep = select or self.selected_id()
        table.clear(columns=True)
        self.row_items = {}
        if self.plan is None:
            self.query_one("#tt-detail", Static).update(Text(self.error, style="red"))
            return
        span = views.months(self.plan, self.as_of)
        now = (self.as_of.year, self.as_of.month)
        head = Text(views.year_line(span) + "\n", style="dim")
        for m in span:
            head.append(f"{m[1]:02d} ", style="reverse" if m == now else ("bold" if m[1] == 1 else ""))
        room = self.size.width or self.app.size.width
        narrow = room < 100  # the problem shows its title and 牵头单位 is cut short; the detail below has both in full
        rows = []
        for g, (group, pairs) in enumerate(self.groups()):
            for n, (item, role) in enumerate(pairs):
                late = item.overdue(self.as_of)
                style = "bold red" if late else ("dim" if item.finished else "")
                bar = Text()
                for kind in views.bar(item, span, self.as_of):
                    bar.append("   ", style=BAR_STYLES.get(kind, ""))
                problem = item.problem.split("：", 1)[0] if narrow else item.problem
                who = role if self.view == "unit" else item.lead_unit
                cells = [Text(group if n == 0 else "", style="bold"), Text(("!" if late else " ") + item.id, style=style),
                         problem, clip(who, LEAD_CELLS) if narrow else who,
                         Text(deadline_text(item.deadline), style=style), Text(self.state(item), style=style), bar]
                rows.append((f"{g}:{item.id}", item.id, cells, style))
        keys = ["group", "id", "problem", "lead", "deadline", "state", "bar"]
        lead = "role" if self.view == "unit" else ("lead_short" if narrow else "lead")
        labels = [tr(f"tt_col_{self.view}"), tr("tt_col_id"), tr("tt_col_problem"), tr(f"tt_col_{lead}"),
                  tr("tt_col_deadline"), tr("tt_col_state"), head]
        widths = [max([width(str(label).split("\n")[-1])] + [width(str(r[2][c])) for r in rows]) for c, label in enumerate(labels)]
        if narrow:
            widths[0] = min(widths[0], GROUP_CELLS)
        others = sum(w + 2 for c, w in enumerate(widths) if c != 2)
        widths[2] = min(widths[2], max(12, room - others - 4))
        table.fixed_columns = 2 if narrow else 0  # scrolling to later months keeps the item's group and number
        if sum(w + 2 for w in widths) + 2 > room:  # the months run off the right edge: say how to see them
            self.query_one("#tt-summary", Static).update(f"{self.summary_line()}  {tr('tt_scroll_months')}")
        for key, label, cells in zip(keys, labels, widths):
            table.add_column(label, key=key, width=cells)
        for row_key, item_id, cells, style in rows:
            cells[2] = Wrapped(Text(cells[2], style=style))  # wraps within its column, the Chinese way
            cells[0] = Wrapped(cells[0]) if narrow else cells[0]
            table.add_row(*cells, key=row_key, height=None)
            self.row_items[row_key] = item_id
        if keep:
            for row_key, item_id in self.row_items.items():
                if item_id == keep:
                    table.move_cursor(row=table.get_row_index(row_key))
                    break
        self.show_detail()

    def selected_id(self) -> str | None:
        """Id of the item under the cursor."""
        table = self.query_one("#tt-table", DataTable)
        if not self.row_items or table.row_count == 0:
            return None
        row_key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return self.row_items.get(row_key)

    def show_detail(self) -> None:
        """Everything about the selected item below the table."""
        tr = self.tr
        item = self.plan.item(self.selected_id() or "") if self.plan else None
        detail = self.query_one("#tt-detail", Static)
        if item is None:
            detail.update(tr("tt_empty") if self.plan and not self.plan.items else "")
            return
        none = tr("tt_none")
        lines = [f"[{item.id}] {item.problem}"]
        if item.clause:  # a duty without points (Henan 2021) has nothing to win back: no "可挽回 0 分"
            points = tr("tt_points", points=f"{item.points.normalize():f}") if item.points > 0 else ""
            lines.append(tr("tt_d_clause", clause=item.clause) + points)
        lines.append(tr("tt_d_measures", text=item.measures or tr("tt_unfilled")))
        lines.append(tr("tt_d_units", lead=item.lead_unit or none, resp="、".join(item.responsible_units) or none,
                        coop="、".join(item.cooperating_units) or tr("tt_no_one"), person=item.person or none))
        for m in item.milestones:
            late = "" if m.done or m.date >= self.as_of else tr("tt_m_late")
            lines.append(tr("tt_d_milestone", day=m.date.isoformat(), text=m.text,
                            done=tr("tt_m_done") if m.done else tr("tt_m_open"), late=late))
        for c in item.history:
            lines.append(tr("tt_d_change", day=c.date.isoformat(), old=deadline_text(c.old), new=deadline_text(c.new), reason=c.reason))
        if item.evidence:
            lines.append(tr("tt_d_evidence", text="、".join(item.evidence)))
        if item.note:
            lines.append(tr("tt_d_note", text=item.note))
        detail.update(Text("\n".join(lines)))

    # actions ------------------------------------------------------------------------------------

    def on_resize(self) -> None:
        if self.plan is not None:
            self.redraw()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_view(self, view: str) -> None:
        self.view = view
        if self.plan is not None:
            self.redraw()
        else:
            self.query_one("#tt-views", Static).update(self.summary_line())

    def action_edit(self) -> None:
        item = self.plan.item(self.selected_id() or "") if self.plan else None
        if item is None:
            return
        self.app.push_screen(ItemEditor(item, self.as_of, gap_open=self.gap_open(item)),
                             lambda edited: self._edited(item, edited))

    def action_add(self) -> None:
        if self.plan is None:
            return
        item = Item(self.plan.next_manual_id(), "", created=self.as_of, deadline=self.as_of + dt.timedelta(days=30))
        self.app.push_screen(ItemEditor(item, self.as_of, new=True), lambda edited: self._edited(None, edited))

    def _edited(self, original: Item | None, edited: Item | None) -> None:
        if edited is not None and edited != original:
            self.save_item(original, edited)

    def action_back(self) -> None:
        self.app.pop_screen()
