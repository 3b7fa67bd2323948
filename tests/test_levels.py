"""Level names across standards: one mapping, and a "did you mean" for another pack's word."""

from __future__ import annotations

import pytest

from tests.plugins.conftest import packs_host  # noqa: F401  (fixture)
from ucm_check.cli import main
from ucm_check.engine.levels import did_you_mean, extra_tiers, same_level, tier
from ucm_check.profile.reading import InvalidProfile, parse_text


def test_every_level_of_every_bundled_standard_belongs_to_one_documented_tier(packs_host):
    extra = extra_tiers(packs_host.standards.values())
    for standard in packs_host.standards.values():
        assert all(tier(level, extra) for level in standard.levels), (standard.id, standard.levels)


def test_a_packs_own_level_name_comes_from_the_pack_not_the_shared_table(packs_host):
    assert tier("济源示范区") is None
    assert extra_tiers(packs_host.standards.values())["济源示范区"] == "city"
    hunan = packs_host.standards["hunan-2020"].levels
    assert "设区市" in did_you_mean("济源示范区", hunan, extra_tiers(packs_host.standards.values()))


@pytest.mark.parametrize("written, standard, proposed", [
    ("设区市", ("省辖市", "济源示范区", "县（市、区）"), "省辖市"),
    ("县市区", ("省辖市", "济源示范区", "县（市、区）"), "县（市、区）"),
    ("县（市、区）", ("设区市", "自治州", "县市区"), "县市区"),
    ("省辖市", ("设区市", "自治州", "县市区"), "设区市"),
    ("街道", ("设区市", "县（市、区）", "街道（乡镇）"), "街道（乡镇）"),
    ("街道", ("设区市", "自治州", "县市区"), None),       # no street tier in Hunan 2020
    ("县市区", ("设区市", "自治州", "县市区"), None),      # already the standard's own word
    ("省直部门", ("设区市", "自治州", "县市区"), None),    # no known tier
])
def test_another_packs_name_for_the_same_tier_maps_to_the_standards_own(written, standard, proposed):
    assert same_level(written, standard) == proposed
    assert bool(did_you_mean(written, standard)) is (proposed is not None)


def test_a_henan_profile_written_with_hunans_word_gets_a_did_you_mean_at_its_line(packs_host):
    text = '[unit]\nname = "某市城市管理局"\nlevel = "设区市"\nstandard = "henan-2021"\n'
    with pytest.raises(InvalidProfile) as caught:
        parse_text("city.toml", text, packs_host.standards)
    (error,) = caught.value.errors
    assert (error.line, error.column) == (3, 9)
    assert error.message.endswith("“设区市”与本标准的“省辖市”是同一层级（设区市（地级）），是否想写 “省辖市”？")


def test_init_for_hunan_with_henans_county_word_is_refused_with_the_hunan_word(capsys, tmp_path):
    code = main(["--log-level", "error", "init", str(tmp_path / "x.toml"), "--level", "县（市、区）"])
    _, err = capsys.readouterr()
    assert code == 2 and "是否想写 “县市区”" in err and not (tmp_path / "x.toml").exists()
