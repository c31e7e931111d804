"""Sensible starting values for a report, from the authority and its latest inspection."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Authority, Inspection, Role, User
from tracker.reports.inputs import Officer, ReportInputs
from tracker.reports.words import default_title

LATEST, ALL = "latest", "all"


class UnknownPlans(ValueError):
    """Plans asked for by id that are not the authority's (or do not exist)."""


def default_inputs(authority: Authority, committee: str, meeting_date: date | None, as_at: date) -> ReportInputs:
    latest = db.session.scalar(
        select(Inspection)
        .where(Inspection.authority_id == authority.id)
        .order_by(Inspection.named_on.desc().nulls_last(), Inspection.id.desc())
    )
    directors = list(
        db.session.scalars(
            select(User)
            .where(User.authority_id == authority.id, User.role == Role.DIRECTOR, User.active.is_(True))
            .order_by(User.id)
        )
    )
    return ReportInputs(
        authority_id=authority.id,
        committee=committee,
        meeting_date=meeting_date,
        title=default_title(latest.doc_type if latest else None),
        report_of=directors[0].job_title if directors else "Director of Children’s Services",
        inspection_ids=[latest.id] if latest else [],
        as_at=as_at,
        officers=[Officer(name=d.name or "", job_title=d.job_title, email=d.email) for d in directors],
    )


def cover_plans(inputs: ReportInputs, authority: Authority, which: str) -> None:
    """Set the plans a report covers: "latest" (the default), "all" of the authority's, or inspection ids
    ("12,15"). The paper's title follows the newest plan covered, as it does for the latest alone."""
    which = which.strip().lower()
    if which == LATEST:
        return
    newest_first = select(Inspection).where(Inspection.authority_id == authority.id)
    if which != ALL:
        try:
            wanted = {int(part) for part in which.split(",") if part.strip()}
        except ValueError:
            wrong = f"plans must be latest, all or inspection ids separated by commas, not {which!r}"
            raise UnknownPlans(wrong) from None
        if not wanted:
            raise UnknownPlans("give at least one inspection id")
        newest_first = newest_first.where(Inspection.id.in_(wanted))
    inspections = list(
        db.session.scalars(newest_first.order_by(Inspection.named_on.desc().nulls_last(), Inspection.id.desc()))
    )
    if which != ALL and (missing := sorted(wanted - {i.id for i in inspections})):
        raise UnknownPlans(
            f"{authority.name} has no inspection with id {', '.join(map(str, missing))}; "
            "see the authority's inspections for their ids"
        )
    inputs.inspection_ids = [i.id for i in inspections]
    if inspections:
        inputs.title = default_title(inspections[0].doc_type)
