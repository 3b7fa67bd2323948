"""Issue 17 §6 and issue 24: a zip must read the same in every unzip program and unpack to the same
names on every system. ``verify`` refuses an entry whose local header disagrees with the central
directory (Python reads by the directory, other programs by the local header), and names that
Windows would change or refuse, or that display differently from what they are; ``bundle`` never
packs a hard link to a file outside the submission folder."""

from __future__ import annotations

import io
import os
import struct
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.ci.conftest import copy_profile, run
from tests.ci.test_archive import county, entries, good, repack, verify  # noqa: F401  (fixtures)
from tests.ci.test_evidence import EVIDENCE
from ucm_check.files.archive import ArchiveError, open_archive

#: Offsets in a local file header of the fields compared with the central directory.
FIELDS = {"flags": (6, "<H"), "method": (8, "<H"), "crc": (14, "<L"), "csize": (18, "<L"), "usize": (22, "<L")}


def local(raw: bytearray, info: zipfile.ZipInfo, field: str, value: int) -> None:
    at, fmt = FIELDS[field]
    struct.pack_into(fmt, raw, info.header_offset + at, value)


@pytest.mark.parametrize("field, value, shown", [
    ("method", zipfile.ZIP_STORED, "压缩方式（目录区 8，文件头 0）"),
    ("flags", 0x0000, "标志位（目录区 0x0800，文件头 0x0000）"),
    ("usize", 1, "CRC 或大小"),
    ("csize", 3, "CRC 或大小"),
])
def test_verify_refuses_an_entry_whose_local_header_says_otherwise(capsys, good, tmp_path, field, value, shown):
    raw = bytearray(good.read_bytes())
    info = zipfile.ZipFile(good).getinfo("佐证/批复.pdf")
    local(raw, info, field, value)
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(raw))
    code, err = verify(capsys, bad)
    assert code == 2 and f"条目 “佐证/批复.pdf” 的{shown}在目录区和文件头中不一致" in err


def test_verify_refuses_a_local_header_naming_another_file(capsys, good, tmp_path):
    raw = good.read_bytes()
    info = zipfile.ZipFile(good).getinfo("佐证/公示.png")
    start = info.header_offset + 30
    name = "佐证/公示.png".encode()
    assert raw[start:start + len(name)] == name
    bad = tmp_path / "bad.zip"
    bad.write_bytes(raw[:start] + "佐证/公示.exe".encode() + raw[start + len(name):])
    code, err = verify(capsys, bad)
    assert code == 2 and "条目 “佐证/公示.png” 的名称在目录区和文件头中不一致" in err


@pytest.mark.parametrize("name, message", [
    ("佐证/批复\u202efdp.exe", "含双向文字控制符（如 U+202E）"),
    ("佐证/批复.pdf.", "以点或空格结尾"),
    ("佐证/批复.pdf ", "以点或空格结尾"),
    ("佐证 /批复.pdf", "以点或空格结尾"),
    ("佐证/CON", "Windows 的保留设备名"),
    ("佐证/nul.txt", "Windows 的保留设备名"),
    ("lpt1/a.pdf", "Windows 的保留设备名"),
    ("佐证/批复*.pdf", "Windows 不允许的字符 *"),
    ("佐证/批复?.pdf", "Windows 不允许的字符 ?"),
    ("佐证/a:b.pdf", "Windows 不允许的字符 :"),
    ("佐证/" + "长" * 84 + ".pdf", "的名称超过 255 字节"),  # 256 bytes
])
def test_verify_refuses_names_windows_would_change_or_that_show_another_name(capsys, good, tmp_path, name, message):
    files = entries(good)
    files[name] = files.pop("佐证/批复.pdf")
    code, err = verify(capsys, repack(good, tmp_path / "bad.zip", files))
    assert code == 2 and message in err


@pytest.mark.parametrize("name", ["佐证/CONSOLE.pdf", "佐证/con-tract.pdf", "佐证/a.b.c.pdf", "佐证/" + "长" * 83 + ".pdf"])  # 253 bytes
def test_names_that_only_look_like_the_refused_ones_are_accepted(capsys, good, tmp_path, name):
    files = entries(good)
    files[name] = files.pop("佐证/批复.pdf")
    code, err = verify(capsys, repack(good, tmp_path / "ok.zip", files))
    assert "条目" not in err


names = st.text(st.sampled_from("abcxyz019_-"), min_size=1, max_size=12)


@settings(derandomize=True, max_examples=150, deadline=None)
@given(files=st.dictionaries(names, st.binary(max_size=300), min_size=1, max_size=4),
       method=st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]),
       pick=st.integers(min_value=0), field=st.sampled_from([*FIELDS, "name"]), value=st.integers(0, 0xFFFF))
def test_any_disagreement_between_a_local_header_and_the_directory_is_refused(tmp_path_factory, files, method, pick,
                                                                             field, value):
    path = tmp_path_factory.mktemp("zip") / "a.zip"
    with zipfile.ZipFile(path, "w", method) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    with open_archive(str(path)) as archive:  # untouched: opens and reads back
        assert {n: archive.read(n) for n in archive.names()} == files
    info = zipfile.ZipFile(path).infolist()[pick % len(files)]
    raw = bytearray(path.read_bytes())
    if field == "name":
        at = info.header_offset + 30 + value % len(info.filename)
        raw[at] = ord("Q")  # not in the names' alphabet: always another name
    else:
        offset, fmt = FIELDS[field]
        before = struct.unpack_from(fmt, raw, info.header_offset + offset)[0]
        local(raw, info, field, value if value != before else before ^ 0x10)
    path.write_bytes(bytes(raw))
    with pytest.raises(ArchiveError) as caught:
        open_archive(str(path)).close()
    assert "在目录区和文件头中不一致" in caught.value.problems[0]


def test_bundle_refuses_evidence_hard_linked_to_a_file_outside_the_folder(capsys, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_bytes(b"not for the province")
    folder = tmp_path / "county"
    (folder / "佐证").mkdir(parents=True)
    os.link(outside, folder / "佐证" / "批复.pdf")
    (folder / "佐证" / "公示.png").write_bytes(b"\x89PNG gongshi")
    profile = copy_profile(folder, extra=EVIDENCE)
    code, _, err = run(capsys, "bundle", str(profile), "-o", str(tmp_path / "out.zip"), "--as-of", "2026-11-24")
    assert code == 2 and "“佐证/批复.pdf” 是指向提交目录之外的文件的硬链接" in err
    assert not (tmp_path / "out.zip").exists()


def test_bundle_packs_a_hard_link_whose_other_name_is_inside_the_folder(capsys, tmp_path):
    folder = tmp_path / "county"
    (folder / "佐证").mkdir(parents=True)
    (folder / "佐证" / "公示.png").write_bytes(b"\x89PNG gongshi")
    (folder / "原件.pdf").write_bytes(b"%PDF-1.4 pifu")
    os.link(folder / "原件.pdf", folder / "佐证" / "批复.pdf")
    profile = copy_profile(folder, extra=EVIDENCE)
    code, _, err = run(capsys, "bundle", str(profile), "-o", str(tmp_path / "out.zip"), "--as-of", "2026-11-24")
    assert code == 0, err
    assert zipfile.ZipFile(io.BytesIO((tmp_path / "out.zip").read_bytes())).read("佐证/批复.pdf") == b"%PDF-1.4 pifu"


@pytest.mark.parametrize("name, message", [("佐证/CON.pdf", "Windows 的保留设备名"), ("佐证/批复?.pdf", "Windows 不允许的字符 ?"),
                                           ("佐证/批复.pdf.", "以点或空格结尾")])
def test_bundle_never_writes_a_name_verify_would_refuse(capsys, tmp_path, name, message):
    folder = tmp_path / "county"
    (folder / "佐证").mkdir(parents=True)
    (folder / name).write_bytes(b"%PDF-1.4 pifu")
    (folder / "佐证" / "公示.png").write_bytes(b"\x89PNG gongshi")
    profile = copy_profile(folder, extra=EVIDENCE.replace("佐证/批复.pdf", name))
    code, _, err = run(capsys, "bundle", str(profile), "-o", str(tmp_path / "out.zip"), "--as-of", "2026-11-24")
    assert code == 2 and message in err and "Traceback" not in err
    assert not (tmp_path / "out.zip").exists()


def test_a_streamed_zip_with_data_descriptors_and_zip64_headers_is_accepted(tmp_path):
    """What unzip programs write when they stream (flag bit 3: CRC and sizes after the data, zeros
    or zip64 markers in the local header) is a well-formed zip, not a disagreement."""
    class Unseekable(io.RawIOBase):
        def __init__(self, sink):
            self.sink = sink

        def writable(self):
            return True

        def write(self, data):
            return self.sink.write(data)

    sink = io.BytesIO()
    with zipfile.ZipFile(Unseekable(sink), "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("a.txt", "w", force_zip64=True) as fh:
            fh.write(b"hello " * 100)
        zf.writestr("b.txt", b"world")
    path = tmp_path / "streamed.zip"
    path.write_bytes(sink.getvalue())
    assert zipfile.ZipFile(path).getinfo("a.txt").flag_bits & 0x08
    with open_archive(str(path)) as archive:
        assert archive.read("a.txt") == b"hello " * 100 and archive.read("b.txt") == b"world"
