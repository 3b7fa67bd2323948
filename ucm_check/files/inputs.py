"""The one reader every input file goes through, and the guards every reader shares.

Every file ucm-check reads is untrusted. A reader (profile, policy, tailoring, plan, and the roster,
scheme and source readers) should:

* read bytes with :func:`read_text` (UTF-8, a BOM allowed; a bad byte is reported at its line and
  column, an OS error in Chinese with the path);
* parse TOML with :func:`load_toml`, which also refuses excessive nesting, non-finite numbers
  (``nan``, ``inf``) and numbers out of range (:func:`number_problem`), each located;
* show values in messages with :func:`show`, as the user wrote them (``7.0``, ``2020-01-01``,
  ``[1, 2]``), never as Python reprs;
* raise a subclass of :class:`InvalidFile` carrying every :class:`ProfileError` (both from the leaf
  :mod:`ucm_check.files.problems`, re-exported here with :func:`suggest` and :func:`type_name`).

Readers of other formats (spreadsheets, CSV, JSON) call :func:`number_problem` on each number and
:func:`depth_problem` on nested data themselves.
"""

from __future__ import annotations

import errno
import re
from decimal import Decimal
from typing import Any, Callable

import tomli

from ucm_check.facts.words import decimal_text
from ucm_check.files.problems import InvalidFile, ProfileError, show, suggest, type_name  # noqa: F401

__all__ = ["MAX_DEPTH", "MAX_MAGNITUDE", "MAX_PLACES", "InvalidFile", "ProfileError", "decode", "depth_problem",
           "load_toml", "nesting_position", "number_problem", "os_message", "path_text", "read_text", "show",
           "suggest", "toml_error", "type_name", "walk_problems"]

MAX_DEPTH = 16
"""Deepest nesting of arrays and tables accepted (a profile needs 3, a plan 4)."""
MAX_MAGNITUDE = Decimal(10) ** 15
"""Numbers must be smaller than this in absolute value (15 integer digits, as spreadsheets keep)."""
MAX_PLACES = 20
"""Most decimal places a number may have (a rate pasted from a spreadsheet has about 15)."""


_OS_MESSAGES = {
    errno.ENOENT: "文件或目录不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "操作不被允许（没有权限）",
    errno.EISDIR: "这是一个目录，不是文件",
    errno.ENOTDIR: "路径中的某一级不是目录",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "文件系统是只读的",
    errno.ENAMETOOLONG: "文件名太长",
    errno.ELOOP: "符号链接层数过多（可能是循环链接）",
    errno.EMFILE: "打开的文件过多",
    errno.EIO: "磁盘读写错误",
    errno.EEXIST: "文件已存在",
    errno.ETXTBSY: "文件正被其他程序使用",
    errno.EBUSY: "文件正被其他程序使用",
    errno.EFBIG: "文件过大",
}


def os_message(exc: OSError, path: str | None = None) -> str:
    """A Chinese sentence for an OS error, naming ``path`` (or the error's own file name)."""
    where = path if path is not None else (exc.filename if exc.filename is not None else "")
    reason = _OS_MESSAGES.get(exc.errno or 0)
    if reason is None:
        reason = f"系统错误（errno {exc.errno}：{exc.strerror or type(exc).__name__}）" if exc.errno else str(exc) or type(exc).__name__
    return f"“{where}”：{reason}" if where else reason


def read_text(path: str, what: str = "文件", error: type[InvalidFile] = InvalidFile) -> str:
    """The UTF-8 text of ``path`` (a BOM allowed); raise ``error`` naming the file, and for bad
    encoding the line and column of the first byte that is not UTF-8."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise error([ProfileError(path, 0, 0, f"无法读取{what}：{os_message(exc, '')}")]) from None
    return decode(path, raw, what, error)


def decode(path: str, raw: bytes, what: str = "文件", error: type[InvalidFile] = InvalidFile) -> str:
    """``raw`` as UTF-8 text (a BOM allowed); raise ``error`` at the first bad byte's line and column."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        message = f"{what}不是 UTF-8 编码（请用 UTF-8 另存，WPS/记事本均可选择）"
        raise error([ProfileError(path, line, col, message)]) from None


def number_problem(value: Any) -> str:
    """Why the number ``value`` (int, float or Decimal) cannot be used, or ``""``: not finite,
    :data:`MAX_MAGNITUDE` or more, or more than :data:`MAX_PLACES` decimal places."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return ""
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return f"数值 {'nan' if value != value else ('inf' if value > 0 else '-inf')} 不是有限的数"
        value = Decimal(repr(value))
    if isinstance(value, int):
        if abs(value) >= MAX_MAGNITUDE:
            return f"数值过大（{len(str(abs(value)))} 位数字）：最多 15 位整数"
        return ""
    if not value.is_finite():
        return f"数值 {decimal_text(value)} 不是有限的数（不能写 nan 或 inf）"
    if abs(value) >= MAX_MAGNITUDE:
        return f"数值 {decimal_text(value)} 过大：绝对值应小于 1e15"
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_PLACES:
        return f"数值 {decimal_text(value)} 小数位过多：最多 {MAX_PLACES} 位"
    return ""


def _all_usable(data: Any, limit: int) -> bool:
    """True when :func:`walk_problems` would find nothing: the same checks without building key
    paths or messages, which a batch pays on every profile that is fine (nearly all of them)."""
    stack = [(data, 0)]
    pop, push = stack.pop, stack.append
    while stack:
        value, depth = pop()
        kind = type(value)
        if kind is dict or kind is list:
            if depth > limit:
                return False
            for item in (value.values() if kind is dict else value):
                push((item, depth + 1))
        elif kind is str or kind is bool:
            continue
        elif kind is int:
            if value >= MAX_MAGNITUDE or -value >= MAX_MAGNITUDE:
                return False
        elif kind is Decimal:
            if not value.is_finite() or abs(value) >= MAX_MAGNITUDE or value.as_tuple().exponent < -MAX_PLACES:
                return False
        elif isinstance(value, (dict, list, int, float, Decimal)):  # subclasses, floats: the full walk
            return False
    return True


def walk_problems(data: Any, limit: int = MAX_DEPTH) -> list[tuple[tuple[Any, ...], str]]:
    """``(key path, message)`` for every nesting deeper than ``limit`` and every unusable number
    (:func:`number_problem`) in parsed data. Iterative, so it never overflows the stack."""
    if _all_usable(data, limit):
        return []
    found: list[tuple[tuple[Any, ...], str]] = []
    stack: list[tuple[tuple[Any, ...], Any, int]] = [((), data, 0)]
    while stack:
        path, value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > limit:
                found.append((path, f"嵌套层数超过 {limit} 层（数组或表套得过深）"))
                continue
            items = value.items() if isinstance(value, dict) else enumerate(value)
            stack.extend(((*path, k), v, depth + 1) for k, v in reversed(list(items)))
        else:
            problem = number_problem(value)
            if problem:
                found.append((path, problem))
    return found


def depth_problem(data: Any, limit: int = MAX_DEPTH) -> str:
    """A message when ``data`` nests deeper than ``limit``, else ``""`` (for JSON and other readers)."""
    return next((m for _, m in walk_problems(data, limit) if m.startswith("嵌套")), "")


def nesting_position(text: str, limit: int = MAX_DEPTH) -> tuple[int, int]:
    """1-based (line, column) of the first ``[`` or ``{`` nested deeper than ``limit`` in TOML
    ``text`` (strings and comments skipped), or of the end of the text."""
    depth, line, col, i, n = 0, 1, 0, 0, len(text)
    quote = ""
    while i < n:
        ch = text[i]
        col += 1
        if quote:
            if text.startswith(quote, i):
                i += len(quote)
                col += len(quote) - 1
                quote = ""
                continue
            if ch == "\\" and quote[0] == '"':
                i += 2
                col += 1
                continue
        elif ch in "\"'":
            quote = ch * 3 if text.startswith(ch * 3, i) else ch
            i += len(quote)
            col += len(quote) - 1
            continue
        elif ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return line, col
        elif ch in "]}":
            depth = max(depth - 1, 0)
        if ch == "\n":
            line, col = line + 1, 0
        i += 1
    return line, max(col, 1)


_TOML_MESSAGES = [
    (r"Expected '=' after a key in a key/value pair", "键之后应为 “=”"),
    (r"Invalid value", "无效的值（字符串要加引号，布尔值写 true 或 false）"),
    (r"Invalid statement", "无效的语句（应为 [表名] 或 键 = 值）"),
    (r"Invalid initial character for a key part", "键名开头的字符无效"),
    (r"Expected newline or end of document after a statement", "一条语句之后应换行"),
    (r"Cannot (?:declare|overwrite a value|mutate)[^(]*", "重复定义了同一个键或表"),
    (r"Unclosed array", "数组缺少右方括号 “]”"),
    (r"Unterminated string", "字符串缺少结尾引号"),
    (r"Illegal character", "非法字符"),
    (r"Expected ']' at the end of a table declaration", "表头缺少右方括号 “]”"),
    (r"Unclosed inline table", "内联表缺少右花括号 “}”"),
    (r"Found invalid character in string", "字符串中有非法字符"),
    (r"Invalid date or datetime", "无效的日期或时间（写作 2021-12-31）"),
    (r"Invalid hex value|Invalid", "无效的值"),
]


def _plain_words(detail: str, source: str) -> str:
    """The usual slips said the way a clerk would fix them, from the line itself: a quote that is
    not closed, a missing "=" (the parser reports the first as an illegal newline character)."""
    body = source.split("#", 1)[0] if source.count('"') % 2 == 0 else source
    if detail.startswith(("Illegal character '\\n'", "Unterminated string")) and source.count('"') % 2 == 1:
        return "这一行的引号没有配对：文字要用一对英文双引号括起来，如 name = \"某县城管局\"，结尾的 \" 漏掉了"
    if detail.startswith("Expected '=' after a key"):
        key = body.strip().split()[0] if body.strip() else ""
        return f"“{key}”后面缺少等号：每一项应写作 键 = 值，如 {key or 'name'} = \"某县城管局\""
    return ""


def toml_error(file: str, exc: tomli.TOMLDecodeError, text: str) -> ProfileError:
    """A TOML syntax error as a located Chinese :class:`ProfileError`."""
    msg = str(exc)
    found = re.search(r"\(at line (\d+), column (\d+)\)", msg)
    if found:
        line, col = int(found.group(1)), int(found.group(2))
    else:
        lines = text.splitlines() or [""]
        line, col = len(lines), len(lines[-1]) + 1
    detail = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", msg)
    source = (text.splitlines() or [""])[line - 1] if 0 < line <= len(text.splitlines()) else ""
    plain = _plain_words(detail, source)
    if plain:
        return ProfileError(file, line, col, f"TOML 语法错误：{plain}")
    for pattern, chinese in _TOML_MESSAGES:
        if re.match(pattern, detail):
            detail = chinese
            break
    return ProfileError(file, line, col, f"TOML 语法错误：{detail}")


Locator = Callable[[str, tuple[Any, ...]], tuple[int, int]]


def _key_locator(text: str, path: tuple[Any, ...]) -> tuple[int, int]:
    from ucm_check.files.locate import locate

    keys = []
    for part in path:
        if not isinstance(part, str):
            break
        keys.append(part)
    return locate(text, tuple(keys), value=len(keys) == len(path))


def load_toml(file: str, text: str, error: type[InvalidFile] = InvalidFile, *,
              locate: Locator | None = None) -> dict[str, Any]:
    """Parse TOML ``text`` (floats as exact :class:`~decimal.Decimal`) and refuse what no reader can
    use: syntax errors, nesting deeper than :data:`MAX_DEPTH`, and unusable numbers; raise
    ``error`` with every problem located. ``locate(text, path)`` turns a key path (strings and
    array indices) into a position; the default follows table headers and keys."""
    try:
        data = tomli.loads(text, parse_float=Decimal)
    except tomli.TOMLDecodeError as exc:
        raise error([toml_error(file, exc, text)]) from None
    except RecursionError:
        line, col = nesting_position(text)
        raise error([ProfileError(file, line, col, f"嵌套层数超过 {MAX_DEPTH} 层（数组或表套得过深）")]) from None
    found = walk_problems(data)
    if not found:
        return data
    where = locate or _key_locator
    errors = []
    for path, message in found:
        if message.startswith("嵌套"):
            line, col = nesting_position(text)
        else:
            line, col = where(text, path)
        errors.append(ProfileError(file, line, col, f"{path_text(path) + ' ' if path else ''}{message}"))
    errors.sort(key=lambda e: (e.line, e.column))
    raise error(errors)


def path_text(path: tuple[Any, ...]) -> str:
    """A key path as the user would name it: ``items[2].points``, ``min_area.discipline``."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
