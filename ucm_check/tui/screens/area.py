"""The area walkthrough: every rule of one area as a question, re-scored on every answer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ucm_check.numbers import fmt
from ucm_check.tui.screens import topbar, translate_bindings, update
from ucm_check.tui.widgets import FactField, RuleCard


class AreaScreen(Screen):
    """One area; ``focus_rule`` (a rule code) is scrolled to and its first input focused."""

    BINDINGS = [
        Binding("escape", "back", "back"),
        Binding("ctrl+n", "step(1)", "next_area", priority=True),
        Binding("ctrl+b", "step(-1)", "prev_area", show=False, priority=True),
    ]

    def __init__(self, area_id: str, focus_rule: str | None = None) -> None:
        super().__init__()
        self.area_id, self.focus_rule = area_id, focus_rule
        translate_bindings(self, self.app.tr)

    @property
    def area(self):
        return self.app.session.standard.area(self.area_id)

    def compose(self) -> ComposeResult:
        app, area = self.app, self.area
        yield Static("", id="topbar")
        yield Static("", id="area-head")
        own = {f.key for f in area.facts}
        shown: set[str] = set()
        with VerticalScroll(id="rules"):
            for rule in area.rules:
                fields, shared = [], []
                for fact in rule.shape.facts:
                    if fact.key not in own:
                        continue
                    if fact.key in shown:
                        shared.append(fact)
                        continue
                    shown.add(fact.key)
                    value = app.session.editor.value(area.id, fact.key)
                    fields.append(FactField(area.id, fact, value, app.tr, app.tr.lang))
                yield RuleCard(area.id, rule, fields, shared, app.tr, bonus=area.bonus)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_scores()
        card = self.query_one(f"#rule-{self.focus_rule}", RuleCard) if self.focus_rule else self.query(RuleCard).first()
        card.focus_first()
        if self.focus_rule:
            self.call_after_refresh(self.query_one("#rules").scroll_to_widget, card, top=True, animate=False)

    def reload(self) -> None:
        """Rebuild the questions from the profile (after a merge brought in other answers)."""

        async def rebuild() -> None:
            await self.recompose()
            self.refresh_scores()

        self.call_later(rebuild)

    def on_screen_resume(self) -> None:
        self.refresh_scores()

    def refresh_scores(self) -> None:
        app, area = self.app, self.area
        result = app.session.area_result(area.id)
        total = fmt(app.session.result.total)
        title = area.title_en if app.tr.lang == "en" else area.title
        key = "bonus_area_line" if area.bonus else "area_line"
        update(self.query_one("#area-head", Static),
               app.tr(key, number=area.number, title=title, score=fmt(result.score), max=fmt(area.max), total=total))
        update(self.query_one("#topbar", Static), topbar(app))
        findings = {f.rule.code: f for f in result.findings}
        for card in self.query(RuleCard):
            card.show(findings.get(card.rule.code), result.error)

    def on_fact_field_answered(self, event: FactField.Answered) -> None:
        event.stop()
        self.app.answer(event.area, event.key, event.value)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_step(self, step: int) -> None:
        areas = [a.id for a in self.app.session.standard.areas]
        self.app.open_area(areas[(areas.index(self.area_id) + step) % len(areas)])
