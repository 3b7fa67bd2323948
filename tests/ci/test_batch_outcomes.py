"""A batch remembers the outcome of the grammar's one-fact shapes per answered value (issue 23's
speed work): the remembered outcome must still show each profile's value as that profile wrote it."""

from __future__ import annotations

import json

import pytest

from tests.ci.conftest import TYPICAL, run


def test_equal_values_written_differently_keep_their_own_text_in_one_batch(tmp_path, capsys):
    text = TYPICAL.read_text(encoding="utf-8")
    for name, written in (("a.toml", "93.8"), ("b.toml", "93.80"), ("c.toml", "93.800")):
        (tmp_path / name).write_text(text.replace("certificate_rate = 93.8 ", f"certificate_rate = {written} "),
                                     encoding="utf-8")
    code, out, _ = run(capsys, "check", str(tmp_path), "--format", "json")
    assert code == 0
    observed = [f["observed"] for p in json.loads(out)["profiles"] for a in p["areas"] for f in a["findings"]
                if f["code"] == "HN-06-4"]
    assert [o.rpartition("：")[2] for o in observed] == ["93.8%", "93.80%", "93.800%"]


def test_a_policy_with_a_total_gate_parses_each_profile_once_with_packs_without_points_installed(
        tmp_path, capsys, monkeypatch):
    import collections
    import shutil
    import tomli

    from tests.helpers import PROFILES

    (tmp_path / "in").mkdir()
    for name in ("hunan-county-typical", "hunan-county-compliant", "hunan-city"):
        shutil.copy(PROFILES / f"{name}.toml", tmp_path / "in" / f"{name}.toml")
    (tmp_path / "policy.toml").write_text("min_total = 60\n", encoding="utf-8")
    parsed: collections.Counter[str] = collections.Counter()
    real = tomli.loads

    def counting(text: str, **kw):
        parsed[text] += 1
        return real(text, **kw)

    monkeypatch.setattr(tomli, "loads", counting)
    code, out, err = run(capsys, "check", str(tmp_path / "in"), "--policy", str(tmp_path / "policy.toml"))
    assert code == 0, err
    profiles = [t for t in parsed if "[unit]" in t]
    assert len(profiles) == 3 and all(parsed[t] == 1 for t in profiles), parsed.values()


@pytest.mark.usefixtures("installed_packs")   # the Henan pack, which CI does not pip-install
def test_a_henan_profile_under_a_total_gate_is_still_refused_after_the_quick_look(tmp_path, capsys):
    import shutil

    from tests.helpers import PROFILES

    (tmp_path / "in").mkdir()
    shutil.copy(PROFILES / "henan-county.toml", tmp_path / "in" / "henan-county.toml")
    shutil.copy(PROFILES / "hunan-city.toml", tmp_path / "in" / "hunan-city.toml")
    (tmp_path / "policy.toml").write_text("min_total = 60\n", encoding="utf-8")
    code, _, err = run(capsys, "check", str(tmp_path / "in"), "--policy", str(tmp_path / "policy.toml"))
    assert code == 2 and "min_total（最低总分）不能用于没有分值的标准 henan-2021" in err and "henan-county.toml" in err
