"""The rule for a document's publication date, once: the import's confirm page and the inspection page's
form both use it. Ofsted's statutory deadline for the action plan runs from it (tracker/oversight/deadlines.py),
so a document is not confirmed without one. A council's committee paper has two dates, its meeting's and
Ofsted's publication of the report it reports: each is held to the same rule, in its own words."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from tracker.timeutil import today


class Messages(NamedTuple):
    missing: str
    in_future: str
    before_visit: str


DOCUMENT = Messages(
    missing="Enter the date the document was published (for a committee report, the date of its meeting)",
    in_future="The date published must be today or in the past",
    before_visit="The date published must be the same as or after the last day of the inspection or visit",
)
OFSTED_REPORT = Messages(
    missing="Enter the date Ofsted published its report (a committee report is dated by its meeting)",
    in_future="The date Ofsted published its report must be today or in the past",
    before_visit="The date Ofsted published its report must be the same as or after the last day of the inspection"
    " or visit",
)
MISSING, IN_FUTURE, BEFORE_VISIT = DOCUMENT


def publication_problem(published: date | None, visit_end: date | None, messages: Messages = DOCUMENT) -> str | None:
    """What is wrong with this publication date, or None."""
    if published is None:
        return messages.missing
    if published > today():
        return messages.in_future
    if visit_end is not None and published < visit_end:
        return messages.before_visit
    return None
