"""What is overdue: actions past their target date and milestones past their due date, not done.

One UNION in SQL, filtered, sorted and paginated by the database. The same rows feed the page and the
CSV and Excel exports, so they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from functools import cache

from sqlalchemy import Integer, String, and_, bindparam, case, cast, func, literal, null, select, union_all
from sqlalchemy.orm import aliased

from tracker import definitions
from tracker.extensions import db
from tracker.models import (
    Action,
    ActionStatus,
    DocumentKind,
    FrameworkArea,
    ImprovementPoint,
    Inspection,
    Milestone,
    MilestoneReplan,
    PointFrameworkArea,
    ProgressUpdate,
    Rag,
    User,
)
from tracker.models.inspection import document_title
from tracker.timeutil import uk_date

SORTS = {"days": "Days overdue", "owner": "Owner", "rag": "RAG"}


@dataclass(frozen=True)
class OverdueFilters:
    inspection_id: int | None = None
    theme: str | None = None
    framework: FrameworkArea | None = None  # the National Framework area the action's point is cross-referenced with
    owner_id: int | None = None
    rag: Rag | None = None
    sort: str = "days"
    # Not a filter on the page: the committee report asks for the plans it covers, all in one query.
    inspection_ids: tuple[int, ...] = ()

    def as_args(self) -> dict:
        """The filters as query-string arguments (for links to other pages and to the exports)."""
        args = {
            "inspection": self.inspection_id,
            "theme": self.theme,
            "framework": self.framework.value if self.framework else None,
            "owner": self.owner_id,
            "rag": self.rag.value if self.rag else None,
            "sort": self.sort if self.sort != "days" else None,
        }
        return {k: v for k, v in args.items() if v not in (None, "")}


@dataclass(slots=True)
class OverdueRow:
    """One overdue item, its fields in the order _filled selects them: a row is made by unpacking (a page
    makes fifty, and reading a result row's columns by name cost more than all else in making one)."""

    kind: str  # "Action" or "Milestone"
    action_id: int
    item: str
    action_title: str
    inspection_id: int
    doc_type: DocumentKind
    published: date | None
    theme: str
    owner: str
    rag: Rag
    original_date: date
    due_date: date
    milestone_id: int | None
    times_moved: int
    reasons: str | None
    status: ActionStatus
    rag_reason: str
    recovery: str | None
    latest_update_at: datetime | None  # naive UTC, as stored
    latest_update: str | None

    def __post_init__(self):
        # The database joins each move's reason with "; ", and most reasons end with a full stop of their own.
        if self.reasons:
            self.reasons = self.reasons.replace(".; ", "; ")

    @property
    def inspection(self) -> str:
        # Named only when asked for (the exports): the page does not show it.
        return document_title(self.doc_type, self.published)

    @property
    def awaiting_sign_off(self) -> bool:
        return self.status == ActionStatus.AWAITING_SIGN_OFF

    @property
    def latest_update_on(self) -> date | None:
        """The UK day of the action's latest progress update."""
        return uk_date(self.latest_update_at.replace(tzinfo=UTC)) if self.latest_update_at else None

    def days_overdue(self, today: date) -> int:
        return (today - self.due_date).days


@dataclass(frozen=True)
class _Shape:
    """What an overdue statement's SQL depends on: which filters are set (not their values), the sort, and
    whether it looks back (overdue) or ahead (due soon).

    A statement this size takes longer to build than to run, so each shape's statements are built once and
    kept (see the cached builders below); the values are bound each time one runs.
    """

    inspection: bool = False
    inspections: bool = False
    theme: bool = False
    framework: bool = False
    owner: bool = False
    rag: bool = False
    sort: str = "days"
    ahead: bool = False


# The filters' values under the names the statements bind them by. A filter that is set is in the statement's
# shape and its value is bound, both from this one place.
_FILTER_PARAMS = {
    "inspection": ("inspection_id", lambda f: f.inspection_id),
    "inspections": ("inspection_ids", lambda f: list(f.inspection_ids)),
    "theme": ("theme", lambda f: f.theme),
    "framework": ("framework", lambda f: f.framework),
    "owner": ("owner_id", lambda f: f.owner_id),
    "rag": ("rag", lambda f: f.rag),
}


def _query(
    authority_id: int, today: date, filters: OverdueFilters, due_within: int | None = None
) -> tuple[_Shape, dict]:
    """The shape of the statement the filters need, and the values to run it with."""
    params = {"authority_id": authority_id, "today": today}
    if due_within is not None:
        params["until"] = definitions.due_soon_until(today, due_within)
    set_filters = {}
    for name, (param, value_of) in _FILTER_PARAMS.items():
        if value := value_of(filters):
            set_filters[name] = True
            params[param] = value
    return _Shape(**set_filters, sort=filters.sort, ahead=due_within is not None), params


def _open_actions(query, shape: _Shape):
    """The query narrowed to the authority's open actions under the filters the shape has (joining nothing, so
    the statements that need a document's columns can join it themselves)."""
    query = query.where(Action.authority_id == bindparam("authority_id"), definitions.OPEN_ACTION)
    if shape.inspection or shape.inspections:
        documents = (
            ImprovementPoint.inspection_id == bindparam("inspection_id")
            if shape.inspection
            else ImprovementPoint.inspection_id.in_(bindparam("inspection_ids", expanding=True))
        )
        query = query.where(Action.improvement_point_id.in_(select(ImprovementPoint.id).where(documents)))
    if shape.theme:
        query = query.where(Action.theme == bindparam("theme"))
    if shape.framework:
        cross_referenced = select(PointFrameworkArea.improvement_point_id).where(
            PointFrameworkArea.area == bindparam("framework")
        )
        query = query.where(Action.improvement_point_id.in_(cross_referenced))
    if shape.owner:
        query = query.where(Action.owner_id == bindparam("owner_id"))
    if shape.rag:
        query = query.where(Action.rag == bindparam("rag"))
    return query


def _window(column, shape: _Shape):
    """Overdue, or (looking ahead) due soon, by the one definition of each (tracker/definitions.py)."""
    if shape.ahead:
        return definitions.due_soon_sql(column, bindparam("today"), bindparam("until"))
    return definitions.overdue_sql(column, bindparam("today"))


@cache
def _count_statement(shape: _Shape):
    """How many items _rows gives, counted without reading their text (from the indices where it can)."""
    actions = _open_actions(select(func.count(Action.id)), shape).where(_window(Action.target_date, shape))
    milestones = _open_actions(
        select(func.count(Milestone.id)).select_from(Milestone).join(Action, Milestone.action_id == Action.id),
        shape,
    ).where(Milestone.completed_date.is_(None), _window(Milestone.due_date, shape))
    return select(actions.scalar_subquery() + milestones.scalar_subquery())


def _keys(shape: _Shape):
    """Overdue items (or, looking ahead, the items due from today until the date given) as the little that
    orders them: found on the action and milestone indices alone, joining an owner only to sort by owner."""
    owner = aliased(User)
    sort_columns = [cast(Action.rag, String).label("rag")]
    if shape.sort == "owner":
        sort_columns.append(owner.name_and_title.label("owner"))

    def with_owner(query):
        return query.join(owner, Action.owner_id == owner.id) if shape.sort == "owner" else query

    actions = _open_actions(
        with_owner(
            select(
                literal("Action").label("kind"),
                Action.id.label("action_id"),
                cast(null(), Integer).label("milestone_id"),
                Action.title.label("item"),
                Action.target_date.label("original_date"),
                Action.target_date.label("due_date"),
                *sort_columns,
            )
        ),
        shape,
    ).where(_window(Action.target_date, shape))
    milestones = _open_actions(
        with_owner(
            select(
                literal("Milestone"),
                Action.id,
                Milestone.id,
                Milestone.title,
                Milestone.original_due_date,
                Milestone.due_date,
                *sort_columns,
            )
            .select_from(Milestone)
            .join(Action, Milestone.action_id == Action.id)
        ),
        shape,
    ).where(and_(Milestone.completed_date.is_(None), _window(Milestone.due_date, shape)))
    return union_all(actions, milestones).subquery()


def _filled(keys):
    """The items chosen (a page, or all of them for an export) filled in: their action, owner and document,
    and how often each milestone was moved and why. Only the rows asked for are looked up."""
    owner = aliased(User)
    replans = select(MilestoneReplan).where(MilestoneReplan.milestone_id == keys.c.milestone_id)
    moved = replans.with_only_columns(func.count()).scalar_subquery()
    reasons = replans.with_only_columns(func.aggregate_strings(MilestoneReplan.reason, "; ")).scalar_subquery()
    # The action's latest progress update, looked up for the chosen rows only (one correlated subquery per
    # column, from the index on the update's action), so a page or an export stays one query whatever its size.
    latest = (
        select(ProgressUpdate)
        .where(ProgressUpdate.action_id == keys.c.action_id)
        .order_by(ProgressUpdate.created_at.desc(), ProgressUpdate.id.desc())
        .limit(1)
    )
    statement = (
        select(
            keys.c.kind,
            keys.c.action_id,
            keys.c.item,
            Action.title.label("action_title"),
            Inspection.id.label("inspection_id"),
            Inspection.doc_type,
            Inspection.named_on.label("published"),
            Action.theme,
            owner.name_and_title.label("owner"),
            Action.rag,  # the enum, where the keys carry it as text to order by
            keys.c.original_date,
            keys.c.due_date,
            keys.c.milestone_id,
            func.coalesce(moved, 0).label("times_moved"),
            reasons.label("reasons"),
            Action.status,
            Action.rag_reason,
            Action.recovery,
            latest.with_only_columns(ProgressUpdate.created_at).scalar_subquery().label("latest_update_at"),
            latest.with_only_columns(ProgressUpdate.narrative).scalar_subquery().label("latest_update"),
        )
        .select_from(keys)
        .join(Action, Action.id == keys.c.action_id)
        .join(owner, Action.owner_id == owner.id)
        .join(ImprovementPoint, Action.improvement_point_id == ImprovementPoint.id)
        .join(Inspection, ImprovementPoint.inspection_id == Inspection.id)
    )
    # Rows are made by unpacking: checked once, as each statement is built (they are cached), not per row.
    if [column.key for column in statement.selected_columns] != [field.name for field in fields(OverdueRow)]:
        raise TypeError("the overdue statement's columns must be OverdueRow's fields, in order")
    return statement


def _ordered(keys, sort: str):
    """Most overdue first (earliest due date), or by owner or RAG (worst first) and then most overdue."""
    by_days = (keys.c.due_date, keys.c.kind, keys.c.action_id, keys.c.item, keys.c.milestone_id)
    if sort == "owner":
        return (keys.c.owner, *by_days)
    if sort == "rag":
        return (case({"red": 0, "amber": 1, "green": 2}, value=keys.c.rag, else_=3), *by_days)
    return by_days


@cache
def _page_statement(shape: _Shape):
    """One page of items (bound: limit and offset), in order: chosen first, then filled in."""
    keys = _keys(shape)
    page_keys = (
        select(keys)
        .order_by(*_ordered(keys, shape.sort))
        .limit(bindparam("limit", type_=Integer))
        .offset(bindparam("offset", type_=Integer))
        .subquery()
    )
    return _filled(page_keys).order_by(*_ordered(page_keys, shape.sort))


@cache
def _all_statement(shape: _Shape):
    keys = _keys(shape)
    return _filled(keys).order_by(*_ordered(keys, shape.sort))


def inspection_titles(authority_id: int) -> dict[int, str]:
    inspections = db.session.execute(
        select(Inspection.id, Inspection.doc_type, Inspection.named_on)
        .where(Inspection.authority_id == authority_id)
        .order_by(Inspection.named_on.desc().nulls_last(), Inspection.id.desc())
    )
    return {id_: document_title(doc_type, published) for id_, doc_type, published in inspections}


def _page(shape: _Shape, params: dict, limit: int, offset: int) -> tuple[list[OverdueRow], int]:
    """The rows from offset, and how many there are in all."""
    total = db.session.scalar(_count_statement(shape), params)
    rows = db.session.execute(_page_statement(shape), {**params, "limit": limit, "offset": offset})
    return [OverdueRow(*r) for r in rows], total


def overdue_page(authority_id: int, today: date, filters: OverdueFilters, page: int, per_page: int):
    """One page of overdue items and the total count: (rows, total)."""
    shape, params = _query(authority_id, today, filters)
    return _page(shape, params, per_page, (page - 1) * per_page)


def due_soon(authority_id: int, today: date, days: int, limit: int) -> tuple[list[OverdueRow], int]:
    """Actions and milestones due from today to `days` ahead, soonest first: (first `limit`, total)."""
    shape, params = _query(authority_id, today, OverdueFilters(), due_within=days)
    return _page(shape, params, limit, 0)


def overdue_all(authority_id: int, today: date, filters: OverdueFilters) -> list[OverdueRow]:
    """Every overdue item under the filters, in the page's order: for the exports."""
    shape, params = _query(authority_id, today, filters)
    rows = db.session.execute(_all_statement(shape), params)
    return [OverdueRow(*r) for r in rows]


@cache
def _option_statements():
    """The statements for the themes and owners of an authority's open actions: built once, like the list's.

    Owners are the authority's own people (an action's owner is always chosen from them) who own an open action
    there: a look in the owner and status index for each, rather than a read of every open action."""
    in_authority = _open_actions(select(Action.theme), _Shape()).subquery()
    themes = select(in_authority.c.theme).distinct().order_by(in_authority.c.theme)
    owns_open_action = _open_actions(select(Action.id), _Shape()).where(Action.owner_id == User.id).exists()
    owners = (
        select(User.id, User.name_and_title)
        .where(User.authority_id == bindparam("authority_id"), owns_open_action)
        .order_by(User.name_and_title)
    )
    return themes, owners


def filter_options(authority_id: int) -> dict:
    """The choices for the filters: the authority's inspections, and the themes and owners of its open actions
    (nothing closed can be overdue)."""
    themes, owners = _option_statements()
    params = {"authority_id": authority_id}
    return {
        "inspections": inspection_titles(authority_id),
        "themes": [(theme, theme) for theme in db.session.scalars(themes, params)],
        "framework": [(area.value, area.full_label) for area in FrameworkArea],
        "owners": db.session.execute(owners, params).all(),
    }
