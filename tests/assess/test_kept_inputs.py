"""Kept inputs are one ``inputs.csv`` per month (issue 23); folders kept before, with one file per
source, are still read, and importing into such a month moves only that source over."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.assess.test_carry import MONTHS, imported, make_scheme
from ucm_check.cli import main


@pytest.fixture
def three(tmp_path) -> Path:
    folder = make_scheme(tmp_path / "new" / "three")
    for period in MONTHS[:4]:
        imported(folder, period)
    assert main(["assess", "rank", str(folder), "--period", MONTHS[3], "-o", str(tmp_path / "r.txt")]) == 0
    return folder


def to_old_layout(folder: Path) -> None:
    """Split every month's inputs.csv into the per-source files of the old layout (as it wrote them)."""
    for month in (folder / "history").iterdir():
        inputs = month / "inputs.csv"
        if not inputs.exists():
            continue
        lines = inputs.read_text(encoding="utf-8-sig").splitlines()
        for source in "abc":
            own = [line.split(",", 1)[1] for line in lines[1:] if line.startswith(f"{source},")]
            if own:
                (month / f"{source}.csv").write_text("\n".join(["单位名称,得分,来源", *own]) + "\n", encoding="utf-8-sig")
        inputs.unlink()
        (month / "results.json").unlink()


def results(folder: Path) -> dict[str, bytes]:
    return {p.parent.name: p.read_bytes() for p in sorted(folder.glob("history/*/results.json"))}


def test_every_source_of_a_month_is_kept_in_one_file(three):
    assert sorted(p.name for p in (three / "history" / MONTHS[0]).iterdir()) == ["inputs.csv", "results.json"]
    lines = (three / "history" / MONTHS[0] / "inputs.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "来源编号,单位名称,得分,来源"
    assert [line.split(",")[0] for line in lines[1:]] == ["a"] * 17 + ["b"] * 11 + ["c"] * 11  # unit 17 joins in April
    assert lines[1] == "a,第00单位,40,2026-01-a.csv:2"


def test_a_folder_kept_with_one_file_per_source_ranks_to_the_same_results(three, tmp_path, capsys):
    old = tmp_path / "old" / "three"
    shutil.copytree(three, old)
    to_old_layout(old)
    assert not list(old.glob("history/*/inputs.csv")) and not results(old)
    assert main(["assess", "rank", str(old), "--period", MONTHS[3], "-o", str(tmp_path / "o.txt")]) == 0
    assert results(old) == results(three)


def test_importing_into_an_old_month_moves_only_that_source_into_inputs_csv(three, tmp_path, capsys):
    old = tmp_path / "old" / "three"
    shutil.copytree(three, old)
    to_old_layout(old)
    march = old / "history" / MONTHS[2]
    b_before = (march / "b.csv").read_bytes()
    assert main(["assess", "import", str(old), "--period", MONTHS[2], "--source", "a",
                 "-f", str(three.parent / "收件" / f"{MONTHS[2]}-a.csv")]) == 0
    assert sorted(p.name for p in march.iterdir()) == ["b.csv", "c.csv", "inputs.csv"]
    assert (march / "b.csv").read_bytes() == b_before
    assert {line.split(",")[0] for line in (march / "inputs.csv").read_text(encoding="utf-8-sig").splitlines()[1:]} == {"a"}
    assert main(["assess", "rank", str(old), "--period", MONTHS[3], "-o", str(tmp_path / "o.txt")]) == 0
    assert results(old) == results(three)


@pytest.mark.parametrize("quoted", [True, False])
def test_a_re_import_rewrites_its_own_block_and_keeps_other_lines_byte_for_byte(three, tmp_path, quoted):
    inputs = three / "history" / MONTHS[1] / "inputs.csv"
    text = inputs.read_text(encoding="utf-8-sig")
    # A clerk's hand edit in another source's block: quoted cells, a CRLF line, a space, same values.
    edited = text.replace("b,第01单位,41,", '"b","第01单位",41,' if quoted else "b,第01单位,41.0,")
    edited = edited.replace("\nc,第05单位,", "\r\nc,第05单位,").replace("\nc,第08单位,", "\nc ,第08单位,")
    inputs.write_text(edited, encoding="utf-8-sig", newline="")
    source = three.parent / "收件" / f"{MONTHS[1]}-a.csv"
    source.write_text(source.read_text(encoding="utf-8-sig").replace("第00单位,40", "第00单位,45"), encoding="utf-8-sig")
    assert main(["assess", "import", str(three), "--period", MONTHS[1], "--source", "a", "-f", str(source)]) == 0
    after = inputs.read_bytes().decode("utf-8-sig")
    untouched = [line for line in edited.splitlines(keepends=True)[1:] if not line.startswith("a,")]
    assert [line for line in after.splitlines(keepends=True)[1:] if not line.startswith("a,")] == untouched
    assert "a,第00单位,45," in after and "a,第00单位,40," not in after
    assert not (three / "history" / MONTHS[1] / "results.json").exists()  # stale after the import


def test_an_inputs_csv_whose_first_column_was_changed_is_reported_at_its_header(three, capsys):
    inputs = three / "history" / MONTHS[0] / "inputs.csv"
    inputs.write_text(inputs.read_text(encoding="utf-8-sig").replace("来源编号,", "来源,", 1), encoding="utf-8-sig")
    capsys.readouterr()
    assert main(["assess", "rank", str(three), "--period", MONTHS[0]]) == 2
    err = capsys.readouterr().err
    assert "inputs.csv:1:1: 错误：第一列应为“来源编号”" in err and "Traceback" not in err


def test_a_damaged_inputs_csv_is_reported_by_the_look_back_not_skipped(three, capsys):
    (three / "history" / MONTHS[3] / "inputs.csv").write_bytes(b"\xff\xfe\x00garbage")
    (three / "history" / MONTHS[3] / "results.json").unlink()
    capsys.readouterr()
    assert main(["assess", "history", str(three), "--format", "json"]) == 2
    err = capsys.readouterr().err
    assert f"{MONTHS[3]}/inputs.csv" in err and "Traceback" not in err


def test_a_folder_in_place_of_inputs_csv_is_a_month_not_imported_not_a_traceback(three, capsys):
    inputs = three / "history" / MONTHS[2] / "inputs.csv"
    inputs.unlink()
    inputs.mkdir()
    capsys.readouterr()
    assert main(["assess", "rank", str(three), "--period", MONTHS[3]]) == 2
    err = capsys.readouterr().err
    assert "2026年3月尚未导入：甲来源（a）、乙来源（b）、丙来源（c）" in err and "Traceback" not in err
