"""Loading what a committee report needs, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload, subqueryload

from tracker.changes.model import Changes
from tracker.changes.queries import changes_between
from tracker.extensions import db
from tracker.history.moments import end_of_uk_day
from tracker.models import Authority, Inspection
from tracker.points.queries import Recurrence, recurrences_of
from tracker.reports.facts import AsAt, plans_as_at
from tracker.reports.inputs import ReportInputs


@dataclass
class ReportData:
    authority: Authority
    inspections: list[Inspection]  # covered, newest first
    recurrences: dict[int, list[Recurrence]]  # by improvement point id: the same weakness raised elsewhere
    as_at: AsAt  # the covered plans as they stood at the paper's date: what the paper reports
    # What moved since the previous report's figures (inputs.previous_report) up to this one's; None without one.
    changes: Changes | None = None


def load(inputs: ReportInputs) -> ReportData:
    authority = db.session.get(Authority, inputs.authority_id)
    inspections = list(
        db.session.scalars(
            select(Inspection)
            .where(Inspection.id.in_(inputs.inspection_ids), Inspection.authority_id == inputs.authority_id)
            .order_by(Inspection.named_on.desc().nulls_last(), Inspection.id.desc())
            # The points as models (the paper's headlines read the main one's); their actions, milestones and
            # evidence are read as rows by plans_as_at. selectinload would ask 500 ids at a time; subqueryload
            # asks once, with the parent query as a subquery, so the count stays fixed.
            .options(
                selectinload(Inspection.judgements),
                selectinload(Inspection.strengths),
                subqueryload(Inspection.improvement_points),
            )
        )
    )
    # A weakness "raised again" only by an inspection the tracker held at the paper's date: a paper as at 2019
    # says nothing of a 2023 visit. Links are made when the later document is imported, so its import dates both.
    held_by = end_of_uk_day(inputs.as_at)
    recurrences = {
        point_id: [r for r in found if r.point.inspection.created_at <= held_by]
        for point_id, found in recurrences_of([p.id for i in inspections for p in i.improvement_points]).items()
    }
    return ReportData(
        authority=authority,
        inspections=inspections,
        recurrences=recurrences,
        as_at=plans_as_at(inspections, inputs.as_at),
        changes=_changes(inputs),
    )


def _changes(inputs: ReportInputs) -> Changes | None:
    since = inputs.previous_report
    if since is None or since >= inputs.as_at or not inputs.inspection_ids:
        return None
    return changes_between(inputs.authority_id, since, inputs.as_at, inspection_ids=inputs.inspection_ids)
