"""The audit trail: searched on a page, exported as CSV. Directors and administrators see their own
council's. There is deliberately no route that changes or deletes an event."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date

from flask import Blueprint, Response, current_app, render_template, request, stream_with_context

from tracker.audit_trail.queries import AuditFilters, AuditRow, events_all, events_page, filter_options
from tracker.audit_trail.readable import readable
from tracker.models import Role
from tracker.oversight.exports import safe_cell
from tracker.oversight.scope import oversight_authority
from tracker.pagination import page_number, pagination_params
from tracker.security import requires_role
from tracker.text import attachment
from tracker.timeutil import today

bp = Blueprint("audit", __name__)

AUDITORS = (Role.DIRECTOR, Role.ADMINISTRATOR)
COLUMNS = ["When (UTC)", "Who", "Email", "Event", "Record", "Record id", "Plan action", "Field", "Before", "After"]


def _int(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 9 else None


def _date(name: str) -> tuple[date | None, str | None]:
    value = request.args.get(name, "").strip()
    if not value:
        return None, None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None, f"Enter the date as year, month and day, like {today():%Y-%m-%d}"
    if not 1900 <= day.year <= 2100:
        return None, "Enter a year between 1900 and 2100"
    return day, None


def _filters() -> tuple[AuditFilters, dict]:
    date_from, from_error = _date("from")
    date_to, to_error = _date("to")
    errors = {k: v for k, v in (("from", from_error), ("to", to_error)) if v}
    if date_from and date_to and date_to < date_from:
        errors["to"] = "The end date must be the same as or after the start date"
    filters = AuditFilters(
        actor_id=_int("actor"),
        event=request.args.get("event") or None,
        plan_action_id=_int("action"),
        date_from=date_from,
        date_to=date_to,
    )
    return filters, errors


@bp.route("/audit")
@requires_role(*AUDITORS)
def search():
    authority = oversight_authority()
    filters, errors = _filters()
    per_page = current_app.config["OVERDUE_PAGE_SIZE"]
    page = page_number(request.args)
    rows, total = ([], 0) if errors else events_page(authority.id, filters, page, per_page)
    args = filters.as_args()
    return render_template(
        "audit/search.html",
        title="Audit trail",
        authority=authority,
        rows=readable(rows),
        total=total,
        filters=filters,
        raw=request.args,
        errors=errors,
        options=filter_options(authority.id),
        args=args,
        pagination=pagination_params(page, per_page, total, "audit.search", **args),
    )


@bp.route("/audit.csv")
@requires_role(*AUDITORS)
def export():
    authority = oversight_authority()
    filters, errors = _filters()
    if errors:
        filters = AuditFilters()  # the page shows what is wrong; the link is only offered when it is right
    name = f"{today():%Y-%m-%d} {authority.name} - audit trail.csv"
    return Response(
        stream_with_context(_csv(events_all(authority.id, filters))),
        mimetype="text/csv",
        headers={"Content-Disposition": attachment(name)},
    )


def _csv(rows: Iterator[AuditRow]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(COLUMNS)
    yield flush()
    for n, row in enumerate(rows, start=1):
        writer.writerow(
            [
                row.occurred_at.isoformat(timespec="seconds"),
                *(
                    safe_cell(v) if v is not None else ""
                    for v in (row.actor, row.actor_email, row.event, row.entity_type)
                ),
                row.entity_id if row.entity_id is not None else "",
                row.plan_action_id if row.plan_action_id is not None else "",
                *(safe_cell(v) if v is not None else "" for v in (row.field, row.before, row.after)),
            ]
        )
        if n % 500 == 0:
            yield flush()
    yield flush()
