"""Which improvement points the council's plan answers: the rule, defined once, and changing it.

A document's points are all shown with the document, but the plan's work (its actions, the warnings about
points with no action, the dashboard's and the committee report's counts and lists) is about the points the
council answers. By default that is every point but a recommendation to the safeguarding partnership, a
separate body (`PointKind.answered_by_council`); a director or administrator can change it for one point.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import true

from tracker.audit import change_fields
from tracker.models import ImprovementPoint, Role, User

# Who may change whether the council answers a point: the route's guard and the point page's link.
ANSWER_SETTERS = (Role.DIRECTOR, Role.ADMINISTRATOR)

# In SQL: the points the plan answers. Every query that lists or counts the plan's points uses this.
ANSWERED = ImprovementPoint.answered_by_council == true()


def answered(points: Iterable[ImprovementPoint]) -> list[ImprovementPoint]:
    """The same rule for points already loaded, in their order."""
    return [p for p in points if p.answered_by_council]


class StillAnswered(Exception):
    """The council cannot stop answering a point while actions answer it: they are its answer."""


def set_answered(point: ImprovementPoint, answers: bool, actor: User, at: datetime | None = None) -> bool:
    """Record whether the council answers the point in its plan; False if it already did so.

    Actions are never deleted (the audit trail keeps what was done), so a point with actions stays answered:
    otherwise its actions would be work of the plan answering nothing the plan answers.
    """
    if not answers and point.actions:
        raise StillAnswered(
            f"The council answers this point through {len(point.actions)} "
            f"action{'s' if len(point.actions) != 1 else ''}, so it stays in the plan"
        )
    return bool(change_fields(point, actor, at=at, answered_by_council=answers))
