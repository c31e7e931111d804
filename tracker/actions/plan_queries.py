"""The plan as a list of rows, built in SQL: a fixed number of queries whatever the plan's size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased

from tracker.actions.queries import next_milestone
from tracker.extensions import db
from tracker.models import Action, ImprovementPoint, Inspection, Rag, User
from tracker.models.inspection import document_title


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
    in_authority = (
        select(Action.id)
        .join(ImprovementPoint, Action.improvement_point_id == ImprovementPoint.id)
        .join(Inspection, ImprovementPoint.inspection_id == Inspection.id)
        .where(Inspection.authority_id == authority_id)
    )
    total = db.session.scalar(select(func.count()).select_from(in_authority.subquery()))
    # The sort keys travel with the page's ids, so the page is chosen first and only its rows are filled in.
    keys = [Inspection.named_on.label("published"), ImprovementPoint.position.label("position")]
    if first_owner_id:
        keys.insert(0, case((Action.owner_id == first_owner_id, 0), else_=1).label("mine_first"))
    page_ids = in_authority.add_columns(*keys).subquery()

    def order(keyed):
        return (
            *([keyed.c.mine_first] if first_owner_id else []),
            keyed.c.published.desc(),
            keyed.c.position,
            keyed.c.id,
        )

    page_ids = select(page_ids).order_by(*order(page_ids)).limit(per_page).offset((page - 1) * per_page).subquery()
    next_title, next_due = next_milestone(Action.id)
    query = (
        select(
            Action.id,
            Action.title,
            Action.owner_id,
            owner.display_name,
            Action.rag,
            Action.status,
            Action.target_date,
            next_title,
            next_due,
            Inspection.doc_type,
            Inspection.named_on.label("published"),
            ImprovementPoint.number,
        )
        .select_from(page_ids)
        .join(Action, Action.id == page_ids.c.id)
        .join(ImprovementPoint, Action.improvement_point_id == ImprovementPoint.id)
        .join(Inspection, ImprovementPoint.inspection_id == Inspection.id)
        .join(owner, Action.owner_id == owner.id)
        .order_by(*order(page_ids))
    )
    rows = [
        ActionRow(
            id=r[0],
            title=r[1],
            owner_id=r[2],
            owner=r[3],
            rag=r[4],
            status=r[5].label,
            target_date=r[6],
            next_milestone=r[7],
            next_milestone_due=r[8],
            inspection_title=document_title(r[9], r[10]),
            point_number=r[11],
        )
        for r in db.session.execute(query)
    ]
    return rows, total
