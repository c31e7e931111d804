"""Proposals waiting for sign-off, open challenges and answers waiting for a director, in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased

from tracker.actions.completion import WITHDRAWN
from tracker.extensions import db
from tracker.models import Action, ActionStatus, AuditEvent, Challenge, Evidence, User
from tracker.timeutil import utcnow

LIST_LIMIT = 100
# Answers on the dashboard: the oldest first, so none waits unseen; the rest are counted.
ANSWERS_LIMIT = 10
# Proposals withdrawn (a worse rating or a new milestone) are news to the directors for this long.
WITHDRAWN_DAYS = 28
WITHDRAWN_LIMIT = 20


@dataclass(frozen=True)
class AwaitingRow:
    id: int
    title: str
    owner: str
    lead_director_id: int
    lead_director: str
    proposed_at: datetime
    impact_evidence: int


@dataclass(frozen=True)
class ChallengeRow:
    id: int
    action_id: int
    action_title: str
    question: str
    raised_by: str
    raised_at: datetime
    owner: str


@dataclass(frozen=True)
class AnswerRow:
    id: int
    action_id: int
    action_title: str
    question: str
    raised_by: str
    raised_at: datetime
    answer: str
    answered_by: str
    answered_at: datetime


def awaiting_sign_off(authority_id: int, director_id: int) -> list[AwaitingRow]:
    """The authority's proposals, the director's own (as lead director) first, oldest first."""
    owner, lead = aliased(User), aliased(User)
    # Counted for each proposal listed, on the evidence's action index, not for all the evidence there is.
    impact = (
        select(func.count())
        .where(Evidence.action_id == Action.id, Evidence.shows_impact.is_(True))
        .correlate(Action)
        .scalar_subquery()
    )
    query = (
        select(
            Action.id,
            Action.title,
            owner.display_name,
            Action.lead_director_id,
            lead.display_name,
            Action.proposed_at,
            impact,
        )
        .join(owner, Action.owner_id == owner.id)
        .join(lead, Action.lead_director_id == lead.id)
        .where(Action.authority_id == authority_id, Action.status == ActionStatus.AWAITING_SIGN_OFF)
    )
    # By when each was proposed, which a later edit of the action does not change.
    query = query.order_by(
        case((Action.lead_director_id == director_id, 0), else_=1), Action.proposed_at, Action.id
    ).limit(LIST_LIMIT)
    return [AwaitingRow(*row) for row in db.session.execute(query)]


@dataclass(frozen=True)
class WithdrawnRow:
    action_id: int
    title: str
    owner: str
    withdrawn_at: datetime
    reason: str
    by: str | None


def _withdrawals(authority_id: int):
    since = utcnow() - timedelta(days=WITHDRAWN_DAYS)
    return (
        AuditEvent.authority_id == authority_id,
        AuditEvent.entity_type == Action.__tablename__,
        AuditEvent.field == WITHDRAWN,
        AuditEvent.occurred_at >= since,
    )


def recently_withdrawn(authority_id: int) -> list[WithdrawnRow]:
    """Proposals withdrawn in the last WITHDRAWN_DAYS, newest first, read from the audit trail's record."""
    owner, actor = aliased(User), aliased(User)
    query = (
        select(
            Action.id, Action.title, owner.display_name, AuditEvent.occurred_at, AuditEvent.after, actor.display_name
        )
        .select_from(AuditEvent)
        .join(Action, Action.id == AuditEvent.plan_action_id)
        .join(owner, Action.owner_id == owner.id)
        .outerjoin(actor, AuditEvent.actor_id == actor.id)
        .where(*_withdrawals(authority_id))
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(WITHDRAWN_LIMIT)
    )
    return [WithdrawnRow(*row) for row in db.session.execute(query)]


def count_withdrawn(authority_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEvent).where(*_withdrawals(authority_id)))


def count_awaiting(authority_id: int) -> int:
    query = select(func.count()).where(Action.authority_id == authority_id)
    return db.session.scalar(query.where(Action.status == ActionStatus.AWAITING_SIGN_OFF))


def count_open_challenges(authority_id: int) -> int:
    query = select(func.count()).select_from(Challenge).join(Action, Challenge.action_id == Action.id)
    return db.session.scalar(query.where(Action.authority_id == authority_id, Challenge.answered_at.is_(None)))


def open_challenges(*, authority_id: int | None = None, owner_id: int | None = None) -> list[ChallengeRow]:
    """Challenges not yet answered: an authority's, or those on one owner's actions. Oldest first."""
    owner, raiser = aliased(User), aliased(User)
    query = (
        select(
            Challenge.id,
            Action.id,
            Action.title,
            Challenge.question,
            raiser.display_name,
            Challenge.raised_at,
            owner.display_name,
        )
        .join(Action, Challenge.action_id == Action.id)
        .join(owner, Action.owner_id == owner.id)
        .join(raiser, Challenge.raised_by_id == raiser.id)
        .where(Challenge.answered_at.is_(None))
        .order_by(Challenge.raised_at, Challenge.id)
        .limit(LIST_LIMIT)
    )
    if owner_id is not None:
        query = query.where(Action.owner_id == owner_id)
    if authority_id is not None:
        query = query.where(Action.authority_id == authority_id)
    return [ChallengeRow(*row) for row in db.session.execute(query)]


def answers_waiting(authority_id: int) -> tuple[list[AnswerRow], int]:
    """The authority's answered challenges no director has accepted, and that no director has followed with a
    challenge raised on the same action after the answer came: the first ANSWERS_LIMIT (oldest answer first)
    and how many in all, in one query.

    Any director of the council may accept: the dashboard is the council's, and an answer must not wait for
    one director's return from leave.
    """
    raiser, answerer = aliased(User), aliased(User)
    later = aliased(Challenge)
    challenged_again = (
        select(later.id)
        .where(
            later.action_id == Challenge.action_id, later.raised_at >= Challenge.answered_at, later.id != Challenge.id
        )
        .exists()
    )
    query = (
        select(
            Challenge.id,
            Action.id,
            Action.title,
            Challenge.question,
            raiser.display_name,
            Challenge.raised_at,
            Challenge.answer,
            answerer.display_name,
            Challenge.answered_at,
            func.count().over(),
        )
        .join(Action, Challenge.action_id == Action.id)
        .join(raiser, Challenge.raised_by_id == raiser.id)
        .join(answerer, Challenge.answered_by_id == answerer.id)
        .where(
            Action.authority_id == authority_id,
            Challenge.answered_at.is_not(None),
            Challenge.accepted_at.is_(None),
            ~challenged_again,
        )
        .order_by(Challenge.answered_at, Challenge.id)
        .limit(ANSWERS_LIMIT)
    )
    rows = db.session.execute(query).all()
    return [AnswerRow(*row[:-1]) for row in rows], rows[0][-1] if rows else 0
