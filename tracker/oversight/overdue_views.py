"""The overdue list, filtered, sorted and paginated, and its CSV and Excel exports."""

from __future__ import annotations

from flask import Response, current_app, render_template, request

from tracker.models import FrameworkArea, Rag, Role
from tracker.oversight import exports
from tracker.oversight.overdue import SORTS, OverdueFilters, filter_options, overdue_all, overdue_page
from tracker.oversight.scope import oversight_authority
from tracker.pagination import chosen_id, page_number, pagination_params
from tracker.security import requires_role
from tracker.text import attachment
from tracker.timeutil import long_date, today

OVERSEERS = (Role.DIRECTOR, Role.ADMINISTRATOR)


def _filters() -> OverdueFilters:
    """Filters from the query string; a value that does not parse is ignored, as if not chosen."""
    rag = request.args.get("rag")
    framework = request.args.get("framework")
    sort = request.args.get("sort", "days")
    return OverdueFilters(
        inspection_id=chosen_id(request.args, "inspection"),
        theme=request.args.get("theme") or None,
        framework=FrameworkArea(framework) if framework in {a.value for a in FrameworkArea} else None,
        owner_id=chosen_id(request.args, "owner"),
        rag=Rag(rag) if rag in {r.value for r in Rag} else None,
        sort=sort if sort in SORTS else "days",
    )


@requires_role(*OVERSEERS)
def overdue():
    authority = oversight_authority()
    filters = _filters()
    per_page = current_app.config["OVERDUE_PAGE_SIZE"]
    page = page_number(request.args)
    rows, total = overdue_page(authority.id, today(), filters, page, per_page)
    args = filters.as_args()
    return render_template(
        "oversight/overdue.html",
        title="Overdue actions and milestones",
        authority=authority,
        rows=rows,
        total=total,
        filters=filters,
        options=filter_options(authority.id),
        sorts=SORTS,
        args=args,
        pagination=pagination_params(page, per_page, total, "oversight.overdue", **args),
        today=today(),
    )


def _export_name(authority, extension: str) -> str:
    return f"{today():%Y-%m-%d} {authority.name} - overdue.{extension}"


@requires_role(*OVERSEERS)
def overdue_csv():
    authority = oversight_authority()
    rows = overdue_all(authority.id, today(), _filters())
    return Response(
        exports.to_csv(rows, today()),
        mimetype="text/csv",
        headers={"Content-Disposition": attachment(_export_name(authority, "csv"))},
    )


@requires_role(*OVERSEERS)
def overdue_xlsx():
    authority = oversight_authority()
    rows = overdue_all(authority.id, today(), _filters())
    title = f"{authority.name}: overdue actions and milestones at {long_date(today())}"
    return Response(
        exports.to_xlsx(rows, today(), title),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": attachment(_export_name(authority, "xlsx"))},
    )
