"""A paper's day is a UK day; the audit trail's moments are UTC."""

from datetime import date, datetime

from tracker.history.moments import end_of_uk_day, uk_day


def test_a_uk_day_ends_an_hour_early_in_utc_in_summer_time_and_at_midnight_in_winter():
    assert end_of_uk_day(date(2024, 7, 15)) == datetime(2024, 7, 15, 23)
    assert end_of_uk_day(date(2024, 12, 1)) == datetime(2024, 12, 2, 0)
    # The clocks go forward at 01:00 UTC on 31 March 2024, so that day ends in summer time.
    assert end_of_uk_day(date(2024, 3, 31)) == datetime(2024, 3, 31, 23)
    assert end_of_uk_day(date(2024, 10, 27)) == datetime(2024, 10, 28, 0)


def test_a_utc_moment_falls_on_its_uk_day():
    assert uk_day(datetime(2024, 7, 31, 23, 30)) == date(2024, 8, 1)
    assert uk_day(datetime(2024, 7, 15, 22, 30)) == date(2024, 7, 15)
    assert uk_day(datetime(2024, 11, 30, 23, 30)) == date(2024, 11, 30)
