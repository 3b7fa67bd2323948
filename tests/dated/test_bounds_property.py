"""Any date a record may hold, any as-of in the range: a record is read or refused with a Chinese
message, and a read one is checked by every period shape without an exception."""

from __future__ import annotations

import datetime as dt
from itertools import islice

from hypothesis import given, settings
from hypothesis import strategies as st

from ucm_check.dated import bounds
from ucm_check.dated.periods import KINDS, Period, parse_log
from ucm_check.dated.schedule import Schedule

ANY_DAY = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
IN_RANGE = st.dates(min_value=bounds.FIRST, max_value=bounds.LAST)
KIND = st.sampled_from(sorted(KINDS))


@settings(derandomize=True, max_examples=300, deadline=None)
@given(kind=KIND, filed=ANY_DAY, since=ANY_DAY)
def test_a_record_is_read_only_when_every_date_is_in_range(kind, filed, since):
    key = Period.containing(kind, filed).key if bounds.in_range(filed) else f"{filed.year:04d}"
    log, problem = parse_log(kind, {key: filed, "since": since})
    if bounds.in_range(filed) and bounds.in_range(since):
        assert problem == "" and log.on(Period.containing(kind, filed)) == filed
    else:
        assert log is None and "超出可用范围" in problem


@settings(derandomize=True, max_examples=300, deadline=None)
@given(kind=KIND, as_of=IN_RANGE, workdays=st.integers(0, bounds.MAX_WORKDAYS))
def test_a_schedule_finds_its_occurrence_and_deadline_anywhere_in_the_range(kind, as_of, workdays):
    schedule = Schedule(kind, after_workdays=workdays)
    period = schedule.upcoming(as_of)
    assert schedule.due(period).day >= as_of and period.start <= schedule.due(period).day
    earlier = list(islice(schedule.before(period, bounds.FIRST), 3))
    assert all(p < period and p.end >= bounds.FIRST for p in earlier)
