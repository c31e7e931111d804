"""The one rule for a date that must not be in the past, judged against the UK's "today" (pinned in tests)."""

from datetime import date

from tracker.date_rules import not_in_past_problem


def test_a_date_before_today_is_refused_and_today_or_later_is_not(app):
    with app.app_context():  # today is 22 November 2026 (TODAY in the tests' config)
        assert not_in_past_problem(date(2026, 11, 21), "The due date") == "The due date must be today or in the future"
        assert not_in_past_problem(date(2026, 11, 22), "The due date") is None
        assert not_in_past_problem(date(2027, 1, 1), "The due date") is None
        assert not_in_past_problem(None, "The due date") is None  # whether one is required is the field's rule
