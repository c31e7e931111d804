"""Themes suggested by a point's National Framework areas, as well as by its words."""

from sqlalchemy import select

from tests.helpers.data import committed
from tests.helpers.factories import make_authority
from tracker.extensions import db
from tracker.inspections.operations import create_inspection
from tracker.models import AuditEvent, FrameworkArea, ImprovementPoint, Theme
from tracker.parsing.model import ImprovementPoint as ParsedPoint
from tracker.parsing.model import ParsedDocument
from tracker.points.themes import FRAMEWORK_THEMES, classify

# Words that name no theme: without a framework area, the point would get only the nearest guess.
PLAIN = "Leaders should act on what they know sooner."


def test_every_framework_area_has_its_themes_defined():
    assert set(FRAMEWORK_THEMES) == set(FrameworkArea)


def test_a_point_with_outcome_4_whose_words_name_no_theme_gets_children_in_care_and_care_leavers():
    assert classify(PLAIN, [FrameworkArea.OUTCOME_4]) == [Theme.CHILDREN_IN_CARE, Theme.CARE_LEAVERS]


def test_the_frameworks_themes_come_after_the_words_own():
    themes = classify("The quality of assessments remains too variable.", [FrameworkArea.ENABLER_3])
    assert themes == [Theme.ASSESSMENTS, Theme.WORKFORCE]


def test_a_theme_both_the_words_and_the_framework_give_is_listed_once():
    themes = classify("Caseloads are too high.", [FrameworkArea.ENABLER_3, FrameworkArea.PRINCIPLE_2])
    assert themes == [Theme.WORKFORCE, Theme.PARTICIPATION]


def test_an_area_with_no_themes_of_its_own_leaves_the_words_to_decide():
    assert classify(PLAIN, [FrameworkArea.PRINCIPLE_1]) == classify(PLAIN)


def _document(*points: ParsedPoint) -> ParsedDocument:
    text = "\n".join(p.text for p in points)
    return ParsedDocument(
        authority=None,
        doc_type="inspection_report",
        visit_start=None,
        visit_end=None,
        published=None,
        improvement_points=list(points),
        source_text=text,
    )


def test_an_imported_point_gets_its_frameworks_themes_and_they_are_audited(app):
    parsed = _document(
        ParsedPoint("area_for_improvement", 1, PLAIN, ("outcome_4",)),
        ParsedPoint("area_for_improvement", 2, "Caseloads are too high.", ("principle_2",)),
    )
    with committed(app):
        inspection = create_inspection(parsed, make_authority(), source_filename="report.pdf", actor=None)
        ids = [p.id for p in inspection.improvement_points]
    with committed(app):
        first, second = (db.session.get(ImprovementPoint, i) for i in ids)
        assert first.themes == [Theme.CHILDREN_IN_CARE, Theme.CARE_LEAVERS]
        assert second.themes == [Theme.WORKFORCE, Theme.PARTICIPATION]
        recorded = db.session.scalar(
            select(AuditEvent.after).where(
                AuditEvent.entity_type == "improvement_point",
                AuditEvent.entity_id == first.id,
                AuditEvent.field == "themes",
            )
        )
        assert recorded == "Children in care and permanence; Care leavers"
