"""One of each object a council's pages are about, beyond the plan itself, for the tests that walk every
route (tests/performance/test_query_counts.py, tests/security/test_authority_matrix.py): a challenge, a
draft and a published committee report, a finished PDF job, an import waiting to be confirmed and a past
inspection. One definition, so a new kind of object is added to both walks at once."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select

from tests.helpers.paths import SEED_DOCUMENTS
from tracker.actions import operations as ops
from tracker.extensions import db
from tracker.imports import operations as imports
from tracker.inspections.history import add_past
from tracker.models import Action, DocumentKind, Inspection, JobKind, JobState, ReportJob, User
from tracker.parsing import parse_file
from tracker.reports import operations as reports
from tracker.reports.defaults import default_inputs


@dataclass(frozen=True)
class RouteObjects:
    challenge_id: int
    report_id: int  # a draft
    published_report_id: int  # what committee members may read
    job_id: int  # a draft's PDF, made
    import_id: int  # waiting to be confirmed
    past_id: int  # an earlier inspection recorded by hand


def add_route_objects(
    action: Action,
    director: User,
    *,
    document: str = "000_fa815bd9a06c470f.txt",
    past_month: date = date(2019, 9, 1),
    newest_fifth: bool = False,
) -> RouteObjects:
    """Adds them, in the caller's session, for the council of `action`, as `director`. With newest_fifth
    the reports cover the newest fifth of the council's plans (so a larger council's report covers more)."""
    authority = action.improvement_point.inspection.authority
    challenge = ops.raise_challenge(action, director, question="What has changed for children?")
    inputs = default_inputs(authority, "Scrutiny", date(2026, 12, 1), date(2026, 11, 22))
    if newest_fifth:
        newest = db.session.scalars(
            select(Inspection.id)
            .where(Inspection.authority_id == authority.id)
            .order_by(Inspection.published.desc())
            .limit(max(1, len(authority.inspections) // 5))
        ).all()
        inputs = replace(inputs, inspection_ids=newest)
    draft = reports.save_draft(None, inputs, director)
    published = reports.save_draft(None, inputs, director)
    reports.publish(published, director)
    made = ReportJob(
        report=draft,
        kind=JobKind.PDF,
        state=JobState.DONE,
        requested_by=director,
        file=b"%PDF-1.4\n",
        appendix_file=b"%PDF-1.4\n",  # the appendix's own PDF, made by the same job
    )
    made.started_at = made.finished_at = datetime(2026, 11, 22, 9)
    db.session.add(made)
    pending = imports.start(parse_file(SEED_DOCUMENTS / document), document, director, director.authority)
    past = add_past(
        authority.id,
        director,
        doc_type=DocumentKind.INSPECTION_REPORT,
        started_month=past_month,
        ended_month=None,
        published=None,
        overall_effectiveness="Good",
    )
    db.session.flush()
    return RouteObjects(challenge.id, draft.id, published.id, made.id, pending.id, past.id)
