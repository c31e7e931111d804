""" "Since the last committee paper": the date the council's latest published paper took its figures at."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import CommitteeReport


def last_paper_as_at(authority_id: int) -> date | None:
    """The "figures as at" date of the council's published paper for the latest meeting; None if none is published.

    Drafts do not count: a paper that never went to committee is no baseline for what committee was told.
    """
    inputs = db.session.scalar(
        select(CommitteeReport.inputs)
        .where(CommitteeReport.authority_id == authority_id, CommitteeReport.published_at.is_not(None))
        .order_by(CommitteeReport.meeting_date.desc(), CommitteeReport.published_at.desc(), CommitteeReport.id.desc())
        .limit(1)
    )
    if not inputs or not inputs.get("as_at"):
        return None
    return date.fromisoformat(inputs["as_at"])
