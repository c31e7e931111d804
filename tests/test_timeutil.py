"""Today is the UK's date, not the server's: a server on UTC would be a day behind for an hour in summer."""

from datetime import UTC, date, datetime

from tracker.timeutil import uk_date


def test_the_uk_date_runs_ahead_of_utc_in_summer_and_with_it_in_winter():
    assert uk_date(datetime(2026, 7, 1, 23, 30, tzinfo=UTC)) == date(2026, 7, 2)
    assert uk_date(datetime(2026, 12, 1, 23, 30, tzinfo=UTC)) == date(2026, 12, 1)
