"""A point no action answers is flagged wherever the plan is shown; the point pages' queries are fixed."""

from datetime import date

from bs4 import BeautifulSoup

from tests.helpers.data import committed
from tests.helpers.factories import make_action, make_authority, make_inspection, make_point, make_user
from tests.helpers.queries import count_queries
from tests.helpers.seeded import seeded_user
from tests.points.test_themes import _point
from tracker.extensions import db
from tracker.models import Authority, PointKind, PointRecurrence, PointTheme, Role, SupportingParagraph, Theme
from tracker.reports import committee, data, render
from tracker.reports.defaults import default_inputs

LEICESTER = "Leicester City Council"


def _unanswered_point(app):
    existing = _point(app, LEICESTER, 2023, PointKind.WHAT_NEEDS_TO_IMPROVE, 3)
    with committed(app):
        inspection = db.session.merge(existing).inspection
        point = make_point(inspection, number=4, text="The quality of return home interviews.")
        return point, inspection.authority_id


def test_a_point_with_no_action_is_flagged_wherever_the_plan_is_shown(seeded_client):
    app = seeded_client.app
    point, authority_id = _unanswered_point(app)
    seeded_client.sign_in(seeded_user(app, LEICESTER))

    plan = seeded_client.get_page("actions.plan").select_one("#unanswered")
    assert "1 improvement point has no action yet" in plan.get_text(" ", strip=True)
    assert plan.select_one("a")["href"] == f"/points/{point.id}"

    inspection = seeded_client.get_page("inspections.show", inspection_id=point.inspection_id)
    assert "No action answers this point yet" in inspection.select_one(f"#point-{point.id}").get_text()

    assert seeded_client.get_page("points.show", point_id=point.id).select_one("#no-action")

    dashboard = seeded_client.get_page("oversight.dashboard")
    assert "(1)" in dashboard.select_one("#no-action-heading").get_text()
    assert "return home interviews" in dashboard.select_one("#no-action-list").get_text()

    with app.app_context():
        authority = db.session.get(Authority, authority_id)
        inputs = default_inputs(authority, "Scrutiny", date(2026, 12, 1), date(2026, 11, 22))
        html = render.to_html(committee.build(inputs, data.load(inputs)))
    text = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
    assert "No action has yet been agreed for What needs to improve 4: The quality of return home interviews." in text


def test_the_plan_page_says_nothing_when_every_point_has_an_action(seeded_client):
    seeded_client.sign_in(seeded_user(seeded_client.app, LEICESTER))
    assert seeded_client.get_page("actions.plan").select_one("#unanswered") is None


def _point_of_size(size: int):
    """A point with `size` actions, supporting paragraphs and recurrences, and a reader of its authority."""
    authority = make_authority()
    owner = make_user(authority)
    director = make_user(authority, Role.DIRECTOR)
    old, new = make_inspection(authority, published=date(2017, 9, 4)), make_inspection(authority)
    point = make_point(new, text="Management oversight.")
    db.session.add(PointTheme(point=point, theme=Theme.MANAGEMENT_OVERSIGHT))
    for i in range(size):
        make_action(point, owner, director)
        earlier = make_point(old, text=f"Management oversight {i}.")
        db.session.add(PointRecurrence(earlier_point_id=earlier.id, later_point_id=point.id, similarity=0.5))
        db.session.add(SupportingParagraph(inspection=new, improvement_point=point, position=i, text=f"Finding {i}."))
    db.session.flush()
    return point, director


def test_the_point_and_inspection_pages_make_the_same_number_of_queries_at_any_size(client):
    counts = {}
    for size in (2, 40):
        with committed(client.app):
            point, director = _point_of_size(size)
            engine = db.engine
        client.sign_in(director)
        with count_queries(engine) as on_point:
            page = client.get_page("points.show", point_id=point.id)
        assert len(page.select("#findings blockquote")) == size
        assert len(page.select("#recurrences li")) == size
        with count_queries(engine) as on_inspection:
            client.get_page("inspections.show", inspection_id=point.inspection_id)
        counts[size] = (on_point.count, on_inspection.count)
    assert counts[2] == counts[40], counts
