"""Every authority's whole plan as nested plain data (JSON-ready), in a fixed number of queries."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.extensions import db
from tracker.models import (
    Action,
    Authority,
    Evidence,
    ImprovementPoint,
    Inspection,
    Milestone,
    MilestoneReplan,
    ProgressUpdate,
)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def build_plan_export() -> dict[str, Any]:
    inspections = selectinload(Authority.inspections)
    points = inspections.selectinload(Inspection.improvement_points)
    actions = points.selectinload(ImprovementPoint.actions)
    authorities = db.session.scalars(
        select(Authority)
        .order_by(Authority.name)
        .options(
            inspections.selectinload(Inspection.judgements),
            inspections.selectinload(Inspection.strengths),
            points.selectinload(ImprovementPoint.framework_rows),
            actions.joinedload(Action.owner),
            actions.joinedload(Action.lead_director),
            actions.joinedload(Action.signed_off_by),
            actions.selectinload(Action.milestones)
            .selectinload(Milestone.replans)
            .joinedload(MilestoneReplan.replanned_by),
            actions.selectinload(Action.evidence).joinedload(Evidence.added_by),
            actions.selectinload(Action.updates).joinedload(ProgressUpdate.author),
        )
    ).all()
    return {"authorities": [_authority(a) for a in authorities]}


def _authority(authority: Authority) -> dict[str, Any]:
    return {"name": authority.name, "inspections": [_inspection(i) for i in authority.inspections]}


def _inspection(inspection: Inspection) -> dict[str, Any]:
    return {
        "doc_type": inspection.doc_type.value,
        "visit_start": _iso(inspection.visit_start),
        "visit_end": _iso(inspection.visit_end),
        "published": _iso(inspection.published),
        "overall_effectiveness": inspection.overall_effectiveness,
        "source_filename": inspection.source_filename,
        "source_sha256": inspection.source_sha256,
        "judgements": [{"area": j.area, "grade": j.grade} for j in inspection.judgements],
        "strengths": [s.text for s in inspection.strengths],
        "improvement_points": [_point(p) for p in inspection.improvement_points],
    }


def _point(point: ImprovementPoint) -> dict[str, Any]:
    return {
        "kind": point.kind.value,
        "number": point.number,
        "text": point.text,
        # The National Framework areas the document cross-references it with, in its order.
        "framework": [area.value for area in point.framework_areas],
        # False for a point shown with its document but left out of the plan's work.
        "answered_by_council": point.answered_by_council,
        "actions": [_action(a) for a in point.actions],
    }


def _action(action: Action) -> dict[str, Any]:
    return {
        "title": action.title,
        "description": action.description,
        "owner": action.owner.display_name,
        "lead_director": action.lead_director.display_name,
        "theme": action.theme,
        "status": action.status.value,
        "rag": action.rag.value,
        "rag_reason": action.rag_reason,
        "target_date": _iso(action.target_date),
        "signed_off_by": action.signed_off_by.display_name if action.signed_off_by else None,
        "signed_off_at": _iso(action.signed_off_at),
        "milestones": [
            {
                "title": m.title,
                "due_date": _iso(m.due_date),
                "original_due_date": _iso(m.original_due_date),
                "completed_date": _iso(m.completed_date),
                "closed_reason": m.closed_reason,
                "replans": [
                    {
                        "from": _iso(r.previous_due_date),
                        "to": _iso(r.new_due_date),
                        "reason": r.reason,
                        "by": r.replanned_by.display_name,
                        "at": _iso(r.replanned_at),
                    }
                    for r in m.replans
                ],
            }
            for m in action.milestones
        ],
        "evidence": [
            {
                "kind": e.kind.value,
                "description": e.description,
                "date": _iso(e.evidence_date),
                "link": e.link,
                "file": e.original_filename,
                "added_by": e.added_by.display_name,
                "shows_impact": e.shows_impact,
            }
            for e in action.evidence
        ],
        "updates": [
            {
                "at": _iso(u.created_at),
                "author": u.author.display_name,
                "rag": u.rag.value,
                "narrative": u.narrative,
            }
            for u in action.updates
        ],
    }
