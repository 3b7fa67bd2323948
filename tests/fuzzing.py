"""Mutations of every input kind ucm-check reads, shared by the property tests
(``tests/test_fuzz_inputs.py``) and the longer run in ``bench/fuzz.py``.

A mutation is ``(operation, position, value)``: deterministic given those three, so hypothesis can
draw and shrink them and the bench can replay a seed. Each kind has a runner that puts the mutated
input where the user would, runs the real command in-process and returns what happened.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import struct
import zipfile
from pathlib import Path
from typing import Callable, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
TYPICAL = ROOT / "profiles" / "hunan-county-typical.toml"
KINDS = ("profile", "policy", "tailoring", "plan", "evidence", "bundle")

#: Values as TOML text: the edges the readers must survive.
VALUES = (
    "nan", "inf", "-inf", "+nan", "1e30", "-1", "0", "-0.0", "1" * 30, "9" * 15, "0.1234567890123456789012345",
    "1e-40", '"x"', '""', "[]", "{}", "[1, [2, [3]]]", "[" * 40 + "]" * 40, "[" * 1200 + "]" * 1200,
    "{ a = 1 }", "2020-01-01", "1979-05-27T07:32:00Z", "07:32:00", "true", '"=1+1"', '"\\u0000"', '"是"',
    "'../../etc/passwd'", '"./a.pdf"', '"d//b.pdf"', '["a", "a"]', '"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"',
)
OPERATIONS = ("value", "drop_line", "dup_line", "byte", "truncate", "header", "bom_crlf", "utf16", "key")

POLICY = 'name = "省级策略"\nmin_total = 85\nmax_unanswered = 3\nmax_overdue = 0\nveto = ["HN-06-1"]\n' \
         'evidence_required = ["HN-01-*"]\n\n[min_area]\ndiscipline = 12\n'
TAILORING = 'standard = "hunan-2020"\nname = "长沙市细则"\n\n[rules.HN-03-2]\nstep = 0.1\ncap = 1\n\n' \
            '[rules.HN-08-2]\nedge_reading = "upper"\n\n[rules.HN-06-4]\ndisable = true\nreason = "另行考核"\n'
EVIDENCE = '\n[evidence]\nHN-01-1 = ["佐证/批复.pdf"]\nHN-05-1a = [{ path = "佐证/公示.png", title = "公示" }]\n'


class Mutation(NamedTuple):
    """One edit of an input file."""

    operation: str
    position: int
    value: str


def mutate_text(text: str, m: Mutation) -> bytes:
    """``text`` after mutation ``m``, as the bytes a user's editor might save."""
    lines = text.splitlines(keepends=True) or ["\n"]
    i = m.position % len(lines)
    if m.operation == "value":
        lines[i] = re.sub(r"=\s*.*$", lambda _: f"= {m.value}", lines[i].rstrip("\n"), count=1) + "\n" if "=" in lines[i] \
            else lines[i] + f"x = {m.value}\n"
    elif m.operation == "drop_line":
        del lines[i]
    elif m.operation == "dup_line":
        lines.insert(i, lines[i])
    elif m.operation == "byte":
        raw = text.encode("utf-8")
        at = m.position % max(len(raw), 1)
        return raw[:at] + bytes([m.position % 256]) + raw[at + 1:]
    elif m.operation == "truncate":
        return text.encode("utf-8")[: m.position % max(len(text.encode("utf-8")), 1)]
    elif m.operation == "header":
        lines.insert(i, f"[foo.bar{m.position % 3}]\nx = {m.value}\n")
    elif m.operation == "bom_crlf":
        return b"\xef\xbb\xbf" + "".join(lines).replace("\n", "\r\n").encode("utf-8")
    elif m.operation == "utf16":
        return "".join(lines).encode("utf-16")
    elif m.operation == "key":
        lines.insert(i, f"unknown_{m.position % 7} = {m.value}\n")
    return "".join(lines).encode("utf-8")


class Result(NamedTuple):
    """What a command made of one mutated input."""

    code: int
    stdout: str
    stderr: str
    lost: str
    """Why a file the user owns was lost or corrupted, or ``""``."""


def invoke(*argv: str) -> tuple[int, str, str]:
    """Run ``ucm-check`` in this process, capturing stdout and stderr (both as UTF-8 bytes, as the
    commands write them)."""
    import contextlib

    from ucm_check.cli import main

    out_buf, err_buf = io.BytesIO(), io.BytesIO()
    out_stream = io.TextIOWrapper(out_buf, encoding="utf-8", write_through=True)
    err_stream = io.TextIOWrapper(err_buf, encoding="utf-8", write_through=True)
    with contextlib.redirect_stdout(out_stream), contextlib.redirect_stderr(err_stream):
        try:
            code = main(["--log-level", "error", *argv])
        except SystemExit as exc:  # usage errors raised while building the host
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out_buf.getvalue().decode("utf-8", "replace"), err_buf.getvalue().decode("utf-8", "replace")


def _evidence_folder(folder: Path) -> None:
    (folder / "佐证").mkdir(exist_ok=True)
    (folder / "佐证" / "批复.pdf").write_bytes(b"%PDF-1.4 pifu")
    (folder / "佐证" / "公示.png").write_bytes(b"\x89PNG gongshi")


def _unchanged_or_valid(path: Path, before: bytes, check: Callable[[Path], bool]) -> str:
    if not path.exists():
        return f"{path.name} 不见了"
    if path.read_bytes() != before and not check(path):
        return f"{path.name} 被改写成无效文件"
    return ""


def run_kind(kind: str, m: Mutation, folder: Path) -> Result:
    """Mutate the input of ``kind`` with ``m`` inside the empty ``folder`` and run its command."""
    profile = folder / "u.toml"
    if kind == "profile":
        data = mutate_text(TYPICAL.read_text(encoding="utf-8"), m)
        profile.write_bytes(data)
        code, out, err = invoke("check", str(profile), "--format", "json", "--as-of", "2026-11-24")
        lost = "" if profile.read_bytes() == data else "档案被改动"
        return Result(code, out, err, lost)
    if kind == "policy":
        path = folder / "policy.toml"
        path.write_bytes(mutate_text(POLICY, m))
        return Result(*invoke("check", str(TYPICAL), "--policy", str(path), "--format", "json"), "")
    if kind == "tailoring":
        path = folder / "t.toml"
        path.write_bytes(mutate_text(TAILORING, m))
        return Result(*invoke("check", str(TYPICAL), "--tailoring", str(path), "--format", "json"), "")
    if kind == "plan":
        shutil.copy(TYPICAL, profile)
        plan = folder / "u.plan.toml"
        code, _, _ = invoke("plan", str(profile), "--as-of", "2026-11-24")
        assert code == 0
        data = mutate_text(plan.read_text(encoding="utf-8"), m)
        plan.write_bytes(data)
        code, out, err = invoke("plan", str(profile), "--as-of", "2026-12-24", "--format", "json")
        return Result(code, out, err, _unchanged_or_valid(plan, data, _plan_valid))
    if kind == "evidence":
        _evidence_folder(folder)
        data = mutate_text(TYPICAL.read_text(encoding="utf-8") + EVIDENCE, Mutation(
            m.operation, len(TYPICAL.read_text(encoding="utf-8").splitlines()) + m.position % 4, m.value))
        profile.write_bytes(data)
        code, out, err = invoke("verify", str(profile), "--record")
        return Result(code, out, err, _unchanged_or_valid(profile, data, _profile_valid))
    if kind == "bundle":
        return run_bundle(m, folder)
    raise ValueError(kind)


def _plan_valid(path: Path) -> bool:
    from ucm_check.plan import InvalidPlan, load_plan

    try:
        load_plan(path)
    except InvalidPlan:
        return False
    return True


def _profile_valid(path: Path) -> bool:
    from ucm_check.engine.host import build_host
    from ucm_check.profile.reading import InvalidProfile, load_profile

    try:
        load_profile(str(path), build_host(entry_points=False).standards)
    except InvalidProfile:
        return False
    return True


_BUNDLE: dict[str, bytes] = {}


def good_bundle(folder: Path) -> bytes:
    """A real bundle of the typical county with two evidence files (made once per process)."""
    if "zip" not in _BUNDLE:
        work = folder / "source"
        work.mkdir()
        _evidence_folder(work)
        (work / "u.toml").write_text(TYPICAL.read_text(encoding="utf-8") + EVIDENCE, encoding="utf-8")
        code, _, err = invoke("bundle", str(work / "u.toml"), "-o", str(folder / "good.zip"), "--as-of", "2026-11-24")
        assert code == 0, err
        _BUNDLE["zip"] = (folder / "good.zip").read_bytes()
    return _BUNDLE["zip"]


def mutate_zip(raw: bytes, m: Mutation) -> bytes:
    """A tampered bundle: flipped bytes, patched headers, odd entries, a rewritten manifest or report."""
    op = m.position % 9
    if op == 0:  # a byte anywhere
        at = m.position % len(raw)
        return raw[:at] + bytes([raw[at] ^ (1 + m.position % 255)]) + raw[at + 1:]
    if op == 1:  # truncated
        return raw[: m.position % len(raw)]
    if op in (2, 3):  # method or flags of some entry, in both headers
        out = bytearray(raw)
        for sig, at_flag, at_method in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
            at = out.find(sig)
            for _ in range(m.position % 5):
                at = out.find(sig, at + 4) if at >= 0 else at
            if at >= 0:
                struct.pack_into("<H", out, at + (at_method if op == 2 else at_flag), m.position % 100)
        return bytes(out)
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    extra = {}
    if op == 4:  # a twin or an odd name
        names = ["./佐证/批复.pdf", "佐证//公示.png", "佐证/批复.PDF", "../evil", "/abs", "a\\b", "佐证/./批复.pdf"]
        extra[names[m.position % len(names)]] = m.value.encode()
    elif op == 5:  # manifest values replaced
        doc = json.loads(files["MANIFEST.json"])
        key = ("files", "profile", "as_of", "plan", "unit", "format")[m.position % 6]
        doc[key] = _json_value(m.value)
        files["MANIFEST.json"] = json.dumps(doc, ensure_ascii=False).encode()
    elif op == 6:  # report total replaced, hashes recomputed so only the value is wrong
        report = files["ucm-check-report.json"].decode()
        files["ucm-check-report.json"] = re.sub(r'"total": [^,]+', lambda _: f'"total": {json.dumps(_json_value(m.value))}',
                                                report, count=1).encode()
        _rehash(files)
    elif op == 7:  # the profile inside replaced by a mutated one, hashes recomputed
        files["u.toml"] = mutate_text(files["u.toml"].decode("utf-8"), m)
        _rehash(files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in {**files, **extra}.items():
            info = zipfile.ZipInfo(name)
            if op == 8:  # every entry a symlink
                info.create_system, info.external_attr = 3, 0o120777 << 16
            zf.writestr(info, data)
    return buffer.getvalue()


def _json_value(text: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return text


def _rehash(files: dict[str, bytes]) -> None:
    doc = json.loads(files["MANIFEST.json"])
    for item in doc["files"]:
        data = files[item["path"]]
        item["size"], item["sha256"] = len(data), hashlib.sha256(data).hexdigest()
    files["MANIFEST.json"] = json.dumps(doc, ensure_ascii=False).encode()


def run_bundle(m: Mutation, folder: Path) -> Result:
    path = folder / "x.zip"
    data = mutate_zip(good_bundle(folder), m)
    path.write_bytes(data)
    code, out, err = invoke("verify", str(path))
    return Result(code, out, err, "" if path.read_bytes() == data else "提交包被改动")


def problems(kind: str, result: Result) -> list[str]:
    """What is wrong with ``result``: exit 4, a traceback or English error, a lost file, bad JSON."""
    found = []
    if result.code not in (0, 1, 2):
        found.append(f"exit {result.code}")
    for word in ("Traceback", "内部错误", "Error:", "Exception", "Decimal(", "datetime.", "{'", "['"):
        if word in result.stderr:
            found.append(f"stderr 含 {word}")
    if result.lost:
        found.append(result.lost)
    if kind in ("profile", "policy", "tailoring"):  # check --format json: one document, whatever the input
        try:
            json.loads(result.stdout)
        except ValueError:
            found.append("stdout 不是一个 JSON 文档")
    if result.code == 2 and not re.search(r"错误", result.stderr):
        found.append("exit 2 却没有中文错误信息")
    return found
