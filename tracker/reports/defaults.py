"""Sensible starting values for a report, from the authority and its latest inspection."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Authority, Inspection, Role, User
from tracker.reports.committee import default_title
from tracker.reports.inputs import Officer, ReportInputs


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
