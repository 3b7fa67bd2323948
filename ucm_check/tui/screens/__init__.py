"""The TUI's screens: start, new self-check, overview, area walkthrough, gaps, dialogs."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from textual.dom import DOMNode

import ucm_check.tui.wrapping  # noqa: F401  (every widget's text of the main TUI wraps the Chinese way)


def translate_bindings(node: DOMNode, tr) -> None:
    """Replace binding descriptions (string ids such as ``"save"``) with text in the UI language.

    Bindings are declared once per class with ids; the footer, help screen and palette then show
    the translated text.
    """
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            dataclasses.replace(b, description=tr(b.description)) if b.description in tr.table else b
            for b in bindings
        ]


def update(static, text: str) -> None:
    """Set a Static's text only when it changed (an update always costs a relayout)."""
    if getattr(static, "_ucm_text", None) != text:
        static._ucm_text = text
        static.update(text)


def area_name(area, lang: str, sep: str = " ") -> str:
    """``一 加强基层党建工作``; an area whose title already starts with its number (加分评价) is not
    numbered again (no "加分、加分评价")."""
    title = area.title_en if lang == "en" and area.title_en else area.title
    return title if area.title.startswith(area.number) else f"{area.number}{sep}{title}"


def late_part(tr, counts: dict[str, int]) -> str:
    """``  逾期完成 N`` for a status line when any duty was done late; nothing otherwise, so that a
    narrow top bar keeps the unit's name."""
    from ucm_check.model import MET_LATE

    return tr("late_part", met_late=counts[MET_LATE]) if counts.get(MET_LATE) else ""


def headline(app) -> str:
    """The total as far as it is known: a final total, a provisional one with the answered count and
    the range it can still take, or, for a standard without points, the duties' statuses."""
    from ucm_check.engine.headline import completeness, duty_counts
    from ucm_check.numbers import fmt

    result, tr = app.session.result, app.tr
    c = completeness(result)
    if not result.standard.scored:
        n = duty_counts(result.findings)
        return tr("duty_short", answered=c.answered, applicable=c.applicable, late=late_part(tr, n), **n)
    if c.complete:
        return tr("headline_final", total=fmt(c.total))
    return tr("headline_open", total=fmt(c.total), answered=c.answered, applicable=c.applicable,
              low=fmt(c.lowest), high=fmt(c.highest))


def topbar(app) -> str:
    """The first line of every profile screen: the headline first (a narrow terminal cuts the unit
    name, never the total's range), then the file, whether edits are unsaved, and the unit."""
    session, tr = app.session, app.tr
    if session is None:
        return tr("app_title")
    dirty = "" if not session.editor.dirty else tr("recovered_mark" if session.recovered else "unsaved_mark")
    if session.editor.read_only_reason:
        dirty += tr("read_only_mark")
    from ucm_check.profile.editing.info import PLACEHOLDER_NAME

    name = session.editor.unit().get("name", "")
    if name == PLACEHOLDER_NAME:  # init's placeholder: say what to do, not a name in brackets
        name = tr("name_missing")
    return f"{headline(app)}  {session.editor.path.name}{dirty}  {name}"


#: Bar glyphs: both East-Asian-neutral and in every console font (CP437), so a bar takes exactly
#: its width in Chinese terminals too (the full block █ is "ambiguous" and may be drawn two cells wide).
FILLED, EMPTY = "▐", "░"


def bar(score: Decimal, maximum: Decimal, width: int = 20) -> str:
    """A text bar of ``score`` out of ``maximum``: filled cells for the score, light shade for the rest."""
    filled = 0 if maximum <= 0 else int((score / maximum * width).to_integral_value(rounding="ROUND_HALF_UP"))
    filled = max(0, min(width, filled))
    return FILLED * filled + EMPTY * (width - filled)
