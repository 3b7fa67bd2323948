"""A month's kept inputs: one ``history/<month>/inputs.csv`` holding every imported source's scores.

::

    来源编号,单位名称,得分,来源
    third_party,东风路街道办事处,50,第三方03.xlsx:3
    digital,东风路街道办事处,缺评,digital-03.csv:2

Sources follow the scheme's order, units the roster's. Folders kept before this layout have one
file per source (``history/<month>/third_party.csv`` with the last three columns); they are still
read, a source's own file only when ``inputs.csv`` has no block for it, and importing a source
into such a month moves that source into ``inputs.csv``. Importing rewrites only the source's own
block: every other source's lines are kept byte for byte.
"""

from __future__ import annotations

import csv
import functools
import os
from typing import Any

import attrs

from ucm_check.assess.folder import Folder, csv_cell
from ucm_check.assess.periods import Period
from ucm_check.assess.tables import Table, read_csv

INPUTS_FILE = "inputs.csv"
HEADER = ("来源编号", "单位名称", "得分", "来源")
OLD_HEADER = ("单位名称", "得分", "来源")


@attrs.frozen
class Block:
    """One source's kept scores for a month: where, and the table the readers check."""

    path: str
    table: Table
    """The header and this source's rows, with the file's own row numbers."""
    lines: tuple[str, ...] = ()
    """The rows as written in ``inputs.csv`` (empty for a source kept in its own file)."""


def inputs_path(folder: Folder, period: Period) -> str:
    """``history/<month>/inputs.csv``."""
    return os.path.join(folder.period_dir(period), INPUTS_FILE)


def blocks(folder: Folder, period: Period, error: Any) -> dict[str, Block]:
    """Every kept source of ``period``: ``inputs.csv``'s blocks, then old one-file-per-source files
    for sources it lacks. ``error`` is the :class:`InvalidFile` raised for an unreadable file."""
    found: dict[str, Block] = {}
    path = inputs_path(folder, period)
    if os.path.isfile(path):
        found = _combined(path, error)
    for sid in folder.scheme.sources:
        if sid not in found and os.path.isfile(folder.input_file(period, sid)):
            found[sid] = Block(folder.input_file(period, sid), Table(folder.input_file(period, sid), ()))
    return found


def imported(folder: Folder, period: Period) -> set[str]:
    """The sources whose scores ``period`` keeps. A damaged ``inputs.csv`` counts as holding them all,
    so that the month is ranked and the damage reported with its place, never skipped in silence."""
    from ucm_check.files.inputs import InvalidFile

    try:
        return set(blocks(folder, period, InvalidFile))
    except InvalidFile:
        return set(folder.scheme.sources)


def files(folder: Folder, period: Period) -> list[str]:
    """Every file that may hold ``period``'s inputs (existing or not): what its results follow from."""
    return [inputs_path(folder, period), *(folder.input_file(period, s) for s in folder.scheme.sources)]


def _combined(path: str, error: Any) -> dict[str, Block]:
    """``inputs.csv`` split into its sources' blocks, each line kept as written."""
    records = _records(path, error)
    if not records:
        return {}
    header = records[0][:2]
    by_source: dict[str, list[tuple[int, tuple[str, ...], str]]] = {}
    for record in records[1:]:
        by_source.setdefault(record[1][0].strip(), []).append(record)
    return {sid: Block(path, Table(path, (header, *((r, c) for r, c, _ in rows))), tuple(line for _, _, line in rows))
            for sid, rows in by_source.items()}


def _records(path: str, error: Any) -> list[tuple[int, tuple[str, ...], str]]:
    """Every non-blank record of ``inputs.csv`` in one pass: (row, cells, its text as written)."""
    from ucm_check.assess.limits import file_size_problem

    records: list[tuple[int, tuple[str, ...], str]] = []
    try:
        if file_size_problem(path):
            raise UnicodeError
        with open(path, encoding="utf-8-sig", newline="") as fh:
            physical = fh.readlines()
        if not any('"' in line for line in physical):  # no quoting: one record a line, split at commas
            for row, line in enumerate(physical, start=1):
                if line.replace(",", "").strip():
                    records.append((row, tuple(line.rstrip("\r\n").split(",")), line))
        else:
            reader = csv.reader(physical)
            start = 0
            for listed in reader:
                if listed and (listed[0].strip() or any(c.strip() for c in listed)):
                    records.append((reader.line_num, tuple(listed), "".join(physical[start:reader.line_num])))
                start = reader.line_num
    except (OSError, UnicodeError, csv.Error):  # GBK saved by hand, unreadable or damaged: the full reader decodes or says where
        table = read_csv(path, "已保存的得分文件", error)
        records = [(row, cells, ",".join(csv_cell(str(c)) for c in cells) + "\n") for row, cells in table.rows]
    if records and records[0][1][0].strip() != HEADER[0]:
        raise error([Table(path, ()).error(records[0][0], 1, f"第一列应为“{HEADER[0]}”（ucm-check 保存的格式：{'，'.join(HEADER)}）")])
    return records


@functools.lru_cache(maxsize=8192)
def cell(text: str) -> str:
    """:func:`~ucm_check.assess.folder.csv_cell`, remembered: the same unit names come every month."""
    return csv_cell(text)


def write_source(folder: Folder, period: Period, source: str, scores: list[Any], error: Any) -> str:
    """Keep ``scores`` as ``source``'s block of ``period``'s ``inputs.csv`` (atomically), every
    other block unchanged; remove the source's old own file. Return the file written."""
    from ucm_check.files.atomic import write_text

    path = inputs_path(folder, period)
    kept: dict[str, list[str]] = {}
    for _, cells, line in (_records(path, error)[1:] if os.path.isfile(path) else ()):
        kept.setdefault(cells[0].strip(), []).append(line if line.endswith(("\n", "\r")) else line + "\n")
    text = [",".join(HEADER) + "\n"]
    for sid in [*folder.scheme.sources, *sorted(set(kept) - set(folder.scheme.sources))]:
        if sid == source:
            head = csv_cell(sid)
            for s in scores:
                value = "缺评" if s.value is None else format(s.value, "f")
                text.append(f"{head},{cell(s.unit)},{value},{csv_cell(s.origin)}\n")
        else:
            text += kept.get(sid, ())
    os.makedirs(os.path.dirname(path), exist_ok=True)
    write_text(path, "".join(text), encoding="utf-8-sig")
    old = folder.input_file(period, source)
    if os.path.isfile(old):
        os.remove(old)
    return path
