"""The directors' "what changed" page: the scenario's changes on it and in its CSV, its defaults, its checks on
the dates and filters, and who may see it."""

import csv
import io
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from tests.changes.scenario import SINCE, UNTIL, build, busy_council
from tests.changes.test_last_paper import add_paper
from tests.helpers.data import committed
from tests.helpers.factories import make_user
from tests.helpers.queries import count_queries
from tests.helpers.seeded import seeded_user
from tracker.extensions import db
from tracker.models import Action, AuditEvent, Authority, Rag, Role, User
from tracker.timeutil import long_date


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


SEEDED = "Leicester City Council"
SEEDED_SINCE, SEEDED_UNTIL = date(2018, 3, 31), date(2018, 12, 31)


def _seeded_expected(app) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Rating moves, milestone moves and newly overdue items of the seeded council's plan in the period, worked
    out here by walking its whole recorded history in Python (no date filtering in SQL)."""
    uk = ZoneInfo("Europe/London")

    def uk_day(moment: datetime) -> date:
        return moment.replace(tzinfo=UTC).astimezone(uk).date()

    def in_period(moment: datetime) -> bool:
        return SEEDED_SINCE < uk_day(moment) <= SEEDED_UNTIL

    with app.app_context():
        authority = db.session.scalar(select(Authority).where(Authority.name == SEEDED))
        actions = {a.id: a for a in db.session.scalars(select(Action).where(Action.authority_id == authority.id))}
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.authority_id == authority.id).order_by(AuditEvent.id)
        ).all()
        ratings = sorted(
            (e.occurred_at, e.id, actions[e.plan_action_id].title, Rag(e.before).label, Rag(e.after).label)
            for e in events
            if e.entity_type == "action" and e.event == "changed" and e.field == "rag" and in_period(e.occurred_at)
        )
        moves, overdue = [], []
        for action in actions.values():
            after_end = [e for e in events if e.plan_action_id == action.id and uk_day(e.occurred_at) > SEEDED_UNTIL]
            existed = uk_day(action.created_at) <= SEEDED_UNTIL
            done = action.signed_off_at is not None and uk_day(action.signed_off_at) <= SEEDED_UNTIL
            target = next(
                (date.fromisoformat(e.before) for e in after_end if e.field == "target_date" and e.event == "changed"),
                action.target_date,
            )
            if existed and not done and SEEDED_SINCE < target <= SEEDED_UNTIL:
                overdue.append((target, action.title, ""))
            for milestone in action.milestones:
                for replan in milestone.replans:
                    if in_period(replan.replanned_at):
                        moves.append((replan.replanned_at, replan.id, milestone.title, replan.reason))
                later = [r for r in milestone.replans if uk_day(r.replanned_at) > SEEDED_UNTIL]
                due = later[0].previous_due_date if later else milestone.due_date
                added_later = any(
                    e.entity_type == "milestone" and e.entity_id == milestone.id and e.event == "created"
                    for e in after_end
                )
                finished = milestone.completed_date is not None and milestone.completed_date <= SEEDED_UNTIL
                if existed and not done and not added_later and not finished and SEEDED_SINCE < due <= SEEDED_UNTIL:
                    overdue.append((due, action.title, milestone.title))
    return (
        [(title, before, after) for _, _, title, before, after in ratings],
        [(title, reason) for _, _, title, reason in sorted(moves)],
        sorted(overdue),
    )


def test_the_seeded_plan_s_changes_are_its_recorded_history(seeded_client):
    app = seeded_client.app
    ratings, moves, overdue = _seeded_expected(app)
    assert ratings and moves  # the seed has history in the period
    seeded_client.sign_in(seeded_user(app, SEEDED))
    page = seeded_client.get_page("oversight.changes", **_period(SEEDED_SINCE, SEEDED_UNTIL))
    rows = page.select("#ratings tbody tr")
    shown = [
        (row.select_one("td a").get_text(strip=True), *(tag.get_text(strip=True) for tag in row.select(".govuk-tag")))
        for row in rows
    ]
    assert shown == ratings
    milestones = [
        (row.select_one("td").contents[0].strip(), row.select("td")[3].get_text(strip=True))
        for row in page.select("#milestones tbody tr")
    ]
    assert milestones == moves
    items = [
        (row.select("td")[2].get_text(strip=True), row.select_one("td a").get_text(strip=True))
        for row in page.select("#overdue tbody tr")
    ]
    assert items == [(long_date(due), title) for due, title, _ in overdue]


def test_the_page_s_queries_do_not_grow_with_the_plan(client, app):
    counts = []
    for size in (2, 20):
        authority_id = busy_council(app, size)
        with committed(app):
            director = make_user(db.session.get(Authority, authority_id), Role.DIRECTOR)
            engine = db.engine
        client.sign_in(director)
        with count_queries(engine) as counter:
            page = client.get_page("oversight.changes", **_period())
        assert len(page.select("#ratings tbody tr")) == 2 * size
        counts.append(counter.count)
    assert counts[0] == counts[1], counts
