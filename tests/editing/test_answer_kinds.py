"""Every answer kind saves, changes, clears and reads back, from every file a clerk starts from:
the blank ``init`` template of every level of every standard, and every bundled profile."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.editing.samples import answers, facts_of, other_than
from ucm_check.profile.editing import CLEARED, Editor, same_value
from ucm_check.profile.reading import load_profile
from ucm_check.profile.template import render

ROOT = Path(__file__).resolve().parents[2]
PROFILES = [p for p in sorted((ROOT / "profiles").glob("*.toml")) if not p.name.endswith(".plan.toml")]
STANDARD_LEVELS = [
    ("hunan-2020", "设区市"), ("hunan-2020", "自治州"), ("hunan-2020", "县市区"),
    ("henan-2021", "省辖市"), ("henan-2021", "济源示范区"), ("henan-2021", "县（市、区）"),
    ("local-norms", "设区市"), ("local-norms", "县（市、区）"), ("local-norms", "街道（乡镇）"),
    ("city-capacity", "设区市"), ("city-capacity", "县（市、区）"),
]
COMMENTED_KEY = re.compile(r"^\s*#\s*([A-Za-z0-9_-]+)\s*=")


def notes(text: str) -> list[str]:
    """Every line that is neither a key nor a commented-out key: comments, headers, blank lines."""
    keep = []
    for line in text.splitlines():
        if COMMENTED_KEY.match(line) or re.match(r"^\s*[A-Za-z0-9_-]+\s*=", line) or line.lstrip().startswith('"'):
            continue
        if line.strip() in ("]", "# ]") or line.lstrip().startswith('# "'):
            continue
        keep.append(line)
    return keep


def save_and_reopen(editor: Editor, host, edits: dict) -> Editor:
    for (area, key), value in edits.items():
        editor.set(area, key, value)
    editor.save()
    return Editor.open(editor.path, host.standards)


def assert_reads_back(editor: Editor, edits: dict) -> None:
    facts = load_profile(str(editor.path), editor.standards).facts
    for (area, key), value in edits.items():
        got = facts.get(area, {}).get(key, CLEARED)
        assert same_value(got, value), f"{area}.{key}: wrote {value!r}, read back {got!r}"


def test_the_first_yes_no_answer_on_a_blank_county_template_saves(tmp_path, host):
    path = tmp_path / "u.toml"
    path.write_text(render(host.standards["hunan-2020"], level="县市区", name="某县"), encoding="utf-8")
    editor = Editor.open(path, host.standards)
    editor.set("party", "organization_established", True)
    editor.save()
    text = path.read_text(encoding="utf-8")
    assert "\norganization_established = true\n" in text
    assert load_profile(str(path), host.standards).facts["party"] == {"organization_established": True}


@pytest.mark.parametrize("standard_id,level", STANDARD_LEVELS)
def test_every_fact_of_a_blank_template_answers_changes_clears_and_answers_again(tmp_path, all_host, standard_id, level):
    standard = all_host.standards[standard_id]
    path = tmp_path / "blank.toml"
    template = render(standard, level=level, name="某单位", period="2026")
    path.write_text(template, encoding="utf-8")
    facts = facts_of(standard)
    assert {f.kind for _, f in facts} <= {"bool", "count", "percent", "choice", "subset", "date", "reports"}

    first = {(area, f.key): answers(f)[0] for area, f in facts}
    editor = save_and_reopen(Editor.open(path, all_host.standards), all_host, first)
    assert_reads_back(editor, first)
    assert notes(path.read_text(encoding="utf-8")) == notes(template)
    assert len(path.read_text(encoding="utf-8").splitlines()) == len(template.splitlines())

    changed = {(area, f.key): other_than(f, first[(area, f.key)]) for area, f in facts}
    editor = save_and_reopen(editor, all_host, changed)
    assert_reads_back(editor, changed)

    cleared = {spot: CLEARED for spot in first}
    editor = save_and_reopen(editor, all_host, cleared)
    assert all(not values for values in editor.profile.facts.values())
    assert notes(path.read_text(encoding="utf-8")) == notes(template)

    again = {(area, f.key): answers(f)[-1] for area, f in facts}
    editor = save_and_reopen(editor, all_host, again)
    assert_reads_back(editor, again)
    assert len(path.read_text(encoding="utf-8").splitlines()) == len(template.splitlines())


@pytest.mark.parametrize("source", PROFILES, ids=lambda p: p.name)
def test_every_fact_of_a_bundled_profile_changes_clears_and_answers_again(tmp_path, all_host, source):
    path = tmp_path / "p.toml"
    original = source.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    editor = Editor.open(path, all_host.standards)
    facts = facts_of(editor.standard)

    changed = {(area, f.key): other_than(f, editor.value(area, f.key)) for area, f in facts}
    editor = save_and_reopen(editor, all_host, changed)
    assert_reads_back(editor, changed)
    comments = [line for line in original.splitlines() if line.lstrip().startswith("#") and not COMMENTED_KEY.match(line)]
    kept = path.read_text(encoding="utf-8")
    assert all(line in kept for line in comments)

    editor = save_and_reopen(editor, all_host, {spot: CLEARED for spot in changed})
    assert all(not values for area, values in editor.profile.facts.items())

    again = {(area, f.key): other_than(f, None, 1) for area, f in facts}
    editor = save_and_reopen(editor, all_host, again)
    assert_reads_back(editor, again)


def test_one_answer_at_a_time_changes_only_its_own_line(tmp_path, host):
    standard = host.standards["hunan-2020"]
    path = tmp_path / "u.toml"
    path.write_text(render(standard, level="县市区", name="某县"), encoding="utf-8")
    for area, fact in facts_of(standard):
        before = path.read_text(encoding="utf-8").splitlines()
        editor = Editor.open(path, host.standards)
        editor.set(area, fact.key, answers(fact)[0])
        editor.save()
        after = path.read_text(encoding="utf-8").splitlines()
        changed = [(a, b) for a, b in zip(before, after) if a != b]
        assert len(before) == len(after) and len(changed) == 1, (fact.key, changed)
        assert changed[0][0].startswith(f"# {fact.key} = ") and changed[0][1].startswith(f"{fact.key} = ")
