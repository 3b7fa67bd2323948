"""The rectification timetable screen (整改台账) and its edit dialog.

Items sorted by deadline with a month-by-month bar each, in three views (问题清单 by area, 责任清单
by unit, 时间表 by month); 整改完成率 and the overdue count stay on the top line. Edits are saved to
``X.plan.toml`` at once: the file is re-read first and only the edited item is replaced, so edits
made elsewhere in the meantime survive; if that very item changed on disk, nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import attrs
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Input, Select, Static, TextArea

from ucm_check.model import ProfileResult
from ucm_check.plan import (
    ONGOING, STATUSES, InvalidPlan, Item, Milestone, Plan, deadline_chooser, load_plan, plan_path_for,
    reconcile, save_plan,
)
from ucm_check.plan import views
from ucm_check.plan.export import state_text, summary
from ucm_check.plan.model import deadline_text
from ucm_check.textwidth import width

#: Background of each timeline cell kind; a month is three terminal cells wide.
BAR_STYLES = {views.PLANNED: "on dodger_blue3", views.DUE: "on blue", views.LATE: "on red3",
              views.FINISHED: "on green4", views.ONGOING_CELL: "on grey42"}
SEPARATORS = re.compile(r"[、，,；;]\s*")


def clip(text: str, cells: int) -> str:
    """``text`` cut to ``cells`` terminal cells, ending in ``..`` when cut (no ambiguous-width ellipsis)."""
    if width(text) <= cells:
        return text
    out = ""
    for ch in text:
        if width(out + ch) > cells - 2:
            break
        out += ch
    return out + ".."


def split_units(text: str) -> tuple[str, ...]:
    """``一中队、二中队`` (or commas) as a tuple, blanks dropped."""
    return tuple(p.strip() for p in SEPARATORS.split(text) if p.strip())


MILESTONE_LINE = re.compile(r"^\s*(?:\[(?P<mark>[xX ])\]\s*)?(?P<date>\S+)\s*(?P<text>.*?)\s*$")


def milestones_to_text(milestones: tuple[Milestone, ...]) -> str:
    """Milestones as the dialog edits them, one ``[x] 2026-12-10 内容`` line each."""
    return "\n".join(f"[{'x' if m.done else ' '}] {m.date.isoformat()} {m.text}" for m in milestones)


def parse_milestones(text: str) -> tuple[tuple[Milestone, ...], list[str]]:
    """Lines ``[x] 2026-12-10 第一轮督查`` (``[ ]`` or nothing for not done) -> milestones, errors."""
    found, errors = [], []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        m = MILESTONE_LINE.match(line)
        try:
            day = dt.date.fromisoformat(m.group("date")) if m else None
        except ValueError:
            day = None
        if m is None or day is None:
            errors.append(f"阶段节点第 {n} 行：应写作 “[x] 2026-12-10 内容”（[x] 表示已完成，可省略），实际为 “{line.strip()}”")
            continue
        found.append(Milestone(day, m.group("text"), (m.group("mark") or " ").lower() == "x"))
    return tuple(sorted(found, key=lambda m: m.date)), errors


def parse_deadline(text: str) -> dt.date | str | None:
    """A date or 长期 from the dialog, None when it is neither."""
    text = text.strip()
    if text == ONGOING:
        return ONGOING
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


class ItemEditor(ModalScreen["Item | None"]):
    """Edit one item: units, person, deadline (a move needs a reason), milestones, status, evidence.

    Dismisses with the edited :class:`Item`, or None when cancelled. A hand-added item's problem
    is editable too; a generated item's problem comes from the self-check.
    """

    BINDINGS = [Binding("escape", "cancel", "取消"), Binding("ctrl+s", "save", "保存", priority=True)]

    def __init__(self, item: Item, as_of: dt.date, *, new: bool = False) -> None:
        super().__init__()
        self.item, self.as_of, self.new = item, as_of, new

    def compose(self) -> ComposeResult:
        i = self.item
        with VerticalScroll(id="editor"):
            yield Static(f"{'新增整改事项' if self.new else '编辑整改事项'}  {i.id}", id="editor-title", markup=False)
            if i.manual:
                yield from self._field("问题", Input(i.problem, id="problem"))
            else:
                yield Static(i.problem, id="problem-text", markup=False)
            yield from self._field("牵头单位", Input(i.lead_unit, id="lead_unit"))
            yield from self._field("责任单位", Input("、".join(i.responsible_units), placeholder="多个用顿号分隔", id="responsible_units"))
            yield from self._field("配合单位", Input("、".join(i.cooperating_units), id="cooperating_units"))
            yield from self._field("责任人", Input(i.person, id="person"))
            yield from self._field("完成时限", Input(deadline_text(i.deadline), placeholder=f"2026-12-31 或 {ONGOING}", id="deadline"))
            yield from self._field("调整原因", Input("", placeholder="改动完成时限时必填", id="reason"))
            yield from self._field("状态", Select([(s, s) for s in STATUSES], value=i.status, allow_blank=False, id="status"))
            yield from self._field("整改措施", TextArea(i.measures, id="measures"))
            yield from self._field("阶段节点", TextArea(milestones_to_text(i.milestones), id="milestones"))
            yield Static("每行一个阶段节点：[x] 2026-12-10 内容（[x] 表示已完成，[ ] 未完成）", classes="hint", markup=False)
            yield from self._field("佐证材料", Input("、".join(i.evidence), placeholder="文件名，多个用顿号分隔", id="evidence"))
            yield from self._field("备注", Input(i.note, id="note"))
            yield Static("", id="editor-errors", markup=False)
            with Horizontal(id="editor-buttons"):
                yield Button("保存", id="save", variant="primary")
                yield Button("取消", id="cancel")

    @staticmethod
    def _field(label: str, widget: Any):
        widget.compact = True
        with Horizontal(classes="field"):
            yield Static(label, classes="label", markup=False)
            yield widget

    def on_mount(self) -> None:
        self.query_one("#problem" if self.item.manual else "#lead_unit").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _value(self, ident: str) -> str:
        return self.query_one(f"#{ident}", Input).value.strip()

    def edited(self) -> tuple[Item | None, list[str]]:
        """The item as the form describes it, or None and the problems (in Chinese)."""
        errors: list[str] = []
        problem = self._value("problem") if self.item.manual else self.item.problem
        if not problem:
            errors.append("问题不能为空")
        deadline = parse_deadline(self._value("deadline"))
        if deadline is None:
            errors.append(f"完成时限应写作 2026-12-31 或 “{ONGOING}”，实际为 “{self._value('deadline')}”")
        milestones, bad = parse_milestones(self.query_one("#milestones", TextArea).text)
        errors += bad
        item = attrs.evolve(
            self.item, problem=problem, lead_unit=self._value("lead_unit"),
            responsible_units=split_units(self._value("responsible_units")),
            cooperating_units=split_units(self._value("cooperating_units")), person=self._value("person"),
            status=self.query_one("#status", Select).value, measures=self.query_one("#measures", TextArea).text.strip(),
            milestones=milestones, evidence=split_units(self._value("evidence")), note=self._value("note"),
        )
        if deadline is not None and not self.new:
            try:
                item = item.reschedule(deadline, self._value("reason"), on=self.as_of)
            except ValueError as exc:
                errors.append(f"{exc}（原时限 {deadline_text(self.item.deadline)}）")
        elif deadline is not None:
            item = attrs.evolve(item, deadline=deadline)
        return (None, errors) if errors else (item, [])

    def action_save(self) -> None:
        item, errors = self.edited()
        if errors:
            self.query_one("#editor-errors", Static).update("\n".join(errors))
            self.query_one("#editor-errors").add_class("-shown")
            return
        self.dismiss(item)


class TimetableScreen(Screen):
    """The plan of ``profile_path``, reconciled with ``result`` as of ``as_of`` (default today)."""

    CSS_PATH = "timetable.tcss"
    BINDINGS = [
        Binding("1", "view('area')", "问题清单"),
        Binding("2", "view('unit')", "责任清单"),
        Binding("3", "view('month')", "时间表"),
        Binding("e,enter", "edit", "编辑"),
        Binding("n", "add", "新增"),
        Binding("escape", "back", "返回"),
    ]

    def __init__(self, profile_path: Path, result: ProfileResult, as_of: dt.date | None = None) -> None:
        super().__init__()
        self.profile_path = Path(profile_path)
        self.path = plan_path_for(self.profile_path)
        self.result, self.as_of = result, as_of or dt.date.today()
        self.view = "month"
        self.plan: Plan | None = None
        self.error = ""
        self.row_items: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="tt-summary", markup=False)
        yield Static("", id="tt-views")
        yield DataTable(id="tt-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="tt-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()
        self.query_one("#tt-table", DataTable).focus()

    # data ---------------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the plan (if any), reconcile it with the result and save it when it changed."""
        try:
            old = load_plan(self.path) if self.path.exists() else None
            host = getattr(self.app, "host", None)
            plan, changes = reconcile(old, self.result, as_of=self.as_of,
                                      deadline_for=deadline_chooser(host, self.result.unit, self.as_of),
                                      profile=old.profile if old else self.profile_path.name)
            if plan is not old:
                save_plan(plan, self.path)
                if old is not None and (changes.added or changes.gone or changes.reopened):
                    self.notify(f"整改台账已按最新自评结果更新：{changes}")
            self.plan, self.error = plan, ""
        except InvalidPlan as exc:
            self.plan, self.error = None, "\n".join(map(str, exc.errors)) + "\n整改台账有错误，修正文件后重新打开。"
        except OSError as exc:
            self.plan, self.error = None, f"{self.path}: 无法保存整改台账：{exc.strerror or exc}"
        self.redraw()

    def save_item(self, original: Item | None, item: Item) -> bool:
        """Write ``item`` into the plan on disk, re-read first so other edits survive; refuse when
        that item itself changed on disk since it was opened."""
        try:
            disk = load_plan(self.path) if self.path.exists() else self.plan
            current = disk.item(item.id) if disk else None
            if current != original:
                self.notify(f"{item.id} 已在别处被修改，本次编辑未保存；已重新载入，请再编辑一次。", severity="error")
                self.plan = disk
                self.redraw()
                return False
            plan = disk.replace(item)
            save_plan(plan, self.path)
        except InvalidPlan as exc:
            self.notify("\n".join(map(str, exc.errors)), title="整改台账有错误，未保存", severity="error")
            return False
        except OSError as exc:
            self.notify(f"无法保存整改台账：{exc.strerror or exc}", severity="error")
            return False
        self.plan = plan
        self.redraw(select=item.id)
        self.notify(f"已保存 {item.id} 到 {self.path.name}")
        return True

    # drawing ------------------------------------------------------------------------------------

    def summary_line(self) -> str:
        """The always-visible top line: unit, as-of date, completion rate, overdue and 可销号 counts."""
        if self.plan is None:
            return "整改台账  无法打开"
        # the counts come first so a narrow terminal cuts the unit name, not them
        return f"{summary(self.plan, self.as_of)}  截至 {self.as_of.isoformat()}  整改台账：{self.plan.unit}"

    def groups(self) -> list[tuple[str, list[tuple[Item, str]]]]:
        """The current view's groups as ``(title, [(item, role)])``; role is empty outside 责任清单."""
        assert self.plan is not None
        if self.view == "unit":
            return views.by_unit(self.plan)
        rows = views.by_area(self.plan) if self.view == "area" else views.by_month(self.plan)
        return [(g, [(i, "") for i in items]) for g, items in rows]

    def redraw(self, select: str | None = None) -> None:
        """Rebuild summary, view tabs and table, keeping (or moving to) the selected item."""
        self.query_one("#tt-summary", Static).update(self.summary_line())
        tabs = "  ".join(f"[{'reverse' if v == self.view else 'dim'}] {n+1} {name} [/]" for n, (v, name) in enumerate(views.VIEWS.items()))
        self.query_one("#tt-views", Static).update(tabs)
        table = self.query_one("#tt-table", DataTable)
        keep = select or self.selected_id()
        table.clear(columns=True)
        self.row_items = {}
        if self.plan is None:
            self.query_one("#tt-detail", Static).update(Text(self.error, style="red"))
            return
        span = views.months(self.plan, self.as_of)
        now = (self.as_of.year, self.as_of.month)
        head = Text()
        for m in span:
            head.append(f"{m[1]:02d} ", style="reverse" if m == now else ("bold" if m[1] == 1 else ""))
        group_title = {"area": "区域", "unit": "单位", "month": "月份"}[self.view]
        rows = []
        for g, (group, pairs) in enumerate(self.groups()):
            for n, (item, role) in enumerate(pairs):
                late = item.overdue(self.as_of)
                style = "bold red" if late else ("dim" if item.finished else "")
                bar = Text()
                for kind in views.bar(item, span, self.as_of):
                    bar.append("   ", style=BAR_STYLES.get(kind, ""))
                rows.append((f"{g}:{item.id}", item.id, [
                    Text(group if n == 0 else "", style="bold"), Text(("!" if late else " ") + item.id, style=style),
                    item.problem, role if self.view == "unit" else item.lead_unit,
                    Text(deadline_text(item.deadline), style=style), Text(state_text(item, self.as_of), style=style), bar,
                ], style))
        labels = [group_title, "编号", "问题", "角色" if self.view == "unit" else "牵头单位", "完成时限", "状态", head]
        # the problem column takes what the others leave, so status and bars fit a narrow terminal
        widths = [max([width(str(label))] + [width(str(r[2][c])) for r in rows]) for c, label in enumerate(labels)]
        others = sum(w + 2 for c, w in enumerate(widths) if c != 2)
        widths[2] = min(widths[2], max(10, min(36, (self.size.width or self.app.size.width) - others - 4)))
        for key, label, cells in zip(("group", "id", "problem", "lead", "deadline", "state", "bar"), labels, widths):
            table.add_column(label, key=key, width=cells)
        for row_key, item_id, cells, style in rows:
            cells[2] = Text(clip(cells[2], widths[2]), style=style)
            table.add_row(*cells, key=row_key)
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
        item = self.plan.item(self.selected_id() or "") if self.plan else None
        detail = self.query_one("#tt-detail", Static)
        if item is None:
            detail.update("没有整改事项：本次自评没有扣分项。按 n 可手工新增。" if self.plan and not self.plan.items else "")
            return
        lines = [f"[{item.id}] {item.problem}"]
        if item.clause:  # a duty without points (Henan 2021) has nothing to win back: no "可挽回 0 分"
            lines.append(f"条款：{item.clause}" + (f"  可挽回 {item.points.normalize():f} 分" if item.points > 0 else ""))
        lines.append(f"整改措施：{item.measures or '（未填写）'}")
        lines.append(f"牵头单位：{item.lead_unit or '（未指定）'}  责任单位：{'、'.join(item.responsible_units) or '（未指定）'}"
                     f"  配合单位：{'、'.join(item.cooperating_units) or '无'}  责任人：{item.person or '（未指定）'}")
        for m in item.milestones:
            late = "" if m.done or m.date >= self.as_of else "（已过期）"
            lines.append(f"阶段节点：{m.date.isoformat()} {m.text} {'已完成' if m.done else '未完成'}{late}")
        for c in item.history:
            lines.append(f"时限调整：{c.date.isoformat()} 由 {deadline_text(c.old)} 调整为 {deadline_text(c.new)}（{c.reason}）")
        if item.evidence:
            lines.append(f"佐证材料：{'、'.join(item.evidence)}")
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
        self.app.push_screen(ItemEditor(item, self.as_of), lambda edited: self._edited(item, edited))

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
