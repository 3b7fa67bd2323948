"""Seed 004's district over a generated year: hand-computed months for each group, a tie, a missing
source, flags, escalation, funding, a quarter, and rank changes from the kept history."""

from __future__ import annotations

from tests.assess.conftest import ranked, rows_by_short


def test_streets_in_march_match_the_hand_computation(year, capsys):
    rows = rows_by_short(ranked(year, "2026-03", capsys), "jiedao")
    # 40% 第三方 + 40% 数字化 + 15% 业务局委 + 5% 区城考办 (seed 004)
    assert rows["西湖街道"]["composite"] == 99 and rows["西湖街道"]["rank"] == 1
    # 98×0.40 + 97×0.40 + 96×0.15 + 95×0.05 = 39.2 + 38.8 + 14.4 + 4.75 = 97.15
    assert rows["人民街道"]["composite"] == 97.15
    assert [p["points"] for p in rows["人民街道"]["parts"]] == [39.2, 38.8, 14.4, 4.75]


def test_a_tie_shares_the_rank_and_the_next_rank_is_skipped(year, capsys):
    rows = rows_by_short(ranked(year, "2026-03", capsys), "jiedao")
    assert rows["人民街道"]["rank"] == rows["青年街道"]["rank"] == 2
    assert rows["光明街道"]["rank"] == 4


def test_a_tie_on_the_composite_is_broken_by_the_third_party_score(year, capsys):
    rows = rows_by_short(ranked(year, "2026-03", capsys), "jiedao")
    # 光明 96×0.4 + 94×0.4 + 90×0.15 + 90×0.05 = 94.00; 新华 94×0.4 + 96×0.4 + ... = 94.00
    assert rows["光明街道"]["composite"] == rows["新华街道"]["composite"] == 94
    assert (rows["光明街道"]["rank"], rows["新华街道"]["rank"]) == (4, 5)


def test_a_missing_source_is_reweighted_and_shown(year, capsys):
    row = rows_by_short(ranked(year, "2026-03", capsys), "jiedao")["胜利街道"]
    # (93×40 + 93×40 + 80×5) / 85 = 7840 / 85 = 92.2352… → 92.24
    assert row["composite"] == 92.24
    assert row["missing_sources"] == ["bureaus"] and row["reweighted"] and row["rank"] == 6
    assert [p["score"] for p in row["parts"]] == [93, 93, None, 80]


def test_the_top_two_get_red_flags_a_tie_for_second_included_and_the_last_a_black_flag(year, capsys):
    rows = rows_by_short(ranked(year, "2026-03", capsys), "jiedao")
    assert sorted(s for s, r in rows.items() if r["flag"] == "red") == ["人民街道", "西湖街道", "青年街道"]
    assert [s for s, r in rows.items() if r["flag"] == "black"] == ["东风街道"]


def test_bureaus_in_march_match_the_hand_computation(year, capsys):
    rows = rows_by_short(ranked(year, "2026-03", capsys), "juwei")
    # 80% 第三方 + 20% 各街道办事处: 91.5×0.8 + 88×0.2 = 73.2 + 17.6 = 90.80; 40×0.8 + 50×0.2 = 42.00
    assert (rows["区城管局"]["composite"], rows["区城管局"]["rank"]) == (90.8, 1)
    assert (rows["区住建局"]["composite"], rows["区住建局"]["rank"]) == (42, 8)
    assert all(r["flag"] is None for r in rows.values())  # flags are for the streets only


def test_special_work_in_march_matches_the_hand_computation_with_funding(year, capsys):
    rows = rows_by_short(ranked(year, "2026-03", capsys), "zhuanxiang")
    # 99×0.4 + 98×0.2 + 97×0.2 + 96×0.1 + 95×0.1 = 39.6 + 19.6 + 19.4 + 9.6 + 9.5 = 97.70
    first, second = rows["一环卫所"], rows["二环卫所"]
    assert (first["composite"], first["rank"]) == (97.7, 1)
    assert first["funding"] == {"base": 1200000, "percent": 20, "amount": 240000}
    assert (second["composite"], second["rank"]) == (30, 12)
    assert second["funding"] == {"base": 1000000, "percent": -20, "amount": -200000}
    assert rows["一中队"]["funding"] is None  # 执法中队 have no 定额经费 in the roster


def test_funding_between_first_and_last_moves_linearly_by_place_among_the_sanitation_stations(year, capsys):
    rows = rows_by_short(ranked(year, "2026-03", capsys), "zhuanxiang")
    stations = sorted((r for s, r in rows.items() if s.endswith("环卫所")), key=lambda r: r["rank"])
    # six stations: +20, +12, +4, -4, -12, -20 (40 points over five steps)
    assert [r["funding"]["percent"] for r in stations] == [20, 12, 4, -4, -12, -20]


def test_consecutive_months_at_the_bottom_climb_the_ladder_and_leaving_resets_it(year, capsys):
    seen = []
    for month in range(1, 6):
        row = rows_by_short(ranked(year, f"2026-{month:02d}", capsys), "jiedao")["东风街道"]
        seen.append((row["streak"], row["escalation"], row["escalation_new"]))
    assert seen == [(1, None, False), (2, "约谈", True), (3, "诫勉谈话", True), (4, "停职", True), (0, None, False)]


def test_rank_changes_come_from_last_months_ranking(year, capsys):
    march = rows_by_short(ranked(year, "2026-03", capsys), "jiedao")
    april = rows_by_short(ranked(year, "2026-04", capsys), "jiedao")
    for short, row in april.items():
        assert row["previous_rank"] == march[short]["rank"]
        assert row["change"] == march[short]["rank"] - row["rank"]
    assert april["西湖街道"]["change"] < 0  # back to generated scores after three months of 99


def test_a_quarter_is_the_mean_of_its_months(year, capsys):
    doc = ranked(year, "2026-Q1", capsys)
    rows = rows_by_short(doc, "jiedao")
    assert doc["months"] == ["2026-01", "2026-02", "2026-03"]
    assert (rows["西湖街道"]["composite"], rows["西湖街道"]["rank"]) == (99, 1)
    assert (rows["东风街道"]["composite"], rows["东风街道"]["rank"]) == (50, 15)
    assert all(r["months"] == 3 for r in rows.values())


def test_the_year_ranks_every_unit_over_twelve_months(year, capsys):
    doc = ranked(year, "2026", capsys)
    assert len(doc["months"]) == 12
    for group in doc["groups"]:
        assert sorted(r["rank"] for r in group["rows"])[0] == 1
