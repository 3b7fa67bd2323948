"""Drive the TUI the way a clerk does: keys only, from the overview to a question and its answer.

Every helper presses keys through Pilot (no widget values set directly), so a journey test fails
where a clerk would get stuck.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.packs import run_cli
from ucm_check.profile.editing import CLEARED
from ucm_check.tui.widgets import FactField


async def settle(pilot, times: int = 2) -> None:
    for _ in range(times):
        await pilot.pause()


async def open_area(pilot, app, area_id: str) -> None:
    """From the overview: move the cursor to the area's row and press enter."""
    from textual.widgets import DataTable

    assert type(app.screen).__name__ == "OverviewScreen", type(app.screen).__name__
    table = app.screen.query_one("#areas", DataTable)
    move = [key.value for key in table.rows].index(area_id) - table.cursor_row
    await pilot.press(*["down" if move > 0 else "up"] * abs(move), "enter")
    await settle(pilot)
    assert type(app.screen).__name__ == "AreaScreen" and app.screen.area_id == area_id


def field_of(app) -> FactField | None:
    node = app.focused
    while node is not None and not isinstance(node, FactField):
        node = node.parent
    return node


async def focus_fact(pilot, app, area_id: str, key: str) -> FactField:
    """Tab from question to question until the one asking ``area.key`` has the focus."""
    for _ in range(80):
        field = field_of(app)
        if field is not None and field.area == area_id and field.fact.key == key:
            return field
        await pilot.press("tab")
    raise AssertionError(f"tab never reached {area_id}.{key}")


async def answer(pilot, app, area_id: str, key: str, value: Any) -> None:
    """Answer the focused-by-tab question with keys: y/n, typing, the choice list, space on items."""
    field = await focus_fact(pilot, app, area_id, key)
    fact = field.fact
    if value is CLEARED and fact.kind in ("bool", "subset"):
        await pilot.press("delete")
    elif fact.kind == "bool":
        await pilot.press("y" if value else "n")
    elif fact.kind in ("count", "percent", "date"):
        text = "" if value is CLEARED else typed(value)
        await pilot.press("end", "ctrl+u", *text, "enter")  # enter commits, as leaving the field does
    elif fact.kind == "choice":
        await choose(pilot, app, field, value)
    else:
        await tick(pilot, app, field, value)
    await settle(pilot)


def typed(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


async def choose(pilot, app, field: FactField, value: Any) -> None:
    """Open the choice list with enter, walk to the option (or （未填写） for CLEARED), enter."""
    from textual.widgets._select import SelectOverlay

    await pilot.press("enter")
    await pilot.pause()
    assert app.screen.query_one(SelectOverlay).has_focus
    wanted = field.fact.options.index(value) + 1 if value is not CLEARED else 0  # 0: the prompt row
    await pilot.press("home", *["down"] * wanted, "enter")
    await pilot.pause()


async def tick(pilot, app, field: FactField, value: tuple) -> None:
    """Walk the multi-select's items and press space on each one whose state must change."""
    from textual.widgets import SelectionList

    items = field.query_one(SelectionList)
    await pilot.press("home")
    for index, option in enumerate(field.fact.options):
        if (option in value) != (option in items.selected):
            await pilot.press("space")
            await pilot.pause()
        if index + 1 < len(field.fact.options):
            await pilot.press("down")


def check_json(path: Path, *args: str, env=None) -> dict:
    """``ucm-check check PATH --format json`` as CI runs it: the profile's entry."""
    out = run_cli("check", str(path), "--format", "json", *args, env=env)
    assert out.returncode == 0, out.stderr  # no policy: a profile with gaps still exits 0 (docs/ci.md)
    return json.loads(out.stdout, parse_float=Decimal)["profiles"][0]


def statuses(report: dict) -> dict[str, str]:
    """Rule code -> status, from a ``check --format json`` profile entry."""
    return {f["code"]: f["status"] for area in report["areas"] for f in area["findings"]}


async def type_ahead(pilot, app, *keys: str) -> None:
    """Send every key at once, as a fast typist or a paste into the terminal does (Pilot's own
    ``press`` waits for the app between keys), then wait until the app has handled them all."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        original = REPLACED_KEYS.get(key, key)
        try:
            char = unicodedata.lookup(_get_unicode_name_from_key(original))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)
    for _ in range(200):
        await pilot.pause()
        typeahead = getattr(app, "typeahead", None)
        if typeahead is None or (not typeahead.held and not typeahead.busy):
            break
    await settle(pilot, 3)
