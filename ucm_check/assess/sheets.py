"""Spreadsheets the sources send (.xlsx, .xlsm, .xls), read with python-calamine after a bounded check.

A workbook is untrusted: before any parser sees it, the file's size is bounded and, for the zip-based
formats, every part is read once here (at most :data:`MAX_PART_BYTES` each, its CRC checked), any DTD
is refused and every cell reference must lie within :data:`MAX_ROWS` x :data:`MAX_COLUMNS`. calamine
then only ever sees a workbook whose cells fit in a few tens of megabytes. A .xls (BIFF) cannot be
pre-scanned this way: it is read in a child process under a memory limit (:data:`CHILD_MEMORY`).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from typing import Any

from ucm_check.assess.limits import file_size_problem
from ucm_check.files.fields import escaped
from ucm_check.files.problems import InvalidFile, ProfileError

MAX_ROWS = 10_000
"""Rows a score sheet may use (a district has dozens of units, a province a few thousand)."""
MAX_COLUMNS = 256
MAX_PART_BYTES = 64 * 1024 * 1024
"""Uncompressed bytes of one part of an xlsx (a sheet, the shared strings)."""
MAX_TOTAL_BYTES = 128 * 1024 * 1024
_TAG = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*)>")
_REF_ATTR = re.compile(rb"""\br\s*=\s*["']([^"']*)["']""")
_CELL_REF = re.compile(r"^([A-Z]{1,3})([1-9][0-9]{0,6})$")
_ROW_REF = re.compile(r"^[1-9][0-9]{0,6}$")


def column_letter(col: int) -> str:
    """Excel's name for a 1-based column: 1 -> A, 27 -> AA."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """Excel's column letters as a 1-based number: A -> 1, AA -> 27."""
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def read_spreadsheet(path: str, what: str, error: type[InvalidFile], sheet: str = "") -> tuple[tuple[int, tuple[Any, ...]], ...]:
    """The non-empty rows (1-based row number, cells) of the first sheet (or ``sheet``) of a workbook,
    cached formula values; raise ``error`` in Chinese."""
    def fail(message: str) -> InvalidFile:
        return error([ProfileError(path, 0, 0, f"无法读取{what}：{message}")])

    problem = file_size_problem(path)
    if problem:
        raise fail(problem)
    if not path.lower().endswith(".xls"):
        problem = _zip_problem(path)
        if problem:
            raise fail(problem)
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        raise fail("读取 Excel 工作簿需要 python-calamine：请运行 pip install python-calamine，或把文件另存为 CSV") from None
    loaded = _load_apart(path, sheet) if path.lower().endswith(".xls") else _load(path, sheet)
    if loaded is None:
        raise fail("不是有效的 Excel 工作簿（文件损坏、格式不符或工作表过大；若是 .et 或 .ods，请另存为 .xlsx 或 CSV）")
    names, name, (height, columns), grid = loaded
    if not names:
        raise fail("工作簿中没有任何工作表")
    if name is None:
        listed = "、".join(escaped(n) for n in names[:20])
        raise error([ProfileError(path, 0, 0, f"工作簿中没有名为 “{escaped(sheet)}” 的工作表；有：{listed}")])
    if grid is None:
        raise fail(f"工作表 “{escaped(name)}” 用到第 {height} 行、{column_letter(columns)} 列，"
                   f"超出 {MAX_ROWS} 行、{MAX_COLUMNS} 列的上限")
    rows = []
    for number, cells in enumerate(grid, start=1):
        values = tuple(_value(c) for c in cells)
        if any(v is not None and str(v).strip() for v in values):
            rows.append((number, values))
    return tuple(rows)


Loaded = tuple[list[str], "str | None", tuple[int, int], "list[list[Any]] | None"]
"""(sheet names, the chosen sheet or None when absent, its (rows, columns) used, its cells or None
when over the limits)."""


def _load(path: str, sheet: str) -> Loaded | None:
    """Read in this process (an xlsx already checked by :func:`_zip_problem`); None when unreadable."""
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(path)
        names = list(book.sheet_names)
        name = sheet or (names[0] if names else "")
        if name not in names:
            return names, None, (0, 0), None
        ws = book.get_sheet_by_name(name)
        size = (ws.total_height + 1, ws.total_width + 1) if ws.height else (0, 0)
        if size[0] > MAX_ROWS or size[1] > MAX_COLUMNS:
            return names, name, size, None
        return names, name, size, ws.to_python(skip_empty_area=False)
    except BaseException as exc:  # calamine raises its own errors, and pyo3's PanicException is a BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit, MemoryError)):
            raise
        return None


#: A .xls cannot be pre-scanned without parsing its compound file, and calamine sizes a sheet's grid
#: by its farthest cell (a 6 KB file with cells at A1 and IV65536 takes 1 GB), so it is read in a
#: child process under a memory limit; the cells come back as JSON, dates tagged.
CHILD_MEMORY = 512 * 1024 * 1024
_CHILD = r"""
import datetime, json, sys
try:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[3]), int(sys.argv[3])))
except (ImportError, ValueError, OSError):
    pass
sys.path = [p for p in sys.path if p not in ("", ".")]
import python_calamine
def cell(v):
    if isinstance(v, datetime.datetime): return {"datetime": v.isoformat()}
    if isinstance(v, datetime.date): return {"date": v.isoformat()}
    if isinstance(v, (datetime.time, datetime.timedelta)): return str(v)
    if isinstance(v, float) and v != v: return {"nan": 1}
    return v
book = python_calamine.CalamineWorkbook.from_path(sys.argv[1])
names = list(book.sheet_names)
name = sys.argv[2] or (names[0] if names else "")
out = {"names": names, "name": name if name in names else None, "size": [0, 0], "grid": None}
if name in names:
    ws = book.get_sheet_by_name(name)
    out["size"] = [ws.total_height + 1, ws.total_width + 1] if ws.height else [0, 0]
    if out["size"][0] <= int(sys.argv[4]) and out["size"][1] <= int(sys.argv[5]):
        out["grid"] = [[cell(v) for v in row] for row in ws.to_python(skip_empty_area=False)]
sys.stdout.write(json.dumps(out, ensure_ascii=True, allow_nan=False))
"""


def _load_apart(path: str, sheet: str) -> Loaded | None:
    """Read a .xls in a child process limited to :data:`CHILD_MEMORY`; None when it fails."""
    import datetime as dt
    import json
    import os
    import subprocess
    import sys

    argv = [sys.executable, "-I", "-c", _CHILD, os.path.abspath(path), sheet, str(CHILD_MEMORY), str(MAX_ROWS), str(MAX_COLUMNS)]
    try:
        done = subprocess.run(argv, capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None

    def back(value: Any) -> Any:
        if isinstance(value, dict):
            if "datetime" in value:
                return dt.datetime.fromisoformat(value["datetime"])
            if "date" in value:
                return dt.date.fromisoformat(value["date"])
            return float("nan")
        return value

    try:
        doc = json.loads(done.stdout)
        grid = None if doc["grid"] is None else [[back(v) for v in row] for row in doc["grid"]]
        return doc["names"], doc["name"], tuple(doc["size"]), grid
    except (ValueError, KeyError, TypeError):
        return None


def _value(cell: Any) -> Any:
    return None if cell == "" else cell


def _zip_problem(path: str) -> str:
    """Why the xlsx at ``path`` must not be parsed, or ``""``: every part read once, within bounds."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        return "不是有效的 xlsx 工作簿（若是 .et 或 .ods，请在 Excel/WPS 中另存为 .xlsx 或 CSV）"
    total = 0
    with archive:
        for info in archive.infolist():
            if info.file_size > MAX_PART_BYTES:
                return f"工作簿中的 {info.filename} 解压后有 {info.file_size} 字节，超出 {MAX_PART_BYTES} 字节的上限"
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                return f"工作簿解压后超出 {MAX_TOTAL_BYTES} 字节的上限"
            if info.is_dir() or not info.filename.lower().endswith((".xml", ".rels")):
                continue
            try:
                data = archive.read(info)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError, zlib.error):
                return f"工作簿中的 {info.filename} 已损坏，无法解压"
            if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                return f"工作簿中的 {info.filename} 含有 DTD（<!DOCTYPE>），Excel 和 WPS 不会这样保存，拒绝读取"
            if info.filename.lower().startswith("xl/worksheets/"):
                problem = _cells_problem(info.filename, data)
                if problem:
                    return problem
    return ""


def _cells_problem(part: str, data: bytes) -> str:
    """A cell reference that is malformed or lies beyond the limits, in one sheet's XML."""
    row, col = 0, 0
    for found in _TAG.finditer(data):
        ref = _REF_ATTR.search(found.group(2))
        text = ref.group(1).decode("ascii", "replace") if ref else ""
        if found.group(1) == b"row":
            if ref and not _ROW_REF.match(text):
                return f"工作表 {part} 中有无效的行号 “{text[:20]}”"
            row, col = (int(text) if ref else row + 1), 0
        else:
            if ref:
                cell = _CELL_REF.match(text)
                if not cell:
                    return f"工作表 {part} 中有无效的单元格引用 “{text[:20]}”"
                col, row = column_number(cell.group(1)), int(cell.group(2))
            else:
                col += 1
        if row > MAX_ROWS or col > MAX_COLUMNS:
            where = f"第 {row} 行" + (f" {column_letter(col)} 列" if col else "")
            return f"工作表 {part} 在{where}有内容，超出 {MAX_ROWS} 行、{MAX_COLUMNS} 列的上限"
    return ""
