"""The start screen (profiles found nearby) and the new self-check form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from ucm_check.tui.screens import translate_bindings


#: Files beside profiles that are not profiles: rectification plans and drafts.
NOT_PROFILES = (".plan.toml", ".draft.toml")


def find_profiles(folder: Path | None = None) -> list[Path]:
    """``*.toml`` profiles in ``folder`` (default: the current one) and its ``profiles/``, as relative paths."""
    base = folder or Path.cwd()
    found = sorted(base.glob("*.toml")) + sorted((base / "profiles").glob("*.toml"))
    return [p.relative_to(base) if folder is None else p for p in found
            if not p.name.startswith(".") and not p.name.endswith(NOT_PROFILES)]


class StartScreen(Screen):
    """Pick a profile to open, or start a new self-check."""

    CSS_PATH = "start.tcss"  # parsed when first shown, not with the app

    BINDINGS = [Binding("n", "new", "new")]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self, self.app.tr)

    def compose(self) -> ComposeResult:
        tr = self.app.tr
        found = find_profiles()
        yield Static(tr("start_title"), id="topbar", markup=False)
        with Vertical(id="start"):
            yield Static(tr("start_found") if found else tr("start_none"), id="found", markup=False)
            yield OptionList(*[Option(self._label(p), id=str(p)) for p in found], id="profiles")
            yield Static("", id="errors", markup=False)
            yield Static(tr("start_hint"), id="hint", markup=False)
        yield Footer(compact=True)

    def _label(self, path: Path) -> str:
        """The file name, and a word when unsaved answers wait in its draft (after a crash)."""
        from ucm_check.profile.editing import draft_path

        return f"{path}  {self.app.tr('has_draft')}" if draft_path(path).exists() else str(path)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        errors = self.app.open_profile(Path(event.option.id))
        if errors:
            self.show_errors(event.option.id, errors)

    def show_errors(self, file: str, errors: list[str]) -> None:
        box = self.query_one("#errors", Static)
        box.update("\n".join([self.app.tr("open_failed", file=file), *errors]))
        box.add_class("-shown")

    def action_new(self) -> None:
        self.app.push_screen(NewProfileScreen())


class NewProfileScreen(Screen):
    """Unit name, level, period and standard: writes a blank template profile and opens it."""

    CSS_PATH = "start.tcss"  # parsed when first shown, not with the app

    BINDINGS = [Binding("escape", "back", "back")]

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self.default_path = path
        self._offered: Path | None = None  # an existing file the form offered to open
        translate_bindings(self, self.app.tr)

    def compose(self) -> ComposeResult:
        tr, standards = self.app.tr, self.app.host.standards
        # the builtin standard first and chosen; an installed pack is offered, never silently the default
        default = self.app.host.default_standard
        order = sorted(standards, key=lambda sid: (sid != default, sid))
        first = order[0] if order else None
        yield Static(tr("new_title"), id="topbar", markup=False)
        with VerticalScroll(id="form"):
            yield Static(tr("f_name"), classes="label", markup=False)
            yield Input(placeholder="某县城市管理和综合执法局", id="name", compact=True)
            yield Static(tr("f_standard"), classes="label", markup=False)
            yield Select([(f"{standards[sid].title}（{sid}）", sid) for sid in order],
                         value=first if first else Select.NULL, allow_blank=False, id="standard", compact=True)
            yield Static(tr("f_level"), classes="label", markup=False)
            yield Select(self._levels(first), allow_blank=False, id="level", compact=True)
            yield Static(tr("f_region"), classes="label", markup=False)
            yield Input(placeholder="湖南省某市某县", id="region", compact=True)
            yield Static(tr("f_period"), classes="label", markup=False)
            yield Input(str(dt.date.today().year - 1), id="period", compact=True)
            yield Static(tr("f_path"), classes="label", markup=False)
            yield Input(self.default_path or "自评档案.toml", id="path", compact=True)
            yield Static("", id="errors", markup=False)
            yield Button(tr("create"), id="create", variant="primary")
        yield Footer(compact=True)

    def _levels(self, standard_id: str | None) -> list[tuple[str, str]]:
        standard = self.app.host.standards.get(standard_id) if standard_id else None
        levels = standard.levels if standard else ()
        # a county is the usual user: offer the standard's county level (县市区, 县（市、区）) first
        return [(lv, lv) for lv in sorted(levels, key=lambda lv: "县" not in lv)]

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "standard":
            self.query_one("#level", Select).set_options(self._levels(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.create()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.create()

    def action_back(self) -> None:
        self.app.pop_screen() if len(self.app.screen_stack) > 2 else self.app.switch_screen(StartScreen())

    def create(self) -> None:
        from ucm_check.profile.template import render
        from ucm_check.profile.editing import write_new

        tr = self.app.tr
        name = self.query_one("#name", Input).value.strip()
        period = self.query_one("#period", Input).value.strip()
        region = self.query_one("#region", Input).value.strip()
        raw_path = self.query_one("#path", Input).value.strip()
        standard = self.app.host.standards.get(self.query_one("#standard", Select).value)
        level = self.query_one("#level", Select).value
        path = Path(raw_path).expanduser()
        problem = ""
        if not raw_path or path.suffix != ".toml":
            problem = tr("need_path")
        elif self.app.refuse_path(path):
            problem = self.app.refuse_path(path)
        elif path.exists() and self._offered == path:
            self._open_existing(path)
            return
        elif path.exists():
            self._offered = path
            problem = tr("path_exists", path=raw_path)
        elif not name:
            problem = tr("need_name")
        elif not path.resolve().parent.is_dir():
            problem = tr("no_folder", folder=str(path.parent))
        if problem or standard is None:
            errors = self.query_one("#errors", Static)
            errors.update(problem)
            errors.scroll_visible()  # at 80x24 the form is taller than the screen
            return
        try:
            write_new(path, render(standard, level=level, name=name, region=region, period=period))
        except OSError as exc:
            self.query_one("#errors", Static).update(f"{tr('save_failed')}：{exc.strerror or exc}")
            return
        self.app.notify(tr("created", path=raw_path))
        self._open_existing(path)

    def _open_existing(self, path: Path) -> None:
        errors = self.app.open_profile(path)
        if errors:
            self.query_one("#errors", Static).update("\n".join([self.app.tr("open_failed", file=str(path)), *errors]))
