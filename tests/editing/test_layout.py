"""A saved answer keeps the file's layout: multi-line arrays, item comments, CRLF, BOM, the last newline."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.editing.samples import answers, facts_of
from ucm_check.profile.editing import CLEARED, Editor, apply_edits, same_value
from ucm_check.profile.reading import load_profile, parse_text
from ucm_check.profile.template import render

ROOT = Path(__file__).resolve().parents[2]
TOPICS = ("违法案件的种类、违法行为的特征与构成要件", "查处违法行为的基本要求",
          "城管综合执法中的证据、种类与证据规则", "城管综合执法中的证据收集、证据分析与事实认定")


def city(tmp_path) -> Path:
    path = tmp_path / "city.toml"
    shutil.copy(ROOT / "profiles" / "hunan-city.toml", path)
    return path


def block(text: str, key: str) -> list[str]:
    """The lines from ``key = [`` (or its commented form) to the closing bracket."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip("# ").startswith(f"{key} = "))
    end = next(i for i in range(start, len(lines)) if lines[i].lstrip("# ").startswith("]"))
    return lines[start:end + 1]


def test_clearing_a_multi_line_array_comments_out_every_line_and_the_file_stays_valid(tmp_path, host):
    path = city(tmp_path)
    editor = Editor.open(path, host.standards)
    editor.set("training", "practice_topics", CLEARED)
    editor.save()
    text = path.read_text(encoding="utf-8")
    assert block(text, "practice_topics") == [
        "# practice_topics = [", *(f'    # "{t}",' for t in TOPICS), "# ]"]
    assert "practice_topics" not in load_profile(str(path), host.standards).facts["training"]


def test_editing_a_multi_line_array_keeps_one_item_per_line(tmp_path, host):
    path = city(tmp_path)
    editor = Editor.open(path, host.standards)
    editor.set("training", "practice_topics", TOPICS[1:3])
    editor.save()
    assert block(path.read_text(encoding="utf-8"), "practice_topics") == [
        "practice_topics = [", f'    "{TOPICS[1]}",', f'    "{TOPICS[2]}",', "]"]


def test_answering_a_cleared_multi_line_array_again_brings_back_its_lines(tmp_path, host):
    path = city(tmp_path)
    editor = Editor.open(path, host.standards)
    editor.set("training", "practice_topics", CLEARED)
    editor.save()
    editor.set("training", "practice_topics", (TOPICS[3], TOPICS[0]))
    editor.save()
    text = path.read_text(encoding="utf-8")
    assert block(text, "practice_topics") == ["practice_topics = [", f'    "{TOPICS[0]}",', f'    "{TOPICS[3]}",', "]"]
    assert "# practice_topics" not in text


def test_an_item_comment_in_a_multi_line_array_stays_with_its_item(host):
    text = ('[unit]\nname = "x"\nlevel = "县市区"\nstandard = "hunan-2020"\n\n[systems]\n'
            'publicity_stages = [  # 见公示栏\n    "事前公开",  # 2023 年起\n    "事中公示",\n]  # 年度核查\nrecording_system = true\n')
    out = apply_edits(text, {("systems", "publicity_stages"): ("事前公开", "事后公开")})
    assert out.endswith('publicity_stages = [  # 见公示栏\n    "事前公开",  # 2023 年起\n    "事后公开",\n]  # 年度核查\n'
                        "recording_system = true\n")


def test_a_new_key_goes_after_a_multi_line_array_not_inside_it(tmp_path, host):
    text = ('[unit]\nname = "x"\nlevel = "县市区"\nstandard = "hunan-2020"\n\n[training]\n'
            'practice_topics = [\n    "查处违法行为的基本要求",\n]\n\n# 结束\n')
    out = apply_edits(text, {("training", "law_popularization"): True})
    assert out.endswith('practice_topics = [\n    "查处违法行为的基本要求",\n]\nlaw_popularization = true\n\n# 结束\n')
    parse_text("t.toml", out, host.standards)


def test_crlf_a_bom_and_a_missing_last_newline_survive_answering_changing_and_clearing(tmp_path, host):
    standard = host.standards["hunan-2020"]
    body = render(standard, level="县市区", name="某县").rstrip("\n").replace("\n", "\r\n")
    path = tmp_path / "w.toml"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    facts = facts_of(standard)
    for step in (0, 1, None):
        editor = Editor.open(path, host.standards)
        for area, fact in facts:
            editor.set(area, fact.key, CLEARED if step is None else answers(fact)[step])
        editor.save()
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and not raw.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
        assert b"\n" not in raw.replace(b"\r\n", b"") and not raw.endswith(b"\n")
        assert raw.count(b"\r\n") == body.count("\r\n")


def test_a_table_missing_from_the_file_is_added_at_its_end(host):
    text = '[unit]\nname = "x"\nlevel = "县市区"\nstandard = "hunan-2020"\n\n\n'
    out = apply_edits(text, {("party", "organization_established"): False, ("party", "grid_party_building"): True})
    assert out == text.rstrip("\n") + "\n\n[party]\norganization_established = false\ngrid_party_building = true\n"


def test_a_value_inside_an_inline_table_is_still_saved(host):
    text = 'party = { organization_established = true }\n\n[unit]\nname = "x"\nlevel = "县市区"\nstandard = "hunan-2020"\n'
    out = apply_edits(text, {("party", "organization_established"): False})
    assert parse_text("t.toml", out, host.standards).facts["party"] == {"organization_established": False}


def edit_rounds(data, facts) -> list[dict]:
    """Several saves, each a few edits: a valid answer or CLEARED for a random fact."""
    rounds = []
    for _ in range(data.draw(st.integers(1, 4))):
        edits = {}
        for area, fact in data.draw(st.lists(st.sampled_from(facts), min_size=1, max_size=8)):
            edits[(area, fact.key)] = data.draw(st.sampled_from([*answers(fact), CLEARED]))
        rounds.append(edits)
    return rounds


@settings(derandomize=True, max_examples=40, deadline=None)
@given(data=st.data(), start=st.sampled_from(["template", "hunan-city.toml", "hunan-county-typical.toml"]),
       crlf=st.booleans())
def test_any_sequence_of_saves_reads_back_exactly_what_was_answered(tmp_path_factory, host, data, start, crlf):
    standard = host.standards["hunan-2020"]
    rounds = edit_rounds(data, facts_of(standard))
    path = tmp_path_factory.mktemp("prop") / "p.toml"
    text = (render(standard, level="县市区", name="某县") if start == "template"
            else (ROOT / "profiles" / start).read_text(encoding="utf-8"))
    path.write_bytes((text.replace("\n", "\r\n") if crlf else text).encode("utf-8"))
    expected = {(area, key): value for area, values in load_profile(str(path), host.standards).facts.items()
                for key, value in values.items()}
    for edits in rounds:
        editor = Editor.open(path, host.standards)
        for (area, key), value in edits.items():
            editor.set(area, key, value)
        editor.save()
        expected.update(edits)
        facts = load_profile(str(path), host.standards).facts
        for (area, key), value in expected.items():
            assert same_value(facts.get(area, {}).get(key, CLEARED), value), (area, key)
    assert (b"\n" not in path.read_bytes().replace(b"\r\n", b"")) == crlf
