"""Typed fields of a TOML table: the small vocabulary the readers are written in.

The table readers (:func:`table`, :func:`text`, :func:`number` ...) report each problem through
``err(key path, Chinese message)``; the value checks (:func:`date_value`, :func:`text_value`) return
``(value, "")`` or ``(None, message)`` for readers that walk a table key by key (intake's roster,
spot checks and surveys, the profile's ``[unit]``, tailoring). Every reader says a thing the same way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Callable

from ucm_check.files.inputs import show as toml_text
from ucm_check.files.inputs import suggest, type_name


def escaped(text: str, limit: int = 60) -> str:
    """``text`` as typed, with control characters shown as ``\\x1b`` (never sent to the terminal) and
    cut at ``limit`` characters."""
    shown = "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text[:limit])
    return shown + ("…" if len(text) > limit else "")


def show(value: Any) -> str:
    """``value`` as written in TOML, control characters escaped so that a message never drives the terminal."""
    return escaped(toml_text(value), 80)


Err = Callable[[tuple[str, ...], str], None]


def table(body: Any, path: tuple[str, ...], err: Err) -> dict[str, Any]:
    """The table at ``path[-1]`` of ``body``, or ``{}`` after reporting why not."""
    value = body.get(path[-1]) if isinstance(body, dict) else None
    if value is None:
        err(path, f"缺少表 [{'.'.join(path)}]")
        return {}
    if not isinstance(value, dict):
        err(path, f"{'.'.join(path)} 应为表，实际为{type_name(value)}")
        return {}
    return value


def unknown(body: dict[str, Any], path: tuple[str, ...], known: set[str], err: Err) -> None:
    """Report every key of ``body`` not in ``known``, with a suggestion."""
    for key in body:
        if key not in known:
            where = f"[{'.'.join(path)}]" if path else "文件顶层"
            err((*path, key), f"{where} 中有未知字段 “{key}”{suggest(key, sorted(known))}；可用：{'、'.join(sorted(known))}")


def text(body: dict[str, Any], path: tuple[str, ...], err: Err, default: str | None = None) -> str:
    """A non-empty string (stripped), or ``""`` after reporting."""
    value = body.get(path[-1], default)
    if not isinstance(value, str) or not value.strip():
        err(path, f"{'.'.join(path)} 应为非空字符串，实际为{type_name(value)} {show(value)}" if value is not None
            else f"缺少 {'.'.join(path)}")
        return ""
    return value.strip()


def integer(body: dict[str, Any], path: tuple[str, ...], err: Err, default: int, low: int, high: int) -> int:
    """An integer in ``low..high`` (``default`` when absent or after reporting)."""
    value = body.get(path[-1], default)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        err(path, f"{'.'.join(path)} 应为 {low} 到 {high} 之间的整数，实际为{type_name(value)} {show(value)}")
        return default
    return value


def number(body: dict[str, Any], path: tuple[str, ...], err: Err, default: Decimal, low: Decimal | None = None,
            high: Decimal | None = None) -> Decimal:
    """A finite number in ``low..high`` as a Decimal (``default`` when absent or after reporting)."""
    value = body.get(path[-1], default)
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)) or not Decimal(value).is_finite():
        err(path, f"{'.'.join(path)} 应为数字，实际为{type_name(value)} {show(value)}")
        return default
    if (low is not None and value < low) or (high is not None and value > high):
        span = f"{low if low is not None else ''} 到 {high if high is not None else ''}"
        err(path, f"{'.'.join(path)} 应在 {span} 之间，实际为 {value}")
        return default
    return Decimal(value)


def choice(body: dict[str, Any], path: tuple[str, ...], err: Err, options: dict[str, str], default: str) -> str:
    """One of ``options`` (``default`` when absent or after reporting)."""
    value = body.get(path[-1], default)
    if not isinstance(value, str) or value not in options:
        listed = "；".join(f"{k}（{v}）" for k, v in options.items())
        err(path, f"{'.'.join(path)} 应为以下之一：{listed}；实际为 {show(value)}")
        return default
    return str(value)


def date_value(value: Any, what: str, example: str) -> tuple[dt.date | None, str]:
    """A TOML date (never a date-time or a quoted string): ``(value, "")``, or ``(None, message)``
    naming ``what`` (e.g. ``check.date（核查日期）``) and an ``example`` day to copy."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value, ""
    return None, f"{what}应为日期，写作 {example}（不加引号），实际为{type_name(value)} {show(value)}"


def text_value(value: Any, what: str) -> tuple[str | None, str]:
    """A non-empty string, stripped: ``(text, "")``, or ``(None, message)`` naming ``what``."""
    if isinstance(value, str) and value.strip():
        return value.strip(), ""
    return None, f"{what}应为非空字符串，实际为{type_name(value)} {show(value)}"
