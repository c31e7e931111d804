"""The overdue list filtered by the National Framework area of the actions' points."""

from datetime import date

from tests.helpers.data import committed
from tests.helpers.factories import make_action, make_authority, make_inspection, make_point, make_user
from tracker.extensions import db
from tracker.models import FrameworkArea, PointFrameworkArea, Role
from tracker.oversight.overdue import OverdueFilters, overdue_all, overdue_page

TODAY = date(2026, 11, 22)
PAST = date(2026, 1, 31)


def _plan():
    """Overdue actions on a point under outcome 4 and enabler 3, on one under enabler 3, and on one with none."""
    authority = make_authority()
    owner = make_user(authority, Role.SERVICE_MANAGER)
    director = make_user(authority, Role.DIRECTOR)
    inspection = make_inspection(authority)
    titles = {}
    for name, areas in (
        ("care", (FrameworkArea.OUTCOME_4, FrameworkArea.ENABLER_3)),
        ("workforce", (FrameworkArea.ENABLER_3,)),
        ("none", ()),
    ):
        point = make_point(inspection)
        point.framework_rows = [PointFrameworkArea(area=a, position=n) for n, a in enumerate(areas, start=1)]
        titles[name] = make_action(point, owner, title=f"Overdue {name}", target_date=PAST).title
    db.session.flush()
    return authority, director, titles


def test_the_filter_keeps_the_actions_whose_point_has_the_area(app):
    with committed(app):
        authority, _, titles = _plan()
        by_area = {
            area: {row.item for row in overdue_all(authority.id, TODAY, OverdueFilters(framework=area))}
            for area in (FrameworkArea.OUTCOME_4, FrameworkArea.ENABLER_3, FrameworkArea.PRINCIPLE_1)
        }
        rows, total = overdue_page(authority.id, TODAY, OverdueFilters(framework=FrameworkArea.ENABLER_3), 1, 50)
    assert by_area[FrameworkArea.OUTCOME_4] == {titles["care"]}
    assert by_area[FrameworkArea.ENABLER_3] == {titles["care"], titles["workforce"]}
    assert by_area[FrameworkArea.PRINCIPLE_1] == set()
    assert total == 2 and {row.item for row in rows} == by_area[FrameworkArea.ENABLER_3]


def test_the_page_offers_the_filter_and_carries_it_to_the_exports(client):
    client.app.config["TODAY"] = TODAY.isoformat()
    with committed(client.app):
        _, director, titles = _plan()
    client.sign_in(director)
    page = client.get_page("oversight.overdue", framework="outcome_4")
    assert page.select_one("#filter-framework option[value=outcome_4]").has_attr("selected")
    assert [a.get_text() for a in page.select("#overdue tbody td a")] == [titles["care"]]
    assert "framework=outcome_4" in page.select_one("#overdue-count a")["href"]
    # A value that is no area is ignored, as if not chosen.
    assert len(client.get_page("oversight.overdue", framework="outcome_9").select("#overdue tbody tr")) == 3
