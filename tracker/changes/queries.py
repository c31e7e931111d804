"""changes_between: what changed in a council's plans in a period, in a fixed number of queries.

Ratings, proposals, returns and sign-offs are read from the audit trail (each is a change of the action's
own fields: before and after of `rag`, `status`, `returned_reason`); milestone moves and challenges from their
own rows (MilestoneReplan, Challenge), which hold who, when and why. What is newly overdue is judged with the
dates as they stood at the end of the period: a target or due date moved afterwards is read back from the
audit trail or the milestone's moves. Plan and theme filters are the action's current plan and theme.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import aliased

from tracker.changes.model import (
    ChallengeAnswered,
    ChallengeRaised,
    Changes,
    Decision,
    MilestoneMove,
    NewlyOverdue,
    RatingMove,
    Subject,
    person,
)
from tracker.changes.period import Period
from tracker.extensions import db
from tracker.models import (
    Action,
    ActionStatus,
    AuditEvent,
    Challenge,
    ImprovementPoint,
    Inspection,
    Milestone,
    MilestoneReplan,
    Rag,
    User,
)
from tracker.models.inspection import document_title

_SUBJECT = (Action.id, Action.title, Inspection.id, Inspection.doc_type, Inspection.named_on, Action.theme)
_ACTION = Action.__tablename__


def _subject(values: Sequence) -> Subject:
    action_id, title, plan_id, doc_type, named_on, theme = values
    return Subject(action_id, title, plan_id, document_title(doc_type, named_on), theme)


class _Scope:
    """The council's actions under the filters, joined to their plan, for each statement to build on."""

    def __init__(self, authority_id: int, inspection_ids: Iterable[int] | None, theme: str | None):
        self.authority_id = authority_id
        self.inspection_ids = None if inspection_ids is None else list(inspection_ids)
        self.theme = theme

    def select(self, *columns, start_from=Action, through=(), on=None) -> Select:
        """Columns and the subject's, from `start_from` (joined through `through`, then to its action on `on`)."""
        query = select(*columns, *_SUBJECT).select_from(start_from)
        for target, condition in through:
            query = query.join(target, condition)
        if start_from is not Action:
            query = query.join(Action, on)
        query = (
            query.join(ImprovementPoint, Action.improvement_point_id == ImprovementPoint.id)
            .join(Inspection, ImprovementPoint.inspection_id == Inspection.id)
            .where(Action.authority_id == self.authority_id)
        )
        if self.inspection_ids is not None:
            query = query.where(ImprovementPoint.inspection_id.in_(self.inspection_ids))
        if self.theme:
            query = query.where(Action.theme == self.theme)
        return query

    def action_events(self, *fields: str):
        """The council's audit events changing the actions' fields given."""
        return and_(
            AuditEvent.authority_id == self.authority_id,
            AuditEvent.entity_type == _ACTION,
            AuditEvent.event == "changed",
            AuditEvent.field.in_(fields),
        )


def _not_done_by(period: Period):
    """An action not signed off by the end of the period (signed off later, or not yet)."""
    signed_off_later = or_(Action.status != ActionStatus.COMPLETE, Action.signed_off_at >= period.end)
    return and_(Action.created_at < period.end, signed_off_later)


def changes_between(
    authority_id: int,
    since: date,
    until: date,
    *,
    inspection_ids: Iterable[int] | None = None,
    theme: str | None = None,
) -> Changes:
    """What changed after the end of UK day `since` up to the end of UK day `until` (see tracker.changes.period)."""
    period = Period(since, until)
    scope = _Scope(authority_id, inspection_ids, theme)
    changes = Changes(since=since, until=until)
    _action_changes(scope, period, changes)
    _milestone_changes(scope, period, changes)
    _challenges(scope, period, changes)
    changes.newly_overdue += _overdue_actions(scope, period)
    changes.newly_overdue.sort(key=lambda o: (o.due, o.subject.action, o.kind, o.milestone or ""))
    return changes


def _action_changes(scope: _Scope, period: Period, changes: Changes) -> None:
    """Rating moves, proposals, returns and sign-offs: the action's own changes, grouped by moment (an
    operation writes all its changes at one moment, by one person)."""
    actor = aliased(User)
    events = db.session.execute(
        scope.select(
            AuditEvent.occurred_at,
            AuditEvent.actor_id,
            AuditEvent.field,
            AuditEvent.before,
            AuditEvent.after,
            actor.name,
            actor.job_title,
            start_from=AuditEvent,
            on=Action.id == AuditEvent.plan_action_id,
        )
        .outerjoin(actor, actor.id == AuditEvent.actor_id)
        .where(
            scope.action_events("rag", "status", "returned_reason"),
            AuditEvent.occurred_at >= period.start,
            AuditEvent.occurred_at < period.end,
        )
        .order_by(AuditEvent.occurred_at, AuditEvent.id)
    ).all()
    moments: dict[tuple, dict] = {}
    for when, actor_id, field, before, after, name, job_title, *subject in events:
        key = (subject[0], when, actor_id)
        moment = moments.setdefault(key, {"subject": _subject(subject), "who": person(name, job_title)})
        moment[field] = (before, after)
    standing = _standing_values(scope, period, {key[0] for key, m in moments.items() if "rag" in m})
    for (action_id, when, _), moment in moments.items():
        subject, who = moment["subject"], moment["who"]
        status = moment.get("status", (None, None))[1]
        if "rag" in moment:
            before, after = moment["rag"]
            to_rag = Rag(after)
            reason = standing.at(action_id, "rag_reason", when) or ""
            recovery = standing.at(action_id, "recovery", when) if to_rag in (Rag.RED, Rag.AMBER) else None
            changes.rating_moves.append(
                RatingMove(subject, when, who, Rag(before) if before else None, to_rag, reason, recovery)
            )
            if status == ActionStatus.COMPLETE.value:
                changes.sign_offs.append(Decision(subject, who, when, reason))
        if status == ActionStatus.AWAITING_SIGN_OFF.value:
            changes.proposals.append(Decision(subject, who, when))
        returned = moment.get("returned_reason", (None, None))[1]
        if returned:
            changes.returns.append(Decision(subject, who, when, returned))


class _Standing:
    """Each action's reason for its rating and recovery plan over time, to read what stood with a move."""

    def __init__(self):
        self.values: dict[tuple[int, str], tuple[list[datetime], list[str | None]]] = defaultdict(lambda: ([], []))

    def add(self, action_id: int, field: str, when: datetime, value: str | None) -> None:
        times, values = self.values[(action_id, field)]
        times.append(when)
        values.append(value)

    def at(self, action_id: int, field: str, when: datetime) -> str | None:
        times, values = self.values.get((action_id, field), ([], []))
        index = bisect.bisect_right(times, when)
        return values[index - 1] if index else None


def _standing_values(scope: _Scope, period: Period, action_ids: set[int]) -> _Standing:
    """The reason and recovery recorded for these actions up to the period's end (the move's own, or the one
    left standing when a move kept the reason as it was)."""
    standing = _Standing()
    rows = db.session.execute(
        select(AuditEvent.plan_action_id, AuditEvent.field, AuditEvent.occurred_at, AuditEvent.after)
        .where(
            AuditEvent.authority_id == scope.authority_id,
            AuditEvent.entity_type == _ACTION,
            AuditEvent.event.in_(("created", "changed")),
            AuditEvent.field.in_(("rag_reason", "recovery")),
            AuditEvent.plan_action_id.in_(sorted(action_ids)),
            AuditEvent.occurred_at < period.end,
        )
        .order_by(AuditEvent.occurred_at, AuditEvent.id)
    )
    for action_id, field, when, after in rows:
        standing.add(action_id, field, when, after)
    return standing


def _milestone_changes(scope: _Scope, period: Period, changes: Changes) -> None:
    """Milestones moved in the period, and milestones newly overdue: due (as they stood at the period's end)
    in the period and not done by its end, their action not signed off by then."""
    mover, owner = aliased(User), aliased(User)
    moves = db.session.execute(
        scope.select(
            MilestoneReplan.milestone_id,
            MilestoneReplan.previous_due_date,
            MilestoneReplan.new_due_date,
            MilestoneReplan.reason,
            MilestoneReplan.replanned_at,
            mover.name,
            mover.job_title,
            Milestone.title,
            start_from=MilestoneReplan,
            through=[(Milestone, Milestone.id == MilestoneReplan.milestone_id)],
            on=Action.id == Milestone.action_id,
        )
        .join(mover, mover.id == MilestoneReplan.replanned_by_id)
        .where(MilestoneReplan.replanned_at >= period.start)
        .order_by(MilestoneReplan.replanned_at, MilestoneReplan.id)
    ).all()
    due_at_end: dict[int, date] = {}
    for milestone_id, before, after, reason, when, name, job_title, title, *subject in moves:
        if when < period.end:
            changes.milestones_moved.append(
                MilestoneMove(_subject(subject), title, before, after, reason, person(name, job_title), when)
            )
        else:  # the first move after the period says what the date was at its end
            due_at_end.setdefault(milestone_id, before)
    moved_later = select(MilestoneReplan.milestone_id).where(MilestoneReplan.replanned_at >= period.end)
    added_later = select(AuditEvent.entity_id).where(
        AuditEvent.authority_id == scope.authority_id,
        AuditEvent.entity_type == Milestone.__tablename__,
        AuditEvent.event == "created",
        AuditEvent.field == "due_date",
        AuditEvent.occurred_at >= period.end,
    )
    candidates = db.session.execute(
        scope.select(Milestone.id, Milestone.title, Milestone.due_date, owner.name, owner.job_title, start_from=Action)
        .join(Milestone, Milestone.action_id == Action.id)
        .join(owner, owner.id == Action.owner_id)
        .where(
            _not_done_by(period),
            or_(Milestone.completed_date.is_(None), Milestone.completed_date > period.until),
            or_(Milestone.due_date.between(period.first_day, period.until), Milestone.id.in_(moved_later)),
            Milestone.id.not_in(added_later),
        )
    ).all()
    for milestone_id, title, due, name, job_title, *subject in candidates:
        due = due_at_end.get(milestone_id, due)
        if period.holds_date(due):
            changes.newly_overdue.append(NewlyOverdue(_subject(subject), title, due, person(name, job_title)))


def _overdue_actions(scope: _Scope, period: Period) -> list[NewlyOverdue]:
    """Actions whose target date (as it stood at the period's end) fell in the period, not signed off by then."""
    later = db.session.execute(
        select(AuditEvent.plan_action_id, AuditEvent.before)
        .where(scope.action_events("target_date"), AuditEvent.occurred_at >= period.end)
        .order_by(AuditEvent.occurred_at, AuditEvent.id)
    ).all()
    target_at_end: dict[int, date] = {}
    for action_id, before in later:
        if before:
            target_at_end.setdefault(action_id, date.fromisoformat(before))
    owner = aliased(User)
    moved_later = select(AuditEvent.plan_action_id).where(
        scope.action_events("target_date"), AuditEvent.occurred_at >= period.end
    )
    candidates = db.session.execute(
        scope.select(Action.target_date, owner.name, owner.job_title)
        .join(owner, owner.id == Action.owner_id)
        .where(
            _not_done_by(period),
            or_(
                Action.target_date.between(period.first_day, period.until),
                Action.id.in_(moved_later),
            ),
        )
    ).all()
    overdue = []
    for target, name, job_title, *subject in candidates:
        target = target_at_end.get(subject[0], target)
        if period.holds_date(target):
            overdue.append(NewlyOverdue(_subject(subject), None, target, person(name, job_title)))
    return overdue


def _challenges(scope: _Scope, period: Period, changes: Changes) -> None:
    raiser, answerer = aliased(User), aliased(User)

    def within(column):
        return and_(column >= period.start, column < period.end)

    rows = db.session.execute(
        scope.select(
            Challenge.question,
            Challenge.raised_at,
            raiser.name,
            raiser.job_title,
            Challenge.answer,
            Challenge.answered_at,
            answerer.name,
            answerer.job_title,
            start_from=Challenge,
            on=Action.id == Challenge.action_id,
        )
        .join(raiser, raiser.id == Challenge.raised_by_id)
        .outerjoin(answerer, answerer.id == Challenge.answered_by_id)
        .where(or_(within(Challenge.raised_at), within(Challenge.answered_at)))
        .order_by(Challenge.raised_at, Challenge.id)
    ).all()
    for question, raised_at, r_name, r_title, answer, answered_at, a_name, a_title, *subject in rows:
        about = _subject(subject)
        if period.start <= raised_at < period.end:
            changes.challenges_raised.append(ChallengeRaised(about, question, person(r_name, r_title), raised_at))
        if answered_at is not None and period.start <= answered_at < period.end:
            changes.challenges_answered.append(
                ChallengeAnswered(about, question, answer or "", person(a_name, a_title), answered_at)
            )
    changes.challenges_answered.sort(key=lambda c: c.when)


def themes(authority_id: int) -> list[str]:
    """The themes of the council's actions, open or closed (a change can be about either), for the filter."""
    return list(
        db.session.scalars(
            select(Action.theme).where(Action.authority_id == authority_id).distinct().order_by(Action.theme)
        )
    )
