"""Saving edits into a hand-written profile: only edited values change, nothing is lost."""

from __future__ import annotations

import difflib
import os
import stat
from decimal import Decimal

import pytest

from ucm_check.profile.editing import CLEARED, Editor, FileChanged, SaveError, apply_edits
from ucm_check.profile.reading import parse_text


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]


def test_an_edited_value_changes_only_its_own_line_and_keeps_the_comment(profile_copy, host):
    path = profile_copy()
    before = path.read_text(encoding="utf-8")
    editor = Editor.open(path, host.standards)
    editor.set("uniform", "dress_violations", 3)
    editor.save()
    after = path.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "- dress_violations = 7  # 督查通报 7 起",
        "+ dress_violations = 3  # 督查通报 7 起",
    ]


def test_a_newly_answered_fact_revives_the_template_line_with_its_note(profile_copy, host):
    path = profile_copy("hunan-county-incomplete.toml")
    editor = Editor.open(path, host.standards)
    editor.set("party", "civilization_plan", "方案未落实")
    editor.save()
    text = path.read_text(encoding="utf-8")
    assert 'civilization_plan = "方案未落实"   # 待办公室确认' in text
    assert "# civilization_plan" not in text


def test_a_fact_without_a_line_goes_after_its_table_or_into_a_new_table(host):
    text = "[unit]\nname = \"x\"\nlevel = \"县市区\"\nstandard = \"hunan-2020\"\n\n[uniform]\ndress_violations = 0\n\n# 备注\n"
    out = apply_edits(text, {("uniform", "staff_not_fully_equipped"): 1, ("service", "satisfaction_rate"): Decimal("82.5")})
    profile = parse_text("t.toml", out, host.standards)
    assert profile.facts["uniform"] == {"dress_violations": 0, "staff_not_fully_equipped": 1}
    assert profile.facts["service"]["satisfaction_rate"] == Decimal("82.5")
    assert out.index("staff_not_fully_equipped") < out.index("# 备注")


def test_clearing_an_answer_comments_its_line_out_instead_of_deleting_it(profile_copy, host):
    path = profile_copy()
    editor = Editor.open(path, host.standards)
    editor.set("vehicles", "vehicles_not_painted", CLEARED)
    profile = editor.save()
    assert "vehicles_not_painted" not in profile.facts["vehicles"]
    assert "# vehicles_not_painted = 1  # 新购 1 台尚未涂装" in path.read_text(encoding="utf-8")


def test_crlf_line_ends_and_a_bom_survive_a_save(tmp_path, host):
    path = tmp_path / "w.toml"
    body = '[unit]\r\nname = "某县"\r\nlevel = "县市区"\r\nstandard = "hunan-2020"\r\n\r\n[uniform]\r\ndress_violations = 0 # 注\r\n'
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    editor = Editor.open(path, host.standards)
    editor.set("uniform", "dress_violations", 2)
    editor.set("uniform", "staff_not_fully_equipped", 0)
    editor.save()
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert "dress_violations = 2 # 注\r\nstaff_not_fully_equipped = 0\r\n" in raw.decode("utf-8-sig")


def test_a_file_changed_on_disk_is_not_overwritten_without_being_asked(profile_copy, host):
    path = profile_copy()
    editor = Editor.open(path, host.standards)
    editor.set("uniform", "dress_violations", 3)
    theirs = path.read_text(encoding="utf-8").replace("late_assignments = 1", "late_assignments = 2")
    path.write_text(theirs, encoding="utf-8")
    with pytest.raises(FileChanged):
        editor.save()
    assert path.read_text(encoding="utf-8") == theirs
    editor.save(onto="disk")
    merged = path.read_text(encoding="utf-8")
    assert "late_assignments = 2" in merged and "dress_violations = 3" in merged


def test_an_edit_that_would_not_validate_leaves_the_file_untouched(profile_copy, host):
    path = profile_copy()
    before = path.read_bytes()
    editor = Editor.open(path, host.standards)
    editor.set("uniform", "dress_violations", -1)  # check_fact refuses negatives
    with pytest.raises(SaveError) as raised:
        editor.save()
    assert "未写入" in str(raised.value)
    assert path.read_bytes() == before
    assert [p for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_saving_keeps_the_files_permissions(profile_copy, host):
    path = profile_copy()
    os.chmod(path, 0o640)
    editor = Editor.open(path, host.standards)
    editor.set("uniform", "dress_violations", 1)
    editor.save()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_draft_brings_back_every_pending_edit_and_a_save_removes_it(profile_copy, host):
    path = profile_copy()
    editor = Editor.open(path, host.standards)
    editor.set("uniform", "dress_violations", 3)
    editor.set("service", "satisfaction_rate", Decimal("90.5"))
    editor.set("systems", "publicity_stages", ("事前公开",))
    editor.set("vehicles", "vehicles_not_painted", CLEARED)
    editor.write_draft()
    assert editor.draft_path.exists()
    reopened = Editor.open(path, host.standards)
    assert reopened.recover_draft() == 4
    assert reopened.edits == editor.edits
    reopened.save()
    assert not reopened.draft_path.exists()


def test_an_edit_back_to_the_files_own_value_is_not_an_edit(profile_copy, host):
    editor = Editor.open(profile_copy(), host.standards)
    editor.set("uniform", "dress_violations", 3)
    editor.set("uniform", "dress_violations", 7)
    editor.set("systems", "publicity_stages", ("事后公开", "事前公开"))  # same items, other order
    assert not editor.dirty


def test_a_read_only_profile_is_refused_not_replaced(profile_copy, host, monkeypatch):
    path = profile_copy()
    before = path.read_bytes()
    editor = Editor.open(path, host.standards)
    editor.set("uniform", "dress_violations", 1)
    os.chmod(path, 0o444)
    if os.access(path, os.W_OK):  # root may write anything: answer as an ordinary user would
        monkeypatch.setattr("ucm_check.profile.editing.os.access", lambda p, mode: not mode & os.W_OK)
    with pytest.raises(SaveError, match="只读"):
        editor.save()
    assert path.read_bytes() == before


def test_saving_through_a_symlink_keeps_the_link_and_writes_its_target(profile_copy, host):
    target = profile_copy()
    link = target.with_name("link.toml")
    link.symlink_to(target.name)
    editor = Editor.open(link, host.standards)
    editor.set("uniform", "dress_violations", 1)
    editor.save()
    assert link.is_symlink()
    assert "dress_violations = 1  # 督查通报 7 起" in target.read_text(encoding="utf-8")
