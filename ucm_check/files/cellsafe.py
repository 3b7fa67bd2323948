"""Spreadsheet safety for text we did not write ourselves (plan items, unit names): a cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel, WPS and
LibreOffice (CSV injection, OWASP). In XLSX such text is written as a string cell with Excel's
quote prefix, so it stays text even when someone edits the cell; in CSV it gets OWASP's leading
``'``, which spreadsheets hide and people can still read.
"""

from __future__ import annotations

from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make a spreadsheet read a cell as a formula (OWASP's list)."""


def risky(value: Any) -> bool:
    """True for text a spreadsheet would evaluate."""
    return isinstance(value, str) and value.startswith(TRIGGERS)


def csv_cell(value: Any) -> Any:
    """``value`` for a CSV cell: risky text gets a leading ``'``; anything else is unchanged."""
    return "'" + value if risky(value) else value
