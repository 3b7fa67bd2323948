"""Tables from the files other people send: CSV (UTF-8, UTF-8 with BOM, or GBK as Excel and WPS save
it on Chinese Windows) and Excel workbooks (:mod:`ucm_check.assess.sheets`). Every cell keeps its row
and column so that a problem can be reported as ``file:row:column`` with what was written there.
Files larger than :data:`ucm_check.assess.limits.MAX_FILE_BYTES` are refused before they are read.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Iterator, Mapping

import attrs

from ucm_check.assess.limits import MAX_FILE_BYTES, file_size_problem
from ucm_check.assess.sheets import column_letter, read_spreadsheet
from ucm_check.files.problems import InvalidFile, ProfileError

#: Rows searched for the header row (a title such as “2026年3月第三方考评结果” may come first).
HEADER_SEARCH = 10


@attrs.define
class Table:
    """The cells of one sheet or CSV file: rows are 1-based as the user sees them."""

    file: str
    rows: tuple[tuple[int, tuple[Any, ...]], ...]
    """(row number, cells) for every row that has a non-empty cell."""
    spreadsheet: bool = False
    """True for xlsx (columns are then named by letter in messages)."""
    header_row: int = 1

    def error(self, row: int, col: int, message: str) -> ProfileError:
        """A located problem; xlsx messages also give the column letter."""
        where = f"（第 {row} 行 {column_letter(col)} 列）" if self.spreadsheet else f"（第 {row} 行第 {col} 列）"
        return ProfileError(self.file, row, col, message + where)

    def find_columns(self, wanted: Mapping[str, str | tuple[str, ...]], required: tuple[str, ...],
                     errors: list[ProfileError]) -> dict[str, int]:
        """Find the header row and each wanted column (key -> 1-based column); report what is missing.

        ``wanted`` maps a key to its header text or the accepted alternatives. The header row is the
        first of the first rows that holds every required header; the table remembers it.
        """
        def names(key: str) -> tuple[str, ...]:
            value = wanted[key]
            return (value,) if isinstance(value, str) else value

        for row, cells in self.rows[:HEADER_SEARCH]:
            texts = [str(c).strip() if c is not None else "" for c in cells]
            found = {key: texts.index(n) + 1 for key in wanted for n in names(key) if n in texts}
            if all(k in found for k in required):
                self.header_row = row
                return found
        first = self.rows[0][0] if self.rows else 1
        missing = "、".join(f"“{names(k)[0]}”" for k in required)
        errors.append(self.error(first, 1, f"找不到表头：前 {HEADER_SEARCH} 行中没有同时含 {missing} 的一行"))
        return {}

    def data_rows(self) -> Iterator[tuple[int, list[Any]]]:
        """Rows below the header, as lists of cells (strings for CSV, typed values for xlsx)."""
        for row, cells in self.rows:
            if row > self.header_row:
                yield row, list(cells)


def _decode(path: str, raw: bytes, error: type[InvalidFile], what: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as first:
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            before = raw[: first.start]
            line = before.count(b"\n") + 1
            message = f"{what}既不是 UTF-8 也不是 GBK 编码（请在 Excel/WPS 中另存为“CSV UTF-8”）"
            raise error([ProfileError(path, line, 1, message)]) from None


def read_csv(path: str, what: str, error: type[InvalidFile]) -> Table:
    """A CSV file in UTF-8 (a BOM allowed) or GBK; commas, fields quoted as Excel quotes them."""
    problem = file_size_problem(path)
    if problem:
        raise error([ProfileError(path, 0, 0, f"无法读取{what}：{problem}")])
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise error([ProfileError(path, 0, 0, f"无法读取{what}：{exc.strerror or exc}")]) from None
    text = _decode(path, raw, error, what)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((reader.line_num, tuple(cells)))
    except csv.Error as exc:
        raise error([ProfileError(path, reader.line_num, 1, f"CSV 格式错误：{exc}")]) from None
    return Table(path, tuple(rows))


def read_table(path: str, what: str, error: type[InvalidFile], sheet: str = "") -> Table:
    """CSV, or an Excel workbook (.xlsx, .xlsm, .xls), by the file's extension."""
    lower = path.lower()
    if lower.endswith((".xlsx", ".xlsm", ".xls")):
        return Table(path, read_spreadsheet(path, what, error, sheet), spreadsheet=True)
    if lower.endswith((".ods", ".et", ".numbers")):
        raise error([ProfileError(path, 0, 0, f"{what}的格式不受支持：请在 Excel/WPS 中另存为 .xlsx 或 CSV")])
    return read_csv(path, what, error)
