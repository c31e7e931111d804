"""What each person should be reminded of on a given day, gathered in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from tracker import definitions
from tracker.extensions import db
from tracker.models import Action, Authority, Challenge, Milestone, Role, User
from tracker.oversight import dashboard
from tracker.oversight.overdue import OverdueFilters, due_soon, overdue_page
from tracker.oversight.signoff_queries import answers_waiting, count_awaiting, count_open_challenges


@dataclass
class OwnerDigest:
    user: User
    due_soon_days: int
    overdue: list[tuple[str, str, date]] = field(default_factory=list)  # (milestone, action, due)
    due_soon: list[tuple[str, str, date]] = field(default_factory=list)
    stale: list[tuple[str, datetime]] = field(default_factory=list)  # (action, last updated)
    challenges: list[tuple[str, str]] = field(default_factory=list)  # (action, question)

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due_soon or self.stale or self.challenges)


@dataclass
class DirectorDigest:
    user: User
    authority: Authority
    figures: dict[str, int]


def owner_digests(day: date, *, stale_days: int, due_soon_days: int) -> list[OwnerDigest]:
    """Every active owner with something to be reminded of."""
    digests: dict[int, OwnerDigest] = {}
    owners = {u.id: u for u in db.session.scalars(select(User).where(User.active.is_(True)))}

    def digest(owner_id: int) -> OwnerDigest | None:
        owner = owners.get(owner_id)
        if owner is None:
            return None
        return digests.setdefault(owner_id, OwnerDigest(owner, due_soon_days))

    until = definitions.due_soon_until(day, due_soon_days)
    milestones = db.session.execute(
        select(Action.owner_id, Milestone.title, Action.title, Milestone.due_date)
        .join(Action, Milestone.action_id == Action.id)
        .where(definitions.overdue_milestone_sql(day) | definitions.due_soon_milestone_sql(day, until))
        .order_by(Milestone.due_date, Milestone.id)
    )
    for owner_id, milestone, action, due in milestones:
        if (d := digest(owner_id)) is not None:
            (d.overdue if definitions.is_overdue(due, day) else d.due_soon).append((milestone, action, due))
    stale = db.session.execute(
        select(Action.owner_id, Action.title, Action.updated_at)
        .where(definitions.stale_sql(day, stale_days))
        .order_by(Action.updated_at)
    )
    for owner_id, action, updated in stale:
        if (d := digest(owner_id)) is not None:
            d.stale.append((action, updated))
    challenges = db.session.execute(
        select(Action.owner_id, Action.title, Challenge.question)
        .join(Action, Challenge.action_id == Action.id)
        .where(Challenge.answered_at.is_(None))
        .order_by(Challenge.raised_at)
    )
    for owner_id, action, question in challenges:
        if (d := digest(owner_id)) is not None:
            d.challenges.append((action, question))
    return [d for d in digests.values() if not d.empty]


def director_digests(day: date, *, stale_days: int, due_soon_days: int) -> list[DirectorDigest]:
    """A summary of each authority for each of its active directors (queries per authority, not per user)."""
    directors = defaultdict(list)
    for user in db.session.scalars(select(User).where(User.active.is_(True), User.role == Role.DIRECTOR)):
        directors[user.authority_id].append(user)
    digests = []
    for authority in db.session.scalars(select(Authority).where(Authority.id.in_(directors))):
        figures = {
            "overdue": overdue_page(authority.id, day, OverdueFilters(), 1, 1)[1],
            f"due in the next {due_soon_days} days": due_soon(authority.id, day, due_soon_days, 1)[1],
            f"not updated for {stale_days} days": dashboard.stale(authority.id, day, stale_days)[1],
            "doubtful ratings (Green or Amber while late)": dashboard.doubtful(authority.id, day)[1],
            "waiting for sign-off": count_awaiting(authority.id),
            "open challenges": count_open_challenges(authority.id),
            "answers to challenges waiting for a director": answers_waiting(authority.id)[1],
        }
        digests += [DirectorDigest(user, authority, figures) for user in directors[authority.id]]
    return digests
