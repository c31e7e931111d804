"""The one rule for a date that must not be in the past: a milestone's due date (added or moved) and an
action's target date, on every form and in Import.

A date in the past would be overdue the moment it is saved, and would top the dashboard as "2103 days overdue"
with nothing actually missed. A milestone that was missed is recorded by moving it with a reason, which keeps
its original date; so nothing needs a past date typed in. "Today" is the UK's date (tracker.timeutil.today).
The rule is checked where a person types a date, not in the operations, which also replay history (the seed
records milestones added years ago, at their own dates).
"""

from __future__ import annotations

from datetime import date

from wtforms.validators import ValidationError

from tracker.timeutil import today


def not_in_past_problem(value: date | None, noun: str) -> str | None:
    """GOV.UK's message when `value` is before today ("The due date must be today or in the future"), else
    None. `noun` names the date as the message starts ("The due date"); no date is not this rule's business."""
    if value is not None and value < today():
        return f"{noun} must be today or in the future"
    return None


class TodayOrLater:
    """The rule as a WTForms validator, for a date field a form always checks."""

    def __init__(self, noun: str):
        self.noun = noun

    def __call__(self, form, field) -> None:
        if (problem := not_in_past_problem(field.data, self.noun)) is not None:
            raise ValidationError(problem)
