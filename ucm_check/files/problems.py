"""Problems found in input files and the words used to describe values in them.

A leaf module (no other ucm_check imports): every reader — profiles, evidence lists, policies, plans,
tailoring, assessment rosters and schemes — reports through :class:`ProfileError` without importing the others.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs


@attrs.frozen
class ProfileError:
    """One problem in one file; ``line``/``column`` are 1-based, 0 when the file could not be read."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return f"{where}: 错误：{self.message}"


class InvalidFile(Exception):
    """Raised with every :class:`ProfileError` found in one input file (profile, policy, plan ...)."""

    def __init__(self, errors: list[ProfileError]):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


def suggest(word: str, candidates: list[str]) -> str:
    """``，是否想写 “X”？`` for the candidate closest to ``word``, or ``""``."""
    import difflib

    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f"，是否想写 “{close[0]}”？" if close else ""


def type_name(value: Any) -> str:
    """The Chinese name of ``value``'s TOML type (布尔值, 整数, 小数 ...)."""
    names = {bool: "布尔值", int: "整数", Decimal: "小数", float: "小数", str: "字符串", list: "数组", dict: "表",
             dt.date: "日期", dt.datetime: "日期时间", dt.time: "时间"}
    return names.get(type(value), type(value).__name__)


