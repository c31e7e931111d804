"""Loading what a committee report needs, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload, subqueryload

from tracker.extensions import db
from tracker.models import Action, Authority, ImprovementPoint, Inspection, Milestone
from tracker.points.queries import Recurrence, recurrences_of
from tracker.reports.facts import AsAt, plans_as_at
from tracker.reports.inputs import ReportInputs


@dataclass
class ReportData:
    authority: Authority
    inspections: list[Inspection]  # covered, newest first
    earlier: list[Inspection]  # the authority's inspections before the newest covered one
    recurrences: dict[int, list[Recurrence]]  # by improvement point id: the same weakness raised elsewhere
    as_at: AsAt  # the covered plans as they stood at the paper's date: what the paper reports


def load(inputs: ReportInputs) -> ReportData:
    authority = db.session.get(Authority, inputs.authority_id)
    inspections = list(
        db.session.scalars(
            select(Inspection)
            .where(Inspection.id.in_(inputs.inspection_ids), Inspection.authority_id == inputs.authority_id)
            .order_by(Inspection.published.desc().nulls_last(), Inspection.id.desc())
            # A report may cover thousands of actions and milestones. selectinload asks for them 500 ids at a
            # time; subqueryload asks once, with the parent query as a subquery, so the count stays fixed.
            .options(
                selectinload(Inspection.judgements),
                selectinload(Inspection.strengths),
                subqueryload(Inspection.improvement_points)
                .subqueryload(ImprovementPoint.actions)
                .options(
                    joinedload(Action.owner),
                    subqueryload(Action.milestones).subqueryload(Milestone.replans),
                    subqueryload(Action.evidence),
                ),
            )
        )
    )
    newest = inspections[0].published if inspections else None
    earlier = (
        list(
            db.session.scalars(
                select(Inspection)
                .where(Inspection.authority_id == inputs.authority_id, Inspection.published < newest)
                .order_by(Inspection.published)
            )
        )
        if newest
        else []
    )
    recurrences = recurrences_of([p.id for i in inspections for p in i.improvement_points])
    return ReportData(
        authority=authority,
        inspections=inspections,
        earlier=earlier,
        recurrences=recurrences,
        as_at=plans_as_at(inspections, inputs.as_at),
    )
