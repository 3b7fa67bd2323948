"""Text that XML cannot hold: control characters (U+0000–U+001F but tab, LF and CR), lone surrogates
and U+FFFE/U+FFFF. A profile or plan may carry them (a paste from another program, a hostile file);
Word files cannot. The writer drops them (:func:`strip`) and the commands say where each one was
(:func:`warnings`), so nothing is lost without a word and no run ends in an internal error.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def strip(text: str) -> str:
    """``text`` without the characters an XML document cannot contain."""
    return _BAD.sub("", text)


def _found(text: str) -> str:
    return "、".join(sorted({f"U+{ord(c):04X}" for c in _BAD.findall(text)}))


def _walk(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        if _BAD.search(value):
            yield path, _found(value)
    elif isinstance(value, Mapping):
        for key, inner in value.items():
            yield from _walk(inner, f"{path}.{key}" if path else str(key))
    elif isinstance(value, (list, tuple)):
        for n, inner in enumerate(value, 1):
            yield from _walk(inner, f"{path}[{n}]")


def warnings(profile_file: str, unit: Mapping[str, Any], texts: Mapping[str, Any], plan: Any = None,
             plan_file: str = "") -> list[str]:
    """One Chinese warning per field of ``[unit]``, ``[report]`` or the plan's items holding
    characters a Word file cannot contain, naming the field and the characters dropped."""
    import attrs

    found = [(profile_file, f"unit.{p}", c) for p, c in _walk(dict(unit), "")]
    found += [(profile_file, f"report.{p}", c) for p, c in _walk(dict(texts), "")]
    for item in getattr(plan, "items", ()):
        fields = attrs.asdict(item, recurse=True)
        found += [(plan_file, f"items[{item.id}].{p}", c) for p, c in _walk(fields, "")]
    return [f"{file}: 警告：{field} 含有不能写入 Word 文件的控制字符（{chars}），已删除；请在原文件中改正。"
            for file, field, chars in found]
