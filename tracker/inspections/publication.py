"""The rule for a document's publication date, once: the import's confirm page and the inspection page's
form both use it. Ofsted's statutory deadline for the action plan runs from it (tracker/oversight/deadlines.py),
so a document is not confirmed without one."""

from __future__ import annotations

from datetime import date

from tracker.timeutil import today

MISSING = "Enter the date the document was published (for a committee report, the date of its meeting)"
IN_FUTURE = "The date published must be today or in the past"
BEFORE_VISIT = "The date published must be the same as or after the last day of the inspection or visit"


def publication_problem(published: date | None, visit_end: date | None) -> str | None:
    """What is wrong with this publication date, or None."""
    if published is None:
        return MISSING
    if published > today():
        return IN_FUTURE
    if visit_end is not None and published < visit_end:
        return BEFORE_VISIT
    return None
