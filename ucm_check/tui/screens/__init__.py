"""The TUI's screens: start, new self-check, overview, area walkthrough, gaps, dialogs."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from textual.dom import DOMNode


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


def topbar(app) -> str:
    """The first line of every profile screen: unit, file, total, and whether edits are unsaved."""
    session, tr = app.session, app.tr
    if session is None:
        return tr("app_title")
    from ucm_check.numbers import fmt

    result = session.result
    dirty = "" if not session.editor.dirty else tr("recovered_mark" if session.recovered else "unsaved_mark")
    name = session.editor.profile.unit.get("name", "")
    return f"{name}  {session.editor.path.name}{dirty}  {tr('total_short', total=fmt(result.total))}"


#: Bar glyphs: both East-Asian-neutral and in every console font (CP437), so a bar takes exactly
#: its width in Chinese terminals too (the full block █ is "ambiguous" and may be drawn two cells wide).
FILLED, EMPTY = "▐", "░"


def bar(score: Decimal, maximum: Decimal, width: int = 20) -> str:
    """A text bar of ``score`` out of ``maximum``: filled cells for the score, light shade for the rest."""
    filled = 0 if maximum <= 0 else int((score / maximum * width).to_integral_value(rounding="ROUND_HALF_UP"))
    filled = max(0, min(width, filled))
    return FILLED * filled + EMPTY * (width - filled)
