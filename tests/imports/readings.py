"""Readings of documents made in the tests, started as imports the way an upload is (the reader's own
tests read real documents; these show the review page each kind of reading must give)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.helpers.data import committed
from tracker.extensions import db
from tracker.imports import operations
from tracker.models import User
from tracker.parsing import ImprovementPoint, Judgement, ParsedDocument
from tracker.parsing.model import NOTHING_TO_IMPROVE, POINTS_NOT_READ

# Where the points should be, as a PDF's lines come: wrapped bullets, a remark between, a plain line.
PASSAGE = [
    "• The timeliness of assessments for disabled children and the",
    "quality of the plans that follow them.",
    "• How well managers oversee the work of newly qualified",
    "social workers.",
    "Inspectors also considered the experiences of care leavers.",
    "The response to children who go missing from home.",
    "Leaders have a clear understanding of the service.",
]
MARKED = [
    "The timeliness of assessments for disabled children and the quality of the plans that follow them.",
    "How well managers oversee the work of newly qualified social workers.",
    "The response to children who go missing from home.",
]
TICKED = [0, 1, 2, 3, 5]


def reading(name: str, **changes) -> ParsedDocument:
    """An inspection report of 2026 read with two points; `name` makes its text (and checksum) its own."""
    document = ParsedDocument(
        authority="Leicester City Council",  # the world's own council (tests/helpers/world.py)
        doc_type="inspection_report",
        visit_start=date(2026, 3, 2),
        visit_end=date(2026, 3, 13),
        published=date(2026, 4, 17),
        judgements=[Judgement("The experiences and progress of children in care", "Good")],
        improvement_points=[
            ImprovementPoint("what_needs_to_improve", 1, "The help given to children in need.", ("outcome_3",)),
            ImprovementPoint(
                "what_needs_to_improve", 2, "The stability of homes for children in care.", ("outcome_4", "enabler_2")
            ),
        ],
        source_text=f"Inspection of a local authority's children's services: {name}",
    )
    return replace(document, **changes)


def unread(name: str) -> ParsedDocument:
    return reading(name, improvement_points=[], points_status=POINTS_NOT_READ, passage=list(PASSAGE))


def nothing_to_improve(name: str) -> ParsedDocument:
    return reading(name, doc_type="focused_visit", improvement_points=[], points_status=NOTHING_TO_IMPROVE)


def start_reading(client, user: User, document: ParsedDocument) -> str:
    """Start the import of a reading as the upload form does once the reader has answered; its review URL."""
    with committed(client.app):
        importer = db.session.get(User, user.id)
        pending = operations.start(document, "report.pdf", importer, importer.authority)
    return f"/imports/{pending.id}"
