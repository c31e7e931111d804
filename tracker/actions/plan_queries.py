"""The plan as a list of rows, built in SQL: a fixed number of queries whatever the plan's size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased

from tracker.actions.queries import next_milestones
from tracker.extensions import db
from tracker.models import Action, ImprovementPoint, Inspection, Rag, User


@dataclass(frozen=True)
class ActionRow:
    id: int
    title: str
    owner_id: int
    owner: str
    rag: Rag
    status: str
    target_date: date
    next_milestone: str | None
    next_milestone_due: date | None
    inspection_title: str
    point_number: int


def authority_actions(authority_id: int, *, first_owner_id: int | None, page: int, per_page: int):
    """One page of the authority's actions, newest inspection first; first_owner_id's own actions lead.

    Returns (rows, total).
    """
    owner = aliased(User)
    nxt = next_milestones()
    base = (
        select(Action.id)
        .join(ImprovementPoint, Action.improvement_point_id == ImprovementPoint.id)
        .join(Inspection, ImprovementPoint.inspection_id == Inspection.id)
        .where(Inspection.authority_id == authority_id)
    )
    total = db.session.scalar(select(func.count()).select_from(base.subquery()))
    mine_first = case((Action.owner_id == first_owner_id, 0), else_=1) if first_owner_id else None
    query = (
        select(
            Action.id,
            Action.title,
            Action.owner_id,
            owner.job_title,
            owner.name,
            Action.rag,
            Action.status,
            Action.target_date,
            nxt.c.title,
            nxt.c.due_date,
            Inspection.doc_type,
            Inspection.published,
            ImprovementPoint.number,
        )
        .join(ImprovementPoint, Action.improvement_point_id == ImprovementPoint.id)
        .join(Inspection, ImprovementPoint.inspection_id == Inspection.id)
        .join(owner, Action.owner_id == owner.id)
        .outerjoin(nxt, nxt.c.action_id == Action.id)
        .where(Inspection.authority_id == authority_id)
        .order_by(
            *([mine_first] if mine_first is not None else []),
            Inspection.published.desc(),
            ImprovementPoint.position,
            Action.id,
        )
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    rows = [
        ActionRow(
            id=r[0],
            title=r[1],
            owner_id=r[2],
            owner=r[4] or r[3],
            rag=r[5],
            status=r[6].label,
            target_date=r[7],
            next_milestone=r[8],
            next_milestone_due=r[9],
            inspection_title=_inspection_title(r[10], r[11]),
            point_number=r[12],
        )
        for r in db.session.execute(query)
    ]
    return rows, total


def _inspection_title(doc_type, published: date | None) -> str:
    return f"{doc_type.label}, {published:%B %Y}" if published else doc_type.label
