"""The review page's two groups of points, the council's and the safeguarding partnership's: adding,
merging and naming a point each work within the group it is shown in, never across into the other."""

from tests.imports.readings import reading, start_reading
from tests.imports.test_import import _review_fields
from tracker.models import PointKind
from tracker.parsing import ImprovementPoint

COUNCILS = ImprovementPoint("recommendation", 1, "Improve the quality of assessments.")
PARTNERS = ImprovementPoint("partnership_recommendation", 1, "The partnership should audit referrals.")
COUNCILS_TOO = ImprovementPoint("recommendation", 2, "Strengthen management oversight.")


def _legends(page, group: str) -> list[str]:
    """The legends of the points shown under the group's heading, up to the next heading."""
    legends = []
    for element in page.select_one(group).find_all_next(["h2", "legend"]):
        if element.name == "h2":
            break
        legends.append(element.get_text(" ", strip=True))
    return legends


def _kinds(page) -> list[str]:
    return [s.select_one("option[selected]")["value"] for s in page.select("select[id^=points-][id$=-kind]")]


def test_adding_a_point_to_the_councils_group_never_makes_a_partnership_recommendation(client, world):
    client.sign_in(world.director)
    # As the parser lists a 2013–18 report: the council's recommendations, then the partnership's.
    url = start_reading(client, world.director, reading("add", improvement_points=[COUNCILS, PARTNERS]))
    client.post_form(url, {**_review_fields(client, url), "operation": ["add-point"]})
    page = client.get_page(url)
    assert page.select_one("#points").get_text(strip=True) == "Improvement points (2)"
    assert _legends(page, "#points") == ["Point 1: Recommendation 1", "Point 2: Recommendation 2"]
    assert _kinds(page) == ["recommendation", "recommendation", "partnership_recommendation"]

    client.post_form(url, {**_review_fields(client, url), "operation": ["add-partnership-point"]})
    page = client.get_page(url)
    assert page.select_one("#partnership").get_text(strip=True) == "Recommendations to the safeguarding partnership (2)"
    assert _kinds(page)[-1] == PointKind.PARTNERSHIP_RECOMMENDATION


def test_merge_joins_the_next_point_of_the_same_group_and_legends_count_within_each_group(client, world):
    client.sign_in(world.director)
    points = [COUNCILS, PARTNERS, COUNCILS_TOO]  # a point added or re-kinded lands out of the page's order
    url = start_reading(client, world.director, reading("merge", improvement_points=points))
    page = client.get_page(url)
    assert _legends(page, "#points") == ["Point 1: Recommendation 1", "Point 2: Recommendation 2"]
    assert _legends(page, "#partnership") == [f"{PointKind.PARTNERSHIP_RECOMMENDATION.label} 1"]

    client.post_form(url, {**_review_fields(client, url), "operation": ["merge-point-0"]})
    texts = [t.get_text() for t in client.get_page(url).select("textarea[id^=points][id$=-text]")]
    assert texts == [f"{COUNCILS.text} {COUNCILS_TOO.text}", PARTNERS.text]


def test_the_last_point_of_a_group_is_not_merged_into_the_other_group(client, world):
    client.sign_in(world.director)
    url = start_reading(client, world.director, reading("no merge", improvement_points=[COUNCILS, PARTNERS]))
    page = client.get_page(url)
    assert not page.select("button[value^=merge-point]")
    page = client.post_form(url, {**_review_fields(client, url), "operation": ["merge-point-0"]})
    summary = page.select_one(".govuk-error-summary").get_text()
    assert "Point 1 is the last of its group: there is no next point to merge" in summary
    texts = [t.get_text() for t in client.get_page(url).select("textarea[id^=points][id$=-text]")]
    assert texts == [COUNCILS.text, PARTNERS.text]
