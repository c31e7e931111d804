"""The whole-plan list's filters and search: each alone, combined, kept across pages, and bad values harmless."""

from urllib.parse import parse_qs, urlencode, urlparse

import pytest

from tests.helpers.data import committed
from tests.helpers.factories import make_action, make_authority, make_inspection, make_point, make_user
from tracker.models import ActionStatus, Rag, Role


@pytest.fixture
def plan(client):
    """Six actions over two plans, two owners and two themes, with words to search for in each place."""
    with committed(client.app):
        authority = make_authority()
        director = make_user(authority, Role.DIRECTOR)
        priya = make_user(authority, name="Priya Shah", job_title="Head of Service, Front Door")
        fostering = make_user(authority, name="", job_title="Head of Fostering")
        older, newer = make_inspection(authority), make_inspection(authority)
        supervision = make_point(older, text="Supervision is not regular or reflective.")
        thresholds = make_point(newer, text="Thresholds at the FRONT DOOR are applied inconsistently.")
        specs = [
            ("Audit supervision records", supervision, priya, "Oversight", ActionStatus.IN_PROGRESS, Rag.RED, ""),
            ("Train managers", supervision, fostering, "Oversight", ActionStatus.NOT_STARTED, Rag.GREEN, ""),
            ("Threshold clinics", thresholds, priya, "Front door", ActionStatus.IN_PROGRESS, Rag.AMBER, ""),
            ("Panel refresh", thresholds, fostering, "Front door", ActionStatus.AWAITING_SIGN_OFF, Rag.GREEN, ""),
            ("Signed off work", thresholds, fostering, "Front door", ActionStatus.COMPLETE, Rag.BLUE, ""),
            ("Data dashboard", supervision, priya, "Oversight", ActionStatus.IN_PROGRESS, Rag.AMBER, "50% sampled"),
        ]
        for title, point, owner, theme, status, rag, description in specs:
            make_action(
                point, owner, director, title=title, theme=theme, status=status, rag=rag, description=description
            )
        other = make_authority()
        make_action(make_point(make_inspection(other)), make_user(other), title="Audit elsewhere", theme="Oversight")
    client.sign_in(director)
    return {"older": older.id, "newer": newer.id, "priya": priya.id, "fostering": fostering.id}


def _page(client, **args):
    # A path, not keyword arguments: get_page's own "status" would take the filter's.
    return client.get_page("/plan?" + urlencode(args))


def _titles(client, **args) -> set[str]:
    page = _page(client, **args)
    return {row.select_one("td").contents[0].strip() for row in page.select("tbody tr")}


def test_each_filter_narrows_the_list(client, plan):
    everything = _titles(client)
    assert len(everything) == 6 and "Audit elsewhere" not in everything
    assert _titles(client, inspection=plan["older"]) == {
        "Audit supervision records",
        "Train managers",
        "Data dashboard",
    }
    assert _titles(client, theme="Front door") == {"Threshold clinics", "Panel refresh", "Signed off work"}
    assert _titles(client, owner=plan["fostering"]) == {"Train managers", "Panel refresh", "Signed off work"}
    assert _titles(client, status="awaiting_sign_off") == {"Panel refresh"}
    assert _titles(client, rag="amber") == {"Threshold clinics", "Data dashboard"}


def test_search_looks_in_title_description_and_point_text_whatever_the_case(client, plan):
    assert _titles(client, q="AUDIT") == {"Audit supervision records"}  # title; not the other council's
    assert _titles(client, q="reflective") == {"Audit supervision records", "Train managers", "Data dashboard"}
    assert _titles(client, q="front door") == {"Threshold clinics", "Panel refresh", "Signed off work"}
    assert _titles(client, q="50%") == {"Data dashboard"}  # description; "%" means itself
    assert _titles(client, q="5_%") == set()
    assert _titles(client, q="supervision managers") == {"Train managers"}  # every word must be found


def test_filters_combine_and_the_page_says_how_many_match_with_a_way_to_clear_them(client, plan):
    assert _titles(client, owner=plan["priya"], rag="amber", q="dashboard") == {"Data dashboard"}
    assert _titles(client, theme="Oversight", status="in_progress") == {"Audit supervision records", "Data dashboard"}
    page = _page(client, theme="Oversight", status="in_progress")
    count = page.select_one("#plan-count")
    assert count.get_text(" ", strip=True).startswith("2 actions match.")
    assert count.find("a", string="Clear filters")["href"] == "/plan"
    assert page.select_one("#filter-theme option[selected]").get_text(strip=True) == "Oversight"
    assert "Clear filters" not in client.get_page("actions.plan").select_one("#plan-count").get_text()
    owners = [o.get_text(strip=True) for o in page.select("#filter-owner option")]
    assert owners == ["All owners", "Head of Fostering", "Priya Shah (Head of Service, Front Door)"]
    assert _titles(client, q="nothing like this") == set()
    assert "No actions match these filters." in _page(client, q="nothing like this").get_text()


def test_pages_keep_the_filters(client, plan):
    client.app.config["HOME_PAGE_SIZE"] = 2
    first = _page(client, theme="Front door", q="door")
    next_link = first.select_one(".govuk-pagination__next a")["href"]
    assert parse_qs(urlparse(next_link).query) == {"theme": ["Front door"], "q": ["door"], "page": ["2"]}
    seen = _titles(client, theme="Front door", q="door") | _titles(client, theme="Front door", q="door", page=2)
    assert seen == {"Threshold clinics", "Panel refresh", "Signed off work"}


@pytest.mark.parametrize(
    "args", [{"owner": "nobody"}, {"rag": "purple"}, {"status": "'; drop table action"}, {"inspection": "9" * 30}]
)
def test_a_bad_filter_value_is_ignored_never_an_error(client, plan, args):
    assert client.get("/plan?" + urlencode(args)).status_code == 200
    assert len(_titles(client, **args)) == 6


def test_a_filter_of_more_than_twenty_choices_is_marked_for_the_autocomplete_and_owners_always(client):
    with committed(client.app):
        authority = make_authority()
        owner = make_user(authority)
        point = make_point(make_inspection(authority))
        for n in range(21):
            make_action(point, owner, title=f"Action {n}", theme=f"Theme {n:02}")
    client.sign_in(owner)
    page = _page(client)
    assert page.select_one("#filter-theme")["data-autocomplete"] == "true"  # 21 themes
    assert page.select_one("#filter-owner")["data-autocomplete"] == "true"  # one owner, but a list of people
    assert not page.select_one("#filter-rag").has_attr("data-autocomplete")
