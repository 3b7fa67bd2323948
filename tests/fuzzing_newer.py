"""Mutations of the inputs the newer features read (issue 24): assess sources, schemes, rosters,
history and periods; intake bundles, rosters and overlays; the ``[report]`` table and plan text that
documents print; dates at the calendar's edges. Shared by ``tests/test_fuzz_newer.py`` (a fixed
seed, a few cases) and ``bench/fuzz.py`` (thousands, each in a forked child with a time and memory
watch).

A case is the same ``Mutation(operation, position, value)`` as ``tests/fuzzing.py``; each kind's
runner puts the mutated input where a user would and runs the real commands in-process, returning
the worst exit code and everything printed.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import sys
import zipfile
from pathlib import Path

from tests.fuzzing import ROOT, TYPICAL, Mutation, Result, invoke, mutate_text, mutate_zip

NEWER_KINDS = ("assess-csv", "assess-xlsx", "assess-scheme", "assess-roster", "assess-history", "assess-period",
               "intake-bundle", "intake-roster", "intake-overlay", "report", "letters", "dated")

#: Values as they would arrive in these files: edges of numbers, text the document writers and the
#: terminal must survive (control characters, ANSI escapes, U+FFFE, 300 characters), template
#: placeholders, names that collide as file names, dates at the calendar's ends.
NEWER_VALUES = (
    "nan", "NaN", "inf", "1e30", "-1", "0", "100.000000001", "0." + "1" * 57, "9" * 30, "", '""', '"x"', "[]", "{}",
    '"\\u0001"', '"a\\u001fb"', '"\\u001b[31m红\\u001b[0m"', '"\\ufffe"', '"' + "长" * 300 + '"', '"督查/科"', '"督查_科"',
    '"督查:科"', '"CON"', '"../x"', '"{0}/{period}.toml"', '"{short.__class__}"', '"=1+1"', "0001-01-01", "9999-12-31",
    "1900-01-01", "2100-12-31", '"0000-01"', '"2026-13"', '"9999-12"', "[" * 60 + "]" * 60, "true",
)

#: The same edges as raw CSV cells.
CELLS = ("NaN", "nan", "inf", "1e30", "-1", "", "0." + "1" * 57, "9" * 30, "缺评", "=1+1", "\x01", "\x1b[31m99\x1b[0m",
         "\ufffe", "长" * 300, "99\n98", '"', "１００", "80.5%", "0x10", "1_000")

PERIODS = ("2026-03", "0000-01", "0001-01", "9999-12", "2026-00", "2026-13", "2026-Q0", "2026-Q5", "26-03", "2026-3",
           "2026", "0000", "9999", "2026-Q1", "2026-03-01", "", " 2026-03", "２０２６-03", "2026-03\n")

AS_OF = ("2026-11-24", "0001-01-01", "1900-01-01", "1949-10-01", "2100-12-31", "2101-01-01", "9999-12-31", "2024-02-29",
         "2023-02-29", "2026-12-31", "2026-01-01")


def _cells(text: str, m: Mutation) -> bytes:
    """A CSV with one cell replaced by an edge value, or ``m`` applied to its text."""
    if m.operation != "value":
        return mutate_text(text, m)
    lines = text.splitlines()
    row = 1 + m.position % max(len(lines) - 1, 1)
    cells = lines[row].split(",")
    col = (m.position // 7) % len(cells)
    cells[col] = CELLS[m.position % len(CELLS)]
    if any(ch in cells[col] for ch in ',"\n'):
        cells[col] = '"' + cells[col].replace('"', '""') + '"'
    lines[row] = ",".join(cells)
    return ("\n".join(lines) + "\n").encode("utf-8")


# ── assess ──────────────────────────────────────────────────────────────────────────────────────
_CACHE: dict[str, Path] = {}


def _scratch() -> Path:
    import tempfile

    if "scratch" not in _CACHE:
        _CACHE["scratch"] = Path(tempfile.mkdtemp(prefix="ucm-fuzz-base-"))
    return _CACHE["scratch"]


def district_base() -> Path:
    """``assess init`` and March's six source files imported and ranked (made once per process)."""
    if "district" not in _CACHE:
        from tests.assess.district import month_files

        folder = _scratch() / "district"
        assert invoke("assess", "init", str(folder))[0] == 0
        files = month_files(folder, 3, _scratch() / "收件")
        for source, path in files.items():
            code, _, err = invoke("assess", "import", str(folder), "--period", "2026-03", "--source", source, "-f", str(path))
            assert code == 0, err
        assert invoke("assess", "rank", str(folder), "--period", "2026-03", "--format", "json")[0] == 0
        april = month_files(folder, 4, _scratch() / "收件04")
        for source in ("digital", "office", "streets", "internal"):  # April lacks the two sources fuzzed
            code, _, err = invoke("assess", "import", str(folder), "--period", "2026-04", "--source", source,
                                  "-f", str(april[source]))
            assert code == 0, err
        _CACHE["district"], _CACHE["files"] = folder, _scratch() / "收件04"
    return _CACHE["district"]


def _district(folder: Path) -> Path:
    target = folder / "district"
    shutil.copytree(district_base(), target)
    return target


def _worst(*runs: tuple[int, str, str]) -> Result:
    codes = [r[0] for r in runs]
    worst = 4 if 4 in codes else max(codes)
    return Result(worst, "".join(r[1] for r in runs), "".join(r[2] for r in runs), "")


def _import_and_rank(district: Path, source: str, path: Path) -> Result:
    """Import the mutated file for April, and the other missing source's good file, then rank,
    look back and publish April as a user would."""
    other, good = ("third_party", "第三方04.xlsx") if source == "bureaus" else ("bureaus", "bureaus-04.csv")
    invoke("assess", "import", str(district), "--period", "2026-04", "--source", other, "-f", str(_CACHE["files"] / good))
    runs = [invoke("assess", "import", str(district), "--period", "2026-04", "--source", source, "-f", str(path))]
    if runs[0][0] == 0:
        runs.append(invoke("assess", "rank", str(district), "--period", "2026-04", "--format", "json"))
        runs.append(invoke("assess", "history", str(district), "--format", "json"))
        runs.append(invoke("assess", "publish", str(district), "--period", "2026-04", "-o", str(district / "p.xlsx")))
    return _worst(*runs)


def mutate_xlsx(raw: bytes, m: Mutation) -> bytes:
    """A damaged workbook: sheet XML cut, NaN or odd values, bad references, no sheet, a DTD, a huge dimension."""
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    sheet = next(n for n in files if n.startswith("xl/worksheets/sheet"))
    xml = files[sheet].decode("utf-8")
    op = m.position % 9
    if op == 0:
        xml = xml[: m.position % len(xml)]
    elif op == 1:
        xml = re.sub(r"<v>[^<]*</v>", lambda _: f"<v>{('NaN', 'inf', '1e400', '', m.value)[m.position % 5]}</v>", xml,
                     count=1 + m.position % 20)
    elif op == 2:
        xml = re.sub(r' r="[A-Z]+\d+"', lambda _: f' r="{("A0", "ZZZZ1", "A99999999", "1A", "")[m.position % 5]}"', xml, count=3)
    elif op == 3:
        xml = re.sub(r'(t="s"[^>]*>)<v>\d+</v>', r"\1<v>99999</v>", xml, count=1 + m.position % 5)
    elif op == 4:
        files = {n: d for n, d in files.items() if not n.startswith("xl/worksheets/")}
        return _zip(files)
    elif op == 5:
        xml = xml.replace("?>", '?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>', 1)
    elif op == 6:
        xml = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml)
        xml = xml.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
    elif op == 7:
        at = m.position % len(xml)
        xml = xml[:at] + chr(m.position % 0x250) + xml[at + 1:]
    else:
        strings = files.get("xl/sharedStrings.xml", b"").decode("utf-8")
        files["xl/sharedStrings.xml"] = strings.replace("<t>", f"<t>{m.value}", 1 + m.position % 3).encode()
    files[sheet] = xml.encode("utf-8", "surrogatepass")
    return _zip(files)


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def run_assess(kind: str, m: Mutation, folder: Path) -> Result:
    district = _district(folder)
    files = _CACHE["files"]
    if kind == "assess-csv":
        path = folder / "bureaus.csv"
        path.write_bytes(_cells((files / "bureaus-04.csv").read_text(encoding="utf-8-sig"), m))
        return _import_and_rank(district, "bureaus", path)
    if kind == "assess-xlsx":
        path = folder / "第三方.xlsx"
        path.write_bytes(mutate_xlsx((files / "第三方04.xlsx").read_bytes(), m))
        return _import_and_rank(district, "third_party", path)
    if kind in ("assess-scheme", "assess-roster"):
        name = "scheme.toml" if kind == "assess-scheme" else "roster.csv"
        text = (district / name).read_text(encoding="utf-8-sig")
        (district / name).write_bytes(mutate_text(text, m) if kind == "assess-scheme" else _cells(text, m))
        return _worst(invoke("assess", "rank", str(district), "--period", "2026-03", "--format", "json"),
                      invoke("assess", "history", str(district), "--format", "json"))
    if kind == "assess-history":
        kept = sorted((district / "history" / "2026-03").iterdir())
        path = kept[m.position % len(kept)]
        if m.operation == "utf16" or m.position % 5 == 0:
            path.write_bytes(bytes((m.position * 7919 + i * 31) % 256 for i in range(300)))  # binary
        else:
            text = path.read_text(encoding="utf-8-sig")
            path.write_bytes(_cells(text, m) if path.suffix == ".csv" else mutate_text(text, m))
        return _worst(invoke("assess", "history", str(district), "--format", "json"),
                      invoke("assess", "rank", str(district), "--period", "2026-Q1", "--format", "json"))
    if kind == "assess-period":
        period = PERIODS[m.position % len(PERIODS)] if m.operation != "value" else m.value.strip('"')
        runs = [invoke("assess", "import", str(district), "--period", period, "--source", "bureaus",
                       "-f", str(files / "bureaus-04.csv"))]
        runs.append(invoke("assess", "rank", str(district), "--period", period, "--format", "json"))
        runs.append(invoke("assess", "history", str(district), "--to", period, "--format", "json"))
        return _worst(*runs)
    raise ValueError(kind)


# ── intake ──────────────────────────────────────────────────────────────────────────────────────
ROSTER = ROOT / "rosters" / "hunan-2020.toml"
CITY = (ROOT / "profiles" / "hunan-city.toml").read_text(encoding="utf-8")


def intake_base() -> Path:
    """Two good city bundles (长沙 on time, 株洲 on the deadline day), made once per process."""
    if "inbox" not in _CACHE:
        inbox = _scratch() / "inbox"
        inbox.mkdir()
        for city, date in (("长沙市", "2020-11-10"), ("株洲市", "2020-11-15")):
            work = _scratch() / f"work-{city}"
            work.mkdir()
            (work / "u.toml").write_text(CITY.replace("某市城市管理和综合执法局", f"{city}城市管理和综合执法局"),
                                         encoding="utf-8")  # named as tests/fuzzing.mutate_zip expects
            code, _, err = invoke("bundle", str(work / "u.toml"), "-o", str(inbox / f"{city}.zip"), "--as-of", date)
            assert code == 0, err
        (inbox / "长沙市.check.toml").write_text(
            '[check]\nunit = "430100"\ninspectors = ["王五"]\ndate = 2020-11-25\nnotes = "现场核查"\n'
            '[facts.uniform]\ndress_violations = 12\n[rule_notes]\nHN-03-2 = "抽查着装"\n', encoding="utf-8")
        (inbox / "株洲市.social.toml").write_text(
            '[social]\nunit = "株洲市城市管理和综合执法局"\nsatisfaction_rate = 85\nrespondents = 1000\n', encoding="utf-8")
        _CACHE["inbox"] = inbox
    return _CACHE["inbox"]


def _intake(inbox: Path, roster: Path) -> Result:
    code, out, err = invoke("intake", str(inbox), "--roster", str(roster), "--as-of", "2020-11-30", "--format", "json")
    return Result(code, out, err, "")


def run_intake(kind: str, m: Mutation, folder: Path) -> Result:
    inbox = folder / "inbox"
    shutil.copytree(intake_base(), inbox)
    roster = folder / "roster.toml"
    shutil.copy(ROSTER, roster)
    if kind == "intake-bundle":
        (inbox / "湘潭市.zip").write_bytes(mutate_zip((inbox / "长沙市.zip").read_bytes(), m))
    elif kind == "intake-roster":
        roster.write_bytes(mutate_text(ROSTER.read_text(encoding="utf-8"), m))
    elif kind == "intake-overlay":
        path = inbox / ("长沙市.check.toml" if m.position % 2 else "株洲市.social.toml")
        path.write_bytes(mutate_text(path.read_text(encoding="utf-8"), m))
    else:
        raise ValueError(kind)
    return _intake(inbox, roster)


# ── documents and dates ─────────────────────────────────────────────────────────────────────────
REPORT = ('\n[report]\nrecipient = "市城市管理和综合执法局"\ndoc_number = "某城执〔2020〕12号"\nsigner = "李四"\n'
          'date = 2020-11-10\npractices = "一是……。二是……。"\ncontact = "王五，0731-00000000"\n')


def run_documents(kind: str, m: Mutation, folder: Path) -> Result:
    profile = folder / "county.toml"
    base = TYPICAL.read_text(encoding="utf-8")
    shutil.copy(ROOT / "profiles" / "hunan-county-typical.plan.toml", folder / "county.plan.toml")
    if kind == "report":
        at = len(base.splitlines()) + 1 + m.position % 7  # one of the [report] lines
        profile.write_bytes(mutate_text(base + REPORT, Mutation(m.operation, at, m.value)))
        return Result(*invoke("report", str(profile), "-o", str(folder / "自评报告.docx"), "--as-of", "2026-11-24"), "")
    if kind == "letters":
        profile.write_text(base, encoding="utf-8")
        plan = folder / "county.plan.toml"
        text = plan.read_text(encoding="utf-8")
        if m.operation == "value" and m.position % 3 == 0:  # two responsible units that collide as file names
            names = iter(('"督查/科"', '"督查_科"', m.value))
            text = re.sub(r'lead_unit = "[^"]*"', lambda found: f"lead_unit = {next(names, None) or found.group(0)[12:]}",
                          text, count=3)
            plan.write_text(text, encoding="utf-8")
        else:
            plan.write_bytes(mutate_text(text, m))
        code, out, err = invoke("letters", str(profile), "-o", str(folder / "责任书"), "--as-of", "2026-11-24")
        said = (out + err).count("已生成责任书")
        written = len(list((folder / "责任书").glob("*.docx"))) if (folder / "责任书").is_dir() else 0
        lost = f"报告生成 {said} 份责任书，目录中只有 {written} 份（同名文件被覆盖）" if written < said else ""
        return Result(code, out, err, lost)
    raise ValueError(kind)


def ensure_packs() -> None:
    """The Henan 2021 pack importable as if installed (as ``tests/conftest.py`` does for the CLI)."""
    if "packs" in _CACHE:
        return
    from tests.conftest import _pack_entry_points

    site = _scratch() / "site"
    info = site / "ucm_check_henan2021-0.1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: ucm_check_henan2021\nVersion: 0.1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(_pack_entry_points(ROOT / "plugins" / "henan2021"), encoding="utf-8")
    sys.path.extend([str(ROOT / "plugins" / "henan2021"), str(site)])
    _CACHE["packs"] = site


def run_dated(m: Mutation, folder: Path) -> Result:
    ensure_packs()
    profile = folder / "henan.toml"
    text = (ROOT / "profiles" / "henan-city.toml").read_text(encoding="utf-8")
    as_of = AS_OF[m.position % len(AS_OF)]
    if m.operation == "value":  # a date in the record replaced by an edge date (or any edge value)
        dates = [i for i, line in enumerate(text.splitlines()) if re.search(r"= \d{4}-\d\d-\d\d", line)]
        text = mutate_text(text, Mutation("value", dates[m.position % len(dates)], m.value)).decode("utf-8")
    profile.write_text(text, encoding="utf-8")
    return _worst(invoke("check", str(profile), "--as-of", as_of, "--format", "json"),
                  invoke("plan", str(profile), "--as-of", as_of, "--format", "json"),
                  invoke("report", str(profile), "-o", str(folder / "r.docx"), "--as-of", as_of))


def run_newer(kind: str, m: Mutation, folder: Path) -> Result:
    """Mutate the input of ``kind`` with ``m`` inside the empty ``folder`` and run its commands."""
    if kind.startswith("assess-"):
        return run_assess(kind, m, folder)
    if kind.startswith("intake-"):
        return run_intake(kind, m, folder)
    if kind in ("report", "letters"):
        return run_documents(kind, m, folder)
    if kind == "dated":
        return run_dated(m, folder)
    raise ValueError(kind)


def newer_problems(kind: str, result: Result) -> list[str]:
    """What is wrong: exit 4 (or 3 blamed on a built-in pack), a traceback, reprs or raw control
    characters on stderr, exit 2 without a Chinese message, an intake that is not one JSON document."""
    found = []
    if result.code not in (0, 1, 2):
        found.append(f"exit {result.code}")
    for word in ("Traceback", "内部错误", "Error:", "Exception", "Decimal(", "datetime.", "\x1b["):
        if word in result.stderr:
            found.append(f"stderr 含 {word!r}")
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", result.stderr):
        found.append("stderr 含控制字符")
    if kind.startswith("intake-") and result.code in (0, 1):
        try:
            json.loads(result.stdout)
        except ValueError:
            found.append("stdout 不是一个 JSON 文档")
    if result.lost:
        found.append(result.lost)
    if result.code == 2 and "错误" not in result.stderr and "无效" not in result.stderr:
        found.append("exit 2 却没有中文错误信息")
    return found
