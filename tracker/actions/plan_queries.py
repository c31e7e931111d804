"""The plan as a list of rows, built in SQL: a fixed number of queries whatever the plan's size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import aliased

from tracker.actions.plan_filters import PlanFilters
from tracker.actions.queries import next_milestone
from tracker.extensions import db
from tracker.models import Action, ActionStatus, ImprovementPoint, Inspection, Rag, User
from tracker.models.inspection import document_title
from tracker.oversight.overdue import inspection_titles


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


def _filtered(query, filters: PlanFilters):
    """The query (joined to the action's point) narrowed to the actions the filters and search choose."""
    if filters.inspection_id:
        query = query.where(ImprovementPoint.inspection_id == filters.inspection_id)
    if filters.theme:
        query = query.where(Action.theme == filters.theme)
    if filters.owner_id:
        query = query.where(Action.owner_id == filters.owner_id)
    if filters.status:
        query = query.where(Action.status == filters.status)
    if filters.rag:
        query = query.where(Action.rag == filters.rag)
    # Case-insensitive on both databases (ILIKE on PostgreSQL, lower() LIKE lower() on SQLite); autoescape
    # makes a typed "%" or "_" mean itself.
    searched = (Action.title, Action.description, ImprovementPoint.text)
    for word in filters.words:
        query = query.where(or_(*(column.icontains(word, autoescape=True) for column in searched)))
    return query


def authority_actions(
    authority_id: int,
    *,
    first_owner_id: int | None,
    page: int,
    per_page: int,
    filters: PlanFilters = PlanFilters(),  # noqa: B008 (frozen: no one can change the default)
):
    """One page of the authority's actions under the filters, newest inspection first; first_owner_id's own
    actions lead.

    Returns (rows, total), total counting every action that matches.
    """
    owner = aliased(User)
    in_authority = _filtered(
        select(Action.id)
        .join(ImprovementPoint, Action.improvement_point_id == ImprovementPoint.id)
        .join(Inspection, ImprovementPoint.inspection_id == Inspection.id)
        .where(Inspection.authority_id == authority_id),
        filters,
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
            owner.name_and_title,
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


def plan_filter_options(authority_id: int) -> dict:
    """The choices for the whole-plan list's filters: the authority's plans, and the themes and owners of its
    actions (open or not: the list holds them all)."""
    in_authority = Action.authority_id == authority_id
    owns_action = select(Action.id).where(in_authority, Action.owner_id == User.id).exists()
    owners = select(User.id, User.name_and_title).where(User.authority_id == authority_id, owns_action)
    themes = select(Action.theme).where(in_authority).distinct().order_by(Action.theme)
    return {
        "inspections": inspection_titles(authority_id),
        "themes": [(theme, theme) for theme in db.session.scalars(themes)],
        "owners": db.session.execute(owners.order_by(User.name_and_title)).all(),
        "statuses": [(s.value, s.label) for s in ActionStatus],
        "rags": [(r.value, r.label) for r in Rag],
    }
