"""The words every reader uses to describe a value as the user wrote it: never a Python repr.

A leaf: it imports nothing of ucm_check, so any floor may use it."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any


def show(value: Any) -> str:
    """``value`` as the user wrote it in TOML: ``7.0``, ``true``, ``"是"``, ``2020-01-01``,
    ``[1, 2]``, ``{ a = 1 }`` (never ``Decimal('7.0')`` or ``datetime.date(2020, 1, 1)``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + escape_controls(value.replace("\\", "\\\\").replace('"', '\\"')) + '"'
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(show(v) for v in value[:10]) + (", …" if len(value) > 10 else "") + "]"
    if isinstance(value, dict):
        items = list(value.items())
        body = ", ".join(f"{_key(k)} = {show(v)}" for k, v in items[:10]) + (", …" if len(items) > 10 else "")
        return "{ " + body + " }" if body else "{}"
    if value is None:
        return "（空）"
    return str(value)


def _key(key: Any) -> str:
    key = str(key)
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else show(key)


def decimal_text(value: Decimal) -> str:
    """A Decimal as TOML writes it (``1e16``, ``nan``, ``-inf``)."""
    if value.is_nan():
        return "nan"
    if value.is_infinite():
        return "-inf" if value < 0 else "inf"
    text = str(value)
    return text.replace("E+", "e").replace("E", "e") if "E" in text else text


def type_name(value: Any) -> str:
    """The Chinese name of ``value``'s TOML type (布尔值, 整数, 小数 ...)."""
    names = {bool: "布尔值", int: "整数", Decimal: "小数", float: "小数", str: "字符串", list: "数组", dict: "表",
             dt.date: "日期", dt.datetime: "日期时间", dt.time: "时间"}
    return names.get(type(value), type(value).__name__)


def suggest(word: str, candidates: list[str]) -> str:
    """``，是否想写 “X”？`` for the candidate closest to ``word``, or ``""``."""
    import difflib

    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f"，是否想写 “{close[0]}”？" if close else ""


#: Characters never echoed raw to a terminal: C0/C1 controls (ESC starts ANSI sequences), DEL and the
#: bidirectional overrides that reorder what is shown (U+202A-202E, U+2066-2069).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    """``text`` with every control or bidi-override character written as TOML writes it (``\\u001b``);
    tab and line breaks stay."""
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
