"""The inspection page's group of points left out of the plan is named by what is in it, from the kinds'
own rule (PointKind.answered_by_council), not by a kind's value spelled in the template."""

from tests.helpers.data import committed
from tests.points.test_answering import plan  # noqa: F401 (the fixture)
from tracker.extensions import db
from tracker.models import ImprovementPoint, Role


def test_a_point_of_the_councils_kind_left_out_names_the_group_for_the_council(client, plan):  # noqa: F811
    _, people, inspection, ours, _ = plan
    with committed(client.app):
        db.session.get(ImprovementPoint, ours.id).answered_by_council = False
    client.sign_in(people[Role.SERVICE_MANAGER])
    group = client.get_page("inspections.show", inspection_id=inspection.id).select_one("#not-in-plan")
    assert group.select_one("h2").get_text() == "Points the council does not answer in its plan"
    assert group.select_one(f"#point-{ours.id}")
