"""`demo generate` cross-references the points of documents from 2025 with National Framework areas, as Ofsted's
reports do, so the plan by framework area has something to show."""

from sqlalchemy import select

from tests.helpers.data import committed
from tracker.demo.generate import FRAMEWORK_CITED_FROM, generate
from tracker.extensions import db
from tracker.models import ImprovementPoint, Inspection, PointFrameworkArea, PointTheme
from tracker.points.themes import FRAMEWORK_THEMES


def test_points_of_documents_from_2025_carry_an_area_that_suggests_their_theme(app):
    with committed(app):
        generate(1, 400)
        rows = db.session.execute(
            select(Inspection.published, PointTheme.theme, PointFrameworkArea.area)
            .join(ImprovementPoint, ImprovementPoint.inspection_id == Inspection.id)
            .join(PointTheme, PointTheme.improvement_point_id == ImprovementPoint.id)
            .outerjoin(PointFrameworkArea, PointFrameworkArea.improvement_point_id == ImprovementPoint.id)
        ).all()
    recent = [(theme, area) for published, theme, area in rows if published >= FRAMEWORK_CITED_FROM]
    older = [area for published, _, area in rows if published < FRAMEWORK_CITED_FROM]
    assert older and not any(older)
    assert any(area for _, area in recent)
    assert all(theme in FRAMEWORK_THEMES[area] for theme, area in recent if area)
    # A theme that some area suggests is always cross-referenced.
    suggested = {theme for themes in FRAMEWORK_THEMES.values() for theme in themes}
    assert all(area for theme, area in recent if theme in suggested)
