"""The zip-bomb ratio at its edges: an entry over 1 MiB may expand exactly 100 times, not more; one
of exactly 1 MiB is never judged by its ratio. Decided from the central directory alone, so these
zips only *declare* their sizes (the compressed bytes are never read)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from ucm_check.files.archive import ArchiveError, open_archive

MiB = 1 << 20


def declaring(path: Path, compressed: int, expanded: int) -> Path:
    """A zip with one deflated entry ``佐证/scan.pdf`` whose directory says ``compressed`` → ``expanded`` bytes."""
    name = "佐证/scan.pdf".encode()
    body = bytes(compressed)
    crc = zlib.crc32(b"")
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0x800, 8, 0, 0x21, crc, compressed, expanded, len(name), 0)
    central = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 0x031E, 20, 0x800, 8, 0, 0x21, crc, compressed, expanded,
                          len(name), 0, 0, 0, 0, 0o100644 << 16, 0)
    out = local + name + body
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central) + len(name), len(out), 0)
    path.write_bytes(out + central + name + end)
    return path


@pytest.mark.parametrize("compressed, expanded", [
    (20_972, 100 * 20_972),  # 2,097,200 bytes from 20,972: exactly 100:1, allowed (不超过 100 倍)
    (1, MiB),  # 1 MiB from 1 byte: not over the 1 MiB floor, so no ratio applies
])
def test_an_entry_at_the_edge_of_the_ratio_or_the_floor_is_accepted(tmp_path, compressed, expanded):
    with open_archive(str(declaring(tmp_path / "x.zip", compressed, expanded))) as archive:
        assert archive is not None


@pytest.mark.parametrize("compressed, expanded, shown", [
    (20_971, 100 * 20_972, "压缩比 100:1"),  # 100.005:1, just over (the message shows the whole part)
    (14_000, 150 * 14_000, "压缩比 150:1"),
    (1, MiB + 1, "压缩比 1048577:1"),  # one byte over the floor
])
def test_an_entry_expanding_more_than_100_times_is_refused_as_a_bomb(tmp_path, compressed, expanded, shown):
    with pytest.raises(ArchiveError) as info:
        open_archive(str(declaring(tmp_path / "x.zip", compressed, expanded)))
    (problem,) = info.value.problems
    assert shown in problem and "超过 100:1：疑似压缩炸弹，未解压" in problem
