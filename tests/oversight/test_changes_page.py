"""The directors' "what changed" page: the scenario's changes on it and in its CSV, its defaults, its checks on
the dates and filters, and who may see it."""

import csv
import io
from datetime import date

from tests.changes.scenario import SINCE, UNTIL, build
from tests.changes.test_last_paper import add_paper
from tests.helpers.data import committed
from tests.helpers.factories import make_user
from tracker.extensions import db
from tracker.models import Authority, Role, User


def _period(since=SINCE, until=UNTIL, **filters) -> dict:
    return {
        "since": [since.day, since.month, since.year],
        "until": [until.day, until.month, until.year],
        **filters,
    }


def _column(page, table: str, nth: int = 1) -> list[str]:
    return [
        " ".join(cell.get_text(" ", strip=True).split())
        for cell in page.select(f"#{table} tbody tr td:nth-of-type({nth})")
    ]


def test_a_director_sees_the_changes_of_the_period(client, app):
    scenario = build(app)
    expected = scenario.expected
    client.sign_in(scenario.director)
    page = client.get_page("oversight.changes", **_period())
    by_time = sorted(expected.rating_moves)
    assert [c.split(" Focused")[0] for c in _column(page, "ratings")] == [row[1] for row in by_time]
    assert _column(page, "ratings", 4)[0] == "Two social workers left Recovery: Agency staff from May"
    assert [c.split(" ")[0] for c in _column(page, "ratings", 3)] == [row[3].label for row in by_time]
    overdue = [(c.split(" of: ")[0].split(" Focused")[0]) for c in _column(page, "overdue")]
    assert overdue == [milestone or action for _, action, _, milestone in expected.newly_overdue()]
    assert _column(page, "milestones", 4) == [row[4] for row in sorted(expected.milestones_moved)]
    assert _column(page, "returns", 2) == [row[3] for row in expected.returns]
    assert _column(page, "sign-offs", 2) == [row[3] for row in expected.sign_offs]
    assert _column(page, "answered", 3) == [row[3] for row in sorted(expected.challenges_answered)]
    counts = page.select_one("#counts").get_text(" ", strip=True)
    assert f"Ratings moved {len(expected.rating_moves)}" in counts
    assert f"Newly overdue {len(expected.newly_overdue())}" in counts
    assert "Changes after the end of 31 March 2026 up to the end of 30 June 2026" in page.select_one("#period").text


def test_the_plan_and_theme_filters_narrow_the_page(client, app):
    scenario = build(app)
    client.sign_in(scenario.director)
    page = client.get_page("oversight.changes", **_period(plan=scenario.plan2.id))
    actions = {c.split(" Focused")[0] for c in _column(page, "ratings")}
    assert actions == {"Care leavers offer"}
    page = client.get_page("oversight.changes", **_period(theme="Supervision"))
    assert {c.split(" Focused")[0] for c in _column(page, "ratings")} == {"Supervision quality"}
    assert page.select_one("#sign-offs").get_text(strip=True) == "Nothing was signed off."


def test_the_csv_holds_every_change_with_its_kind(client, app):
    scenario = build(app)
    expected = scenario.expected
    client.sign_in(scenario.director)
    page = client.get_page("oversight.changes", **_period())
    response = client.get(page.select_one("#changes-csv")["href"])
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    kinds = [row["Change"] for row in rows]
    assert kinds.count("Rating moved") == len(expected.rating_moves)
    assert kinds.count("Newly overdue") == len(expected.newly_overdue())
    assert kinds.count("Milestone moved") == len(expected.milestones_moved)
    assert kinds.count("Signed off") == len(expected.sign_offs) and kinds.count("Returned to owner") == 1
    assert kinds.count("Challenge raised") == 2 and kinds.count("Challenge answered") == 2
    first = rows[0]
    assert (first["Change"], first["Date"], first["Action"], first["From"], first["To"]) == (
        "Rating moved",
        "2026-04-01",  # 23:00 UTC on 31 March is 1 April in the UK
        "Front door audits",
        "Amber",
        "Red",
    )
    assert (first["Who"], first["Reason"], first["Recovery"]) == (
        "Sam Patel, Head of Service, Front Door",
        "Two social workers left",
        "Agency staff from May",
    )
    moved = next(row for row in rows if row["Change"] == "Milestone moved")
    assert (moved["Milestone"], moved["From"], moved["To"], moved["Reason"]) == (
        "Train duty staff",
        "2026-05-20",
        "2026-08-01",
        "Trainer ill",
    )


def test_since_defaults_to_the_last_committee_paper_or_28_days(client, app):
    scenario = build(app)
    client.sign_in(scenario.director)
    page = client.get_page("oversight.changes")
    assert "In the last 28 days" in page.select_one("#period").text
    assert "after the end of 25 October 2026 up to the end of 22 November 2026" in page.select_one("#period").text
    with committed(app):
        authority = db.session.get(Authority, scenario.authority_id)
        add_paper(authority, db.session.get(User, scenario.director.id), date(2026, 4, 14), SINCE)
    page = client.get_page("oversight.changes", until=[UNTIL.day, UNTIL.month, UNTIL.year])
    assert "Since the last committee paper, whose figures were as at 31 March 2026" in page.select_one("#period").text
    assert "Two social workers left" in page.select_one("#ratings").text
    assert client.get_page("oversight.dashboard").select_one("#changes-link")


def _errors(page) -> list[str]:
    return [item.get_text(strip=True) for item in page.select(".govuk-error-summary__list li")]


def test_bad_dates_and_filters_are_refused_with_a_message(client, app):
    scenario = build(app)
    client.sign_in(scenario.director)
    page = client.get_page("oversight.changes", **_period(since=UNTIL, until=SINCE))
    assert _errors(page) == ["Since must be before until"] and page.select_one("#counts") is None
    page = client.get_page("oversight.changes", **_period(until=date(2026, 11, 23)))
    assert _errors(page) == ["Until must be today or in the past"]
    page = client.get_page("oversight.changes", since=[31, 2, 2026], until=["", 6, 2026])
    assert _errors(page) == ["Since must be a real date", "Until must include a day"]
    assert page.title.get_text().startswith("Error: ")
    page = client.get_page("oversight.changes", **_period(plan=999999, theme="Not a theme"))
    assert _errors(page) == ["Select a plan from the list", "Select a theme from the list"]
    response = client.get("oversight.changes_csv", **_period(since=UNTIL, until=SINCE))
    assert response.status_code == 400 and "Since must be before until" in response.get_data(as_text=True)


def test_only_the_councils_directors_and_administrators_see_it(client, app):
    scenario = build(app)
    with committed(app):
        authority = db.session.get(Authority, scenario.authority_id)
        admin = make_user(authority, Role.ADMINISTRATOR)
        other = db.session.get(Authority, scenario.other_authority_id)
        other_director = make_user(other, Role.DIRECTOR)
    client.sign_in(admin)
    assert "Front door audits" in client.get_page("oversight.changes", **_period()).select_one("#ratings").text
    client.sign_in(scenario.owner)
    assert client.get("oversight.changes", **_period()).status_code == 403
    assert client.get("oversight.changes_csv", **_period()).status_code == 403
    client.sign_in(other_director)
    page = client.get_page("oversight.changes", **_period())
    assert "Front door audits" not in page.text and "Their action" in page.select_one("#ratings").text
    page = client.get_page("oversight.changes", **_period(plan=scenario.plan1.id))
    assert _errors(page) == ["Select a plan from the list"]
    rows = client.get("oversight.changes_csv", **_period()).get_data(as_text=True)
    assert "Front door audits" not in rows and "Their action" in rows
