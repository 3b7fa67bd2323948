"""The area walkthrough: every rule of one area as a question, re-scored on every answer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ucm_check.engine.headline import duty_counts
from ucm_check.model import COMPLIANT, NOT_APPLICABLE, UNANSWERED
from ucm_check.numbers import fmt
from ucm_check.tui.screens import area_name, late_part, topbar, translate_bindings, update
from ucm_check.tui.widgets import FactField, RuleCard


class AreaScreen(Screen):
    """One area; ``focus_rule`` (a rule code) is scrolled to and its first input focused."""

    CSS_PATH = "area.tcss"  # parsed when first shown, not with the app

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
        yield Static("", id="topbar", markup=False)  # the unit name and file name are the clerk's, never markup
        yield Static("", id="area-head", markup=False)
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
                yield RuleCard(area.id, rule, fields, shared, app.tr, bonus=area.bonus,
                               scored=app.session.standard.scored, as_of=app.session.today)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_scores()
        card = self.query_one(f"#rule-{self.focus_rule}", RuleCard) if self.focus_rule else self.query(RuleCard).first()
        card.focus_first()
        if self.focus_rule:
            self.call_after_refresh(self.query_one("#rules").scroll_to_widget, card, top=True, animate=False)

    def reload(self, focus: str | None = None) -> None:
        """Rebuild the questions from the profile (after a merge brought in other answers), then
        put the cursor back on fact ``focus`` (a key of this area) when given."""

        if focus is None:  # keep the cursor where it was, so the keys work at once after a merge
            field = next((w for w in (self.focused.ancestors_with_self if self.focused else ()) if isinstance(w, FactField)), None)
            focus = field.fact.key if field is not None else None

        async def rebuild() -> None:
            await self.recompose()
            self.refresh_scores()
            fields = list(self.query(FactField))
            target = next((f for f in fields if f.fact.key == focus), fields[0] if fields else None)
            if target is not None:
                target.focus_input()

        self.call_later(rebuild)

    def on_screen_resume(self) -> None:
        self.refresh_scores()

    def head_line(self) -> str:
        """The area's own result: points (with how many rules are unanswered), or for a standard
        without points, its duties by status. The total and its range are on the top bar."""
        app, area = self.app, self.area
        result = app.session.area_result(area.id)
        name = area_name(area, app.tr.lang, ". " if app.tr.lang == "en" else "、")
        if not app.session.standard.scored:
            n = duty_counts(result.findings)
            applicable = len(result.findings) - n[NOT_APPLICABLE]
            if not applicable:
                return app.tr("duty_area_na", name=name)
            return app.tr("duty_area_line", name=name, met=n[COMPLIANT], total=applicable, late=late_part(app.tr, n), **n)
        key = "bonus_area_line" if area.bonus else "area_line"
        line = app.tr(key, name=name, score=fmt(result.score), max=fmt(area.max))
        open_ = result.count(UNANSWERED)
        return line + (app.tr("area_open", count=open_) if open_ else "")

    def refresh_scores(self) -> None:
        app, area = self.app, self.area
        result = app.session.area_result(area.id)
        update(self.query_one("#area-head", Static), self.head_line())
        update(self.query_one("#topbar", Static), topbar(app))
        findings = {f.rule.code: f for f in result.findings}
        for card in self.query(RuleCard):
            card.show(findings.get(card.rule.code), result.error)
        # a question only not-applicable rules ask (HN-10-2 for a county) has no input to fill in
        asked = {fact.key for f in result.findings if f.status != NOT_APPLICABLE for fact in f.rule.shape.facts}
        for field in self.query(FactField):
            field.display = not findings or field.fact.key in asked
        self.check_parts()

    def check_parts(self) -> None:
        """A count asked as 其中… (of whom) is a part of the count asked just before it: more than
        the whole is said at once (5 trained of 3 recruited), though the answer is kept."""
        app, area = self.app, self.area
        fields = {f.fact.key: f for f in self.query(FactField)}
        facts = list(area.facts)
        for whole, part in zip(facts, facts[1:]):
            field = fields.get(part.key)
            if field is None or part.kind != "count" or whole.kind != "count" or not part.label.startswith("其中"):
                continue
            have, of = app.session.editor.value(area.id, part.key), app.session.editor.value(area.id, whole.key)
            doubt = have is not None and of is not None and have > of
            field.warn(app.tr("part_exceeds", part=part.label, have=have, whole=whole.label, of=of) if doubt else "")

    def on_fact_field_answered(self, event: FactField.Answered) -> None:
        event.stop()
        self.app.answer(event.area, event.key, event.value)
        if event.value is False:
            self.ask_done_or_not(event.key)

    def done_date_of(self, key: str):
        """The completion-date fact paired with yes/no fact ``key`` in a dated duty, when it is filled in."""
        for rule in self.area.rules:
            done_on = getattr(rule.shape, "done_on", None)
            condition = getattr(rule.shape, "condition", None)
            if done_on is None or key not in {f.key for f in getattr(condition, "facts", ())}:
                continue
            if self.app.session.editor.value(self.area_id, done_on.key) is not None:
                return done_on
        return None

    def ask_done_or_not(self, key: str) -> None:
        """否 while a completion date is filled in contradicts itself: ask which of the two is right."""
        from ucm_check.profile.editing import CLEARED
        from ucm_check.tui.screens.dialogs import Confirm

        done_on = self.done_date_of(key)
        if done_on is None:
            return
        tr, day = self.app.tr, self.app.session.editor.value(self.area_id, done_on.key)
        label = done_on.label_en if tr.lang == "en" and done_on.label_en else done_on.label

        def chosen(answer: str | None) -> None:
            if answer == "not_done":
                self.app.answer(self.area_id, done_on.key, CLEARED)
            elif answer == "done":
                self.app.answer(self.area_id, key, True)
            else:
                return
            self.reload(focus=key)

        self.app.push_screen(Confirm(tr("no_but_dated", label=label, day=day.isoformat()), [
            ("not_done", tr("not_done_clear"), "warning"), ("done", tr("done_keep_yes"), "primary"),
            ("cancel", tr("keep_both"), "default")]), chosen)

    def settle_inputs(self) -> None:
        """Before the screen is left: fields emptied and not yet left count as unanswered."""
        for field in self.query(FactField):
            field.settle_on_leaving()
            key, text = (field.area, field.fact.key), field.refused()
            if text is None:
                self.app.refused.pop(key, None)
            else:  # kept by the app: this screen and its text may be gone by the time the clerk saves
                self.app.refused[key] = (field.label, text)

    def action_back(self) -> None:
        self.settle_inputs()
        self.app.pop_screen()

    def action_step(self, step: int) -> None:
        self.settle_inputs()
        areas = [a.id for a in self.app.session.standard.areas]
        self.app.open_area(areas[(areas.index(self.area_id) + step) % len(areas)])
