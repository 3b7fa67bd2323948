"""Seed 004's 11-topic matrix of responsible and assessing units, as data, checked against the text."""

from __future__ import annotations

import re

from tests.plugins.conftest import SEEDS
from ucm_check_localnorms.topics import ALWAYS_ASSESSING, TOPICS, topic

SEED_004 = (SEEDS / "004_b63195e9d500a494.txt").read_text(encoding="utf-8").replace("\n", "")
LIST = ("对城市管理中容易推诿扯皮、责任不清的环境卫生、门前五包责任制、小广告治理、户外广告治理、占道经营和突出店外经营"
        "治理、渣土车违章查处、违法建筑拆除、游园绿地治理、非机动车停放管理、机动车乱停乱放治理、噪声污染治理等11项工作")
EXAMPLE = "现在调整后,引入第三方公司负责清理,区执法局负责治理,各街道办事处积极配合"


def test_the_matrix_has_the_reports_eleven_topics_in_its_order():
    assert LIST in SEED_004
    named = re.search(r"责任不清的(.*)等11项工作", LIST).group(1).split("、")
    assert [t.name for t in TOPICS] == named and len(TOPICS) == 11


def test_small_ads_are_cleaned_by_the_third_party_handled_by_the_enforcement_bureau_with_the_streets():
    assert EXAMPLE in SEED_004
    ads = topic("小广告治理")
    assert (ads.doers, ads.responsible, ads.cooperating) == (("第三方公司",), ("区执法局",), ("各街道办事处",))
    assert ads.assessing == ("第三方考评公司", "数字化城管平台", "区城考办", "区执法局")


def test_the_other_topics_say_their_units_are_not_stated_rather_than_guess_them():
    unstated = [t for t in TOPICS if not t.stated]
    assert len(unstated) == 10 and all(t.responsible is None and t.assessing == ALWAYS_ASSESSING for t in unstated)
    assert "第三方考评占40%、数字化考评占40%、业务局委考评占15%、区城考办考评占5%" in SEED_004
