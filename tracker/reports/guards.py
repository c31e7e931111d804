"""Dates a director is asked to confirm before a report is saved: each is legal but usually a slip.

A meeting date in the past dates the paper before today; figures "as at" a day after the meeting are
figures the committee could not have had at it. Neither is refused outright (a paper can be written up
after the meeting, or re-run for the record), so the form says what the date means and asks for a tick.
"""

from __future__ import annotations

from datetime import date

from tracker.timeutil import long_date


def odd_dates(meeting_date: date, as_at: date, today: date) -> list[str]:
    """What each odd date means, in the words the form shows; empty when the dates are as expected."""
    found = []
    if meeting_date < today:
        found.append(f"The meeting date is in the past: the paper will be dated {long_date(meeting_date)}.")
    if as_at > meeting_date:
        found.append(
            f"The figures are as at {long_date(as_at)}, after the meeting on {long_date(meeting_date)}: "
            "the paper will give figures the committee could not have had at its meeting."
        )
    return found


def confirmation(meeting_date: date, as_at: date) -> str:
    """The value the confirmation tick carries: it confirms these dates only, so changing either asks again."""
    return f"{meeting_date.isoformat()}/{as_at.isoformat()}"


def refusal(meanings: list[str]) -> str:
    """The error summary's message for odd dates not yet confirmed."""
    return " ".join([*meanings, "Tick to confirm."])
