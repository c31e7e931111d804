"""The plans' actions, milestones, re-plans and evidence as plain rows, in four queries, for facts.py.

A paper over a large council reads thousands of actions and milestones once and keeps none of them:
building ORM objects for them (identity map, collections, change tracking) took most of a paper's
loading time, so the facts are read from rows instead. Each query finds its rows through the plans'
points as a subquery, so the count stays four however many plans, actions or milestones there are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Row, select

from tracker.extensions import db
from tracker.models import Action, Evidence, ImprovementPoint, Milestone, MilestoneReplan, User


@dataclass
class PlanRows:
    """Rows grouped under their parent's id, each group in the order the model's relationship gives."""

    actions: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))  # by point, by id
    milestones: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))  # by action, by due date
    replans: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))  # by milestone, oldest first
    evidence: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))  # by action, by date


def plan_rows(inspection_ids: list[int]) -> PlanRows:
    points = select(ImprovementPoint.id).where(ImprovementPoint.inspection_id.in_(inspection_ids))
    actions = select(Action.id).where(Action.improvement_point_id.in_(points))
    milestones = select(Milestone.id).where(Milestone.action_id.in_(actions))
    rows = PlanRows()
    for row in db.session.execute(
        select(
            Action.id,
            Action.improvement_point_id,
            Action.title,
            Action.theme,
            Action.status,
            Action.rag,
            Action.rag_reason,
            Action.recovery,
            Action.target_date,
            Action.signed_off_at,
            Action.created_at,
            # The owner as the audit trail names them (tracker/audit.as_text), and their job title.
            User.display_name.label("owner"),
            User.job_title.label("owner_job_title"),
        )
        .join(User, User.id == Action.owner_id)
        .where(Action.improvement_point_id.in_(points))
        .order_by(Action.id)
    ):
        rows.actions[row.improvement_point_id].append(row)
    for row in db.session.execute(
        select(
            Milestone.id,
            Milestone.action_id,
            Milestone.title,
            Milestone.original_due_date,
            Milestone.completed_date,
            Milestone.closed_reason,
        )
        .where(Milestone.action_id.in_(actions))
        .order_by(Milestone.due_date, Milestone.id)
    ):
        rows.milestones[row.action_id].append(row)
    for row in db.session.execute(
        select(
            MilestoneReplan.milestone_id,
            MilestoneReplan.previous_due_date,
            MilestoneReplan.new_due_date,
            MilestoneReplan.reason,
            MilestoneReplan.replanned_at,
        )
        .where(MilestoneReplan.milestone_id.in_(milestones))
        .order_by(MilestoneReplan.replanned_at, MilestoneReplan.id)
    ):
        rows.replans[row.milestone_id].append(row)
    for row in db.session.execute(
        select(
            Evidence.action_id, Evidence.description, Evidence.evidence_date, Evidence.shows_impact, Evidence.added_at
        )
        .where(Evidence.action_id.in_(actions))
        .order_by(Evidence.evidence_date, Evidence.id)
    ):
        rows.evidence[row.action_id].append(row)
    return rows
