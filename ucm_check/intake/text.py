"""The intake report as plain text (the default of ``ucm-check intake``) and as Markdown."""

from __future__ import annotations

from ucm_check.intake.records import Intake
from ucm_check.intake.tables import Table, all_tables, headline
from ucm_check.files.textwidth import ljust, rjust, width


def table_text(table: Table) -> list[str]:
    """A table with columns padded to their widest cell (Chinese characters count two)."""
    if not table.rows:
        return [table.title, "  （无）"]
    widths = [max(width(c) for c in col) for col in zip(table.headers, *table.rows)]

    def line(cells) -> str:
        parts = [rjust(c, w) if i in table.numeric else ljust(c, w) for i, (c, w) in enumerate(zip(cells, widths))]
        return "  " + "  ".join(parts).rstrip()

    return [table.title, line(table.headers), *(line(r) for r in table.rows)]


def render_text(intake: Intake) -> str:
    """Headline and every table."""
    lines = headline(intake)
    for table in all_tables(intake, every=False):
        lines += ["", *table_text(table)]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(intake: Intake) -> str:
    """Headline and every table as GitHub-flavoured Markdown."""
    head = headline(intake)
    lines = [f"# {head[0]}", "", *(f"- {h}" for h in head[1:])]
    for table in all_tables(intake, every=False):
        lines += ["", f"## {table.title}", ""]
        if not table.rows:
            lines.append("（无）")
            continue
        lines.append("| " + " | ".join(table.headers) + " |")
        lines.append("|" + "|".join("---:" if i in table.numeric else "---" for i in range(len(table.headers))) + "|")
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return "\n".join(lines) + "\n"
