"""Keys typed faster than the screens change still land where they were meant, in order."""

from __future__ import annotations

from journeys.driver import settle, type_ahead
from ucm_check.profile.reading import load_profile

SIZE = (100, 36)


async def test_keys_typed_ahead_of_a_new_screen_reach_the_questions_they_were_typed_for(profile_copy, make_app, host):
    path = profile_copy()  # uniform: staff_not_fully_equipped = 0, dress_violations = 7
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_ahead(pilot, app, "down", "down", "enter", "tab", "end", "ctrl+u", "2", "shift+tab",
                         "end", "ctrl+u", "1", "5", "ctrl+s")
        assert app.screen.area_id == "uniform"
        assert not app.session.editor.dirty
    facts = load_profile(str(path), host.standards).facts["uniform"]
    assert facts == {"staff_not_fully_equipped": 15, "dress_violations": 2}
