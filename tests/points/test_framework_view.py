"""The plan viewed by National Framework area: counts for every area, one area's points paged, in a fixed
number of queries."""

from tests.helpers.data import committed
from tests.helpers.factories import make_action, make_authority, make_inspection, make_point, make_user
from tests.helpers.queries import count_queries
from tracker.extensions import db
from tracker.models import FrameworkArea, PointFrameworkArea, PointKind, Rag, Role
from tracker.oversight.overdue import filter_options
from tracker.points import by_framework


def _point(inspection, *areas: FrameworkArea, **fields):
    point = make_point(inspection, **fields)
    point.framework_rows = [PointFrameworkArea(area=a, position=n) for n, a in enumerate(areas, start=1)]
    db.session.flush()
    return point


def _plan(points_per_area: int):
    """A council with points under outcome 4, under outcome 4 and enabler 3 both, with no reference, and a
    recommendation to the partnership under outcome 3 that the council does not answer."""
    authority = make_authority()
    owner = make_user(authority, Role.SERVICE_MANAGER)
    director = make_user(authority, Role.DIRECTOR)
    inspection = make_inspection(authority)
    for _ in range(points_per_area):
        make_action(_point(inspection, FrameworkArea.OUTCOME_4), owner, rag=Rag.RED)
        both = _point(inspection, FrameworkArea.OUTCOME_4, FrameworkArea.ENABLER_3)
        make_action(both, owner, rag=Rag.GREEN)
        make_action(both, owner, rag=Rag.AMBER)
        _point(inspection)
        _point(inspection, FrameworkArea.OUTCOME_3, kind=PointKind.PARTNERSHIP_RECOMMENDATION)
    return authority, director, inspection


def _row(page, area: str) -> dict[str, str]:
    row = page.select_one(f"tr[data-area={area}]")
    cells = {cell.get("data-rag") or cell.get("data-count"): cell.get_text() for cell in row.select("td")}
    return cells


def test_every_area_is_counted_with_its_points_and_their_actions_by_rating(client):
    with committed(client.app):
        _, director, _ = _plan(points_per_area=1)
    client.sign_in(director)
    page = client.get_page("points.framework")
    captions = [c.get_text() for c in page.select("caption")]
    assert captions == ["Outcomes", "Enablers", "Principles", "Not cross-referenced"]
    assert _row(page, "outcome_4") == {
        "points": "2",
        "red": "1",
        "amber": "1",
        "green": "1",
        "blue": "0",
        "actions": "3",
    }
    assert _row(page, "enabler_3") == {
        "points": "1",
        "red": "0",
        "amber": "1",
        "green": "1",
        "blue": "0",
        "actions": "2",
    }
    assert _row(page, "none")["points"] == "1"
    # The partnership's recommendation is not the plan's: outcome 3 has nothing.
    assert _row(page, "outcome_3")["points"] == "0"
    assert len(page.select("tr[data-area]")) == len(FrameworkArea) + 1


def test_one_areas_points_are_listed_and_paged(client):
    client.app.config["HOME_PAGE_SIZE"] = 2
    with committed(client.app):
        _, director, _ = _plan(points_per_area=2)
    client.sign_in(director)
    first = client.get_page("points.framework", area="outcome_4")
    assert first.select_one("#area-points").get_text().startswith("Outcome 4: Children in care")
    assert len(first.select("section[id^=point-]")) == 2
    assert "4 points the plan answers" in first.get_text()
    second = client.get_page("points.framework", area="outcome_4", page=2)
    assert len(second.select("section[id^=point-]")) == 2
    assert {s["id"] for s in first.select("section[id^=point-]")}.isdisjoint(
        s["id"] for s in second.select("section[id^=point-]")
    )
    unreferenced = client.get_page("points.framework", area="none")
    assert len(unreferenced.select("section[id^=point-]")) == 2
    assert "No action yet" in unreferenced.get_text()


def test_the_inspection_filter_narrows_the_counts_and_another_councils_document_is_ignored(client):
    with committed(client.app):
        authority, director, _ = _plan(points_per_area=1)
        later = make_inspection(authority)
        _point(later, FrameworkArea.ENABLER_3)
        other, _, foreign = _plan(points_per_area=1)
    client.sign_in(director)
    assert _row(client.get_page("points.framework"), "enabler_3")["points"] == "2"
    assert _row(client.get_page("points.framework", inspection=later.id), "enabler_3")["points"] == "1"
    assert _row(client.get_page("points.framework", inspection=later.id), "outcome_4")["points"] == "0"
    # Another council's document, or nonsense, is ignored as if not chosen: this council's whole plan is shown.
    for value in (foreign.id, "x"):
        assert _row(client.get_page("points.framework", inspection=value), "enabler_3")["points"] == "2"
    assert not client.get_page("points.framework", area="outcome_9").select_one("#area-points")


def test_the_view_makes_the_same_number_of_queries_whatever_the_plans_size(client):
    counts = {}
    for size in (1, 30):
        with committed(client.app):
            _, director, inspection = _plan(points_per_area=size)
            engine = db.engine
        client.sign_in(director)
        measured = []
        for args in ({}, {"area": "outcome_4"}, {"area": "none", "inspection": inspection.id}):
            with count_queries(engine) as counter:
                client.get_page("points.framework", **args)
            measured.append(counter.count)
        counts[size] = measured
    assert counts[1] == counts[30], counts


def test_every_list_of_areas_names_each_by_its_one_full_label(app):
    assert FrameworkArea.OUTCOME_3.full_label.startswith("Outcome 3: Children and young people are")
    with committed(app):
        authority = make_authority()
        options = filter_options(authority.id)["framework"]
    assert options == [(area.value, area.full_label) for area in FrameworkArea]
    assert dict(by_framework.choices()) == {
        **{area.value: area.full_label for area in FrameworkArea},
        by_framework.NOT_REFERENCED: by_framework.NOT_REFERENCED_LABEL,
    }
    assert [by_framework.AreaCounts(area).label for area in FrameworkArea] == [a.full_label for a in FrameworkArea]


def test_the_point_page_lists_its_areas_by_their_full_labels(client, app):
    with committed(app):
        authority = make_authority()
        reader = make_user(authority, Role.SERVICE_MANAGER)
        point = _point(make_inspection(authority), FrameworkArea.OUTCOME_3, FrameworkArea.ENABLER_1)
    client.sign_in(reader)
    items = [li.get_text() for li in client.get_page("points.show", point_id=point.id).select("#framework li")]
    assert items == [FrameworkArea.OUTCOME_3.full_label, FrameworkArea.ENABLER_1.full_label]


def test_each_table_scrolls_in_a_box_of_its_own_so_a_phone_does_not_widen_the_page(client):
    # Six columns are wider than a 320 px screen (found by looking at the page in Chromium at 320 px).
    with committed(client.app):
        _, director, _ = _plan(points_per_area=1)
    client.sign_in(director)
    page = client.get_page("points.framework")
    tables = page.select("table")
    assert tables
    for table in tables:
        box = table.parent
        assert "tracker-table-scroll" in box.get("class", [])
        assert box["role"] == "region" and box["tabindex"] == "0" and box["aria-label"]
