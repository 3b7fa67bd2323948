"""Exports a clerk makes from where they are (the TUI's overview and timetable): one list of kinds.

Every kind renders from the profile **as saved on disk**, with the functions the CLI uses, and is
written atomically beside the profile. To add a kind (for example a Word 自评报告), append an
:class:`ExportKind` to :data:`EXPORTS`; the TUI's chooser, key and command palette list every
entry in order::

    from ucm_check.exports import EXPORTS, ExportKind, Source

    def render_docx(source: Source) -> bytes: ...

    EXPORTS.append(ExportKind("self-report-docx", "自评报告（docx）", "Self-assessment report (docx)",
                              "-自评报告.docx", render_docx))

Headless: nothing here imports Textual.
"""

from __future__ import annotations

from ucm_check.exports.builtin import BUILTIN
from ucm_check.exports.kinds import ExportFailed, ExportKind, Source, export, load_source

#: Every export kind, in the order the chooser lists them. Append to add one.
EXPORTS: list[ExportKind] = list(BUILTIN)

__all__ = ["EXPORTS", "ExportFailed", "ExportKind", "Source", "export", "kind", "load_source"]


def kind(kind_id: str) -> ExportKind:
    """The export kind with id ``kind_id`` (KeyError when there is none)."""
    for k in EXPORTS:
        if k.id == kind_id:
            return k
    raise KeyError(kind_id)
