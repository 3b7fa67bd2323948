"""Issue 10, first table: tampered and hostile bundles are refused by ``verify X.zip`` with exit 2 and
a Chinese message, decided from the zip's directory before anything large is decompressed; and a
bundle stores one canonical name per evidence file."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import subprocess
import sys
import unicodedata
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.ci.conftest import copy_profile, run
from tests.ci.test_evidence import EVIDENCE
from ucm_check.files.archive import ArchiveError, Limits, canonical, open_archive

CHINESE_ONLY = ("Traceback", "内部错误", "Error:", "zlib")


@pytest.fixture
def county(tmp_path):
    (tmp_path / "佐证").mkdir()
    (tmp_path / "佐证" / "批复.pdf").write_bytes(b"%PDF-1.4 pifu" * 50)
    (tmp_path / "佐证" / "公示.png").write_bytes(b"\x89PNG gongshi")
    return copy_profile(tmp_path, extra=EVIDENCE)


@pytest.fixture
def good(capsys, county, tmp_path) -> Path:
    out = tmp_path / "good.zip"
    assert run(capsys, "bundle", str(county), "-o", str(out), "--as-of", "2026-11-24")[0] == 0
    return out


def verify(capsys, path: Path) -> tuple[int, str]:
    code, _, err = run(capsys, "verify", str(path), "--as-of", "2026-11-24")
    assert not any(word in err for word in CHINESE_ONLY), err
    return code, err


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def repack(path: Path, out: Path, files: dict[str, bytes], *, manifest: bool = True) -> Path:
    """Write ``files`` as a bundle, the manifest's hashes recomputed so that only the change shows."""
    files = dict(files)
    if manifest:
        doc = json.loads(files["MANIFEST.json"])
        doc["files"] = [{"path": n, "role": "evidence", "size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
                        for n, d in sorted(files.items()) if n != "MANIFEST.json"]
        files["MANIFEST.json"] = json.dumps(doc, ensure_ascii=False).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return out


def patch_headers(path: Path, name: str, *, method: int | None = None, flags: int | None = None) -> None:
    """Change the compression method or flag bits of entry ``name`` in both its headers."""
    raw = bytearray(path.read_bytes())
    encoded = name.encode()
    for sig, flag_at, method_at, name_len_at, name_at in ((b"PK\x03\x04", 6, 8, 26, 30), (b"PK\x01\x02", 8, 10, 28, 46)):
        at = raw.find(sig)
        while at >= 0:
            length = struct.unpack_from("<H", raw, at + name_len_at)[0]
            if bytes(raw[at + name_at: at + name_at + length]) == encoded:
                if method is not None:
                    struct.pack_into("<H", raw, at + method_at, method)
                if flags is not None:
                    struct.pack_into("<H", raw, at + flag_at, flags)
            at = raw.find(sig, at + 4)
    path.write_bytes(bytes(raw))


def test_a_bad_crc_is_refused_with_a_chinese_message(capsys, good, tmp_path):
    files = entries(good)
    bad = tmp_path / "crc.zip"
    with zipfile.ZipFile(bad, "w", zipfile.ZIP_STORED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    raw = bad.read_bytes()
    at = raw.index(b"%PDF-1.4 pifu")
    bad.write_bytes(raw[:at] + b"%PDF-1.5" + raw[at + 8:])  # same size, other bytes, old CRC
    code, err = verify(capsys, bad)
    assert code == 2 and "佐证/批复.pdf" in err and "校验和（CRC）不符" in err


def test_corrupt_deflate_data_is_refused_not_an_internal_error(capsys, good, tmp_path):
    raw = bytearray(good.read_bytes())
    info = next(i for i in zipfile.ZipFile(good).infolist() if i.filename == "佐证/批复.pdf")
    start = info.header_offset + 30 + len(info.filename.encode())
    for i in range(start, start + info.compress_size):
        raw[i] ^= 0x5A
    bad = tmp_path / "deflate.zip"
    bad.write_bytes(bytes(raw))
    code, err = verify(capsys, bad)
    assert code == 2 and "佐证/批复.pdf" in err and ("无法解压" in err or "CRC" in err)


def test_an_unknown_compression_method_is_refused_before_reading(capsys, good, tmp_path):
    bad = tmp_path / "method.zip"
    bad.write_bytes(good.read_bytes())
    patch_headers(bad, "佐证/批复.pdf", method=99)
    code, err = verify(capsys, bad)
    assert code == 2 and "不支持的压缩方式（编号 99）" in err


def test_the_encrypted_flag_is_refused(capsys, good, tmp_path):
    bad = tmp_path / "encrypted.zip"
    bad.write_bytes(good.read_bytes())
    patch_headers(bad, "佐证/批复.pdf", flags=0x1)
    code, err = verify(capsys, bad)
    assert code == 2 and "已加密" in err


def test_a_symlink_entry_to_etc_passwd_is_refused(capsys, good, tmp_path):
    files = entries(good)
    bad = repack(good, tmp_path / "link.zip", files)
    with zipfile.ZipFile(bad, "a") as zf:
        link = zipfile.ZipInfo("佐证/passwd")
        link.create_system = 3
        link.external_attr = 0o120777 << 16
        zf.writestr(link, "/etc/passwd")
    code, err = verify(capsys, bad)
    assert code == 2 and "“佐证/passwd” 是符号链接" in err


def test_manifest_files_given_as_strings_are_refused(capsys, good, tmp_path):
    files = entries(good)
    doc = json.loads(files["MANIFEST.json"])
    doc["files"] = [item["path"] for item in doc["files"]]
    files["MANIFEST.json"] = json.dumps(doc).encode()
    code, err = verify(capsys, repack(good, tmp_path / "strings.zip", files, manifest=False))
    assert code == 2 and "files 第 1 项应为" in err


@pytest.mark.parametrize("total", ['"x"', '"NaN"', "1e999", "[1]", "{}"])
def test_a_report_total_that_is_not_a_number_is_refused(capsys, good, tmp_path, total):
    files = entries(good)
    report = files["ucm-check-report.json"].decode()
    files["ucm-check-report.json"] = report.replace('"total": 86.2', f'"total": {total}', 1).encode()
    assert files["ucm-check-report.json"] != report.encode()
    code, err = verify(capsys, repack(good, tmp_path / "total.zip", files))
    assert code == 2 and "缺失或无法解析" in err


@pytest.mark.parametrize("first, second", [
    ("佐证/a.pdf", "./佐证/a.pdf"), ("佐证//b.pdf", "佐证/b.pdf"), ("佐证/./c.pdf", "佐证/c.pdf"),
    ("佐证/D.pdf", "佐证/d.pdf"), (unicodedata.normalize("NFC", "佐证/é.pdf"), unicodedata.normalize("NFD", "佐证/é.pdf")),
])
def test_verify_refuses_two_spellings_of_one_name(capsys, good, tmp_path, first, second):
    files = entries(good)
    files[first], files[second] = b"one", b"two"
    code, err = verify(capsys, repack(good, tmp_path / "twins.zip", files))
    assert code == 2 and "不接受重名" in err


def test_a_bundle_stores_dot_slash_and_double_slash_paths_under_one_canonical_name(capsys, tmp_path):
    (tmp_path / "佐证").mkdir()
    (tmp_path / "佐证" / "批复.pdf").write_bytes(b"%PDF pifu")
    county = copy_profile(tmp_path, extra='\n[evidence]\nHN-01-1 = ["./佐证/批复.pdf"]\nHN-01-2 = ["佐证//批复.pdf"]\n'
                                          'HN-05-1a = ["佐证/./批复.pdf"]\n')
    code, _, err = run(capsys, "bundle", str(county), "-o", str(tmp_path / "out.zip"), "--as-of", "2026-11-24")
    assert code == 0, err
    names = list(entries(tmp_path / "out.zip"))
    assert names.count("佐证/批复.pdf") == 1 and not any(n.startswith("./") or "//" in n for n in names)
    assert verify(capsys, tmp_path / "out.zip")[0] == 0


def test_a_bundle_refuses_evidence_names_that_differ_only_in_case(capsys, tmp_path):
    (tmp_path / "佐证").mkdir()
    (tmp_path / "佐证" / "a.pdf").write_bytes(b"one")
    (tmp_path / "佐证" / "A.pdf").write_bytes(b"two")
    county = copy_profile(tmp_path, extra='\n[evidence]\nHN-01-1 = ["佐证/a.pdf"]\nHN-01-2 = ["佐证/A.pdf"]\n')
    code, _, err = run(capsys, "bundle", str(county), "-o", str(tmp_path / "out.zip"))
    assert code == 2 and "只差大小写" in err and not (tmp_path / "out.zip").exists()


def test_a_profile_listing_one_file_twice_in_two_spellings_is_invalid(capsys, tmp_path):
    county = copy_profile(tmp_path, extra='\n[evidence]\nHN-01-1 = ["佐证/a.pdf", "./佐证/a.pdf"]\n')
    code, _, err = run(capsys, "check", str(county))
    assert code == 2 and "是同一个文件" in err


def test_canonical_names_drop_dots_and_empty_parts_and_compose_unicode():
    assert canonical("./d//./b.pdf") == "d/b.pdf"
    assert canonical(unicodedata.normalize("NFD", "é")) == unicodedata.normalize("NFC", "é")


def bomb(path: Path, size: int) -> Path:
    """A zip holding ``size`` zero bytes in one deflated entry, written by hand from one compressed
    MiB repeated (full flushes make the pieces independent), so making it takes a moment."""
    block = bytes(1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    data = piece * (size >> 20) + b"\x03\x00"  # then an empty final block
    crc = 0
    for _ in range(size >> 20):
        crc = zlib.crc32(block, crc)
    manifest = json.dumps({"format": "ucm-check-bundle", "files": []}).encode()
    out, central = bytearray(), bytearray()
    for name, method, body, crc_, length in (("MANIFEST.json", 0, manifest, zlib.crc32(manifest), len(manifest)),
                                             ("佐证/scan.pdf", 8, data, crc, size)):
        encoded = name.encode()
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 0x031E, 20, 0x800, method, 0, 0x21, crc_, len(body),
                               length, len(encoded), 0, 0, 0, 0, 0o100644 << 16, len(out)) + encoded
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0x800, method, 0, 0x21, crc_, len(body), length,
                           len(encoded), 0) + encoded + body
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 2, 2, len(central), len(out), 0)
    path.write_bytes(bytes(out + central + end))
    return path


def test_a_small_bundle_holding_a_gibibyte_is_refused_from_its_directory_in_little_memory(tmp_path):
    path = bomb(tmp_path / "bomb.zip", 1 << 30)
    assert path.stat().st_size < 2 << 20
    # VmHWM is this process's own peak: ru_maxrss would also count the pages of the (large, late in a
    # long suite) pytest process it was forked from, which Linux carries across exec
    probe = ("import re, sys\nfrom ucm_check.cli import main\ncode = main(['verify', sys.argv[1]])\n"
             "status = open('/proc/self/status').read()\n"
             "print(code, re.search(r'VmHWM:\\s+(\\d+)', status).group(1))")
    proc = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, encoding="utf-8")
    code, max_kib = map(int, proc.stdout.split())
    assert code == 2 and "疑似压缩炸弹" in proc.stderr and "1024 MB" in proc.stderr
    assert max_kib < 200 * 1024


def test_reading_stops_at_the_limits_even_for_an_entry_that_passes_the_ratio(tmp_path):
    path = bomb(tmp_path / "big.zip", 8 << 20)
    with pytest.raises(ArchiveError) as info:
        open_archive(str(path), Limits(entry_bytes=4 << 20))
    assert "超过单个文件上限" in info.value.problems[0]
    with pytest.raises(ArchiveError) as info:
        open_archive(str(path), Limits(ratio=10))
    assert "疑似压缩炸弹" in info.value.problems[0]
    with open_archive(str(path), Limits(ratio=10_000)) as archive:
        digest, size = archive.sha256("佐证/scan.pdf")
    assert size == 8 << 20 and digest == hashlib.sha256(bytes(8 << 20)).hexdigest()


def test_a_file_that_is_not_a_zip_is_refused_in_chinese(tmp_path):
    path = tmp_path / "x.zip"
    path.write_bytes(b"PK\x05\x06" + b"\0" * 10 + io.BytesIO(b"junk").read())
    with pytest.raises(ArchiveError) as info:
        open_archive(str(path))
    assert "无法读取压缩包" in info.value.problems[0]
