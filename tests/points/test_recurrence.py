"""A weakness raised again: linked both ways, shown on both points' pages and on the dashboard."""

from datetime import date

from sqlalchemy import select

from tests.helpers.data import committed
from tests.helpers.factories import make_authority, make_inspection, make_point, make_user
from tests.helpers.seeded import seeded_user
from tests.points.test_themes import _point
from tracker.extensions import db
from tracker.models import DocumentKind, PointKind, PointRecurrence, Role, SourceKind, Theme
from tracker.points.analysis import analyse_inspection
from tracker.points.linking import PointText, recurrences

LEICESTER = "Leicester City Council"


def test_leicesters_2023_point_on_management_oversight_recurs_from_2017_recommendation_9(seeded_app):
    later = _point(seeded_app, LEICESTER, 2023, PointKind.WHAT_NEEDS_TO_IMPROVE, 1)
    earlier = _point(seeded_app, LEICESTER, 2017, PointKind.RECOMMENDATION, 9)
    assert "management oversight" in later.text and "management oversight" in earlier.text
    with committed(seeded_app):
        links = db.session.execute(select(PointRecurrence.earlier_point_id, PointRecurrence.later_point_id)).all()
    assert (earlier.id, later.id) in links


def test_unrelated_points_are_not_linked(seeded_app):
    with committed(seeded_app):
        links = db.session.scalars(select(PointRecurrence)).all()
        pairs = {(link.earlier.inspection.authority_id, link.later.inspection.authority_id) for link in links}
        later_texts = [link.later.text for link in links]
    assert all(a == b for a, b in pairs), "a link crosses authorities"
    # Leicester 2023's points on thresholds and on early help repeat nothing from 2017.
    assert not any("threshold" in t or "early help" in t for t in later_texts)


def test_both_points_pages_say_where_else_it_was_raised(seeded_client):
    app = seeded_client.app
    later = _point(app, LEICESTER, 2023, PointKind.WHAT_NEEDS_TO_IMPROVE, 1)
    earlier = _point(app, LEICESTER, 2017, PointKind.RECOMMENDATION, 9)
    seeded_client.sign_in(seeded_user(app, LEICESTER))

    def recurrences(point) -> str:
        page = seeded_client.get_page("points.show", point_id=point.id)
        return page.select_one("#recurrences").get_text(" ", strip=True)

    text = recurrences(later)
    assert "Also raised in the 2017 inspection: Recommendation 9" in text
    text = recurrences(earlier)
    assert "Raised again in the 2023 focused visit: What needs to improve 1" in text

    inspection = seeded_client.get_page("inspections.show", inspection_id=later.inspection.id)
    assert "Also raised in the 2017 inspection" in inspection.select_one(f"#point-{later.id}").get_text(" ", strip=True)


def test_the_dashboard_lists_recurring_points(seeded_client):
    app = seeded_client.app
    later = _point(app, LEICESTER, 2023, PointKind.WHAT_NEEDS_TO_IMPROVE, 1)
    seeded_client.sign_in(seeded_user(app, LEICESTER))
    items = seeded_client.get_page("oversight.dashboard").select("#recurring-list li")
    assert len(items) == 1
    text = items[0].get_text(" ", strip=True)
    assert later.text[:40] in text and "Also raised in the 2017 inspection: Recommendation 9" in text


def test_taking_away_the_shared_theme_unlinks_them(seeded_client):
    app = seeded_client.app
    later = _point(app, LEICESTER, 2023, PointKind.WHAT_NEEDS_TO_IMPROVE, 1)
    seeded_client.sign_in(seeded_user(app, LEICESTER))
    seeded_client.post_form("points.themes", {"themes": ["front_door"]}, status=302, point_id=later.id)
    with committed(app):
        assert db.session.scalar(select(PointRecurrence)) is None
    seeded_client.post_form(
        "points.themes", {"themes": ["front_door", "management_oversight"]}, status=302, point_id=later.id
    )
    with committed(app):
        assert db.session.scalar(select(PointRecurrence.later_point_id)) == later.id


def test_alike_texts_without_a_shared_theme_are_not_linked():
    new = [PointText(1, "The quality of management oversight of assessments.", frozenset({Theme.ASSESSMENTS}))]
    old = [PointText(2, "The quality of management oversight of assessments.", frozenset({Theme.WORKFORCE}))]
    assert recurrences(new, old) == []
    old = [PointText(2, "The quality of management oversight of assessments.", frozenset({Theme.ASSESSMENTS}))]
    assert recurrences(new, old) == [(1, 2, 1.0)]


def test_texts_that_share_a_theme_but_not_the_problem_are_not_linked():
    themes = frozenset({Theme.CARE_LEAVERS})
    new = [PointText(1, "The quality of pathway plans for care leavers.", themes)]
    old = [PointText(2, "Reduce the number of care leavers who are not in employment.", themes)]
    assert recurrences(new, old) == []


def _two_inspections(first_kind, second_published, **source):
    authority = make_authority()
    director = make_user(authority, Role.DIRECTOR)
    old = make_inspection(authority, published=date(2017, 9, 4))
    new = make_inspection(
        authority, doc_type=first_kind or DocumentKind.FOCUSED_VISIT, published=second_published, **source
    )
    text = "The quality of management oversight and supervision in the duty team."
    return director, make_point(old, text=text), make_point(new, text=text)


def test_a_committee_report_restating_its_inspection_is_not_a_recurrence(app):
    with committed(app):
        _, old, new = _two_inspections(
            DocumentKind.INSPECTION_REPORT, None, source_kind=SourceKind.COMMITTEE_REPORT, visit_start=date(2024, 4, 15)
        )
        analyse_inspection(new.inspection, None)
        analyse_inspection(old.inspection, None)
        assert db.session.scalar(select(PointRecurrence)) is None


def test_an_undated_document_counts_as_the_later_and_its_pages_show(client):
    with committed(client.app):
        director, old, new = _two_inspections(None, None)
        analyse_inspection(old.inspection, None)
        analyse_inspection(new.inspection, None)
        link = db.session.scalar(select(PointRecurrence))
        assert (link.earlier_point_id, link.later_point_id) == (old.id, new.id)
    client.sign_in(director)
    text = client.get_page("points.show", point_id=old.id).select_one("#recurrences").get_text(" ", strip=True)
    assert "Raised again in an undated focused visit" in text
    client.get_page("inspections.show", inspection_id=new.inspection_id)
