"""The dashboard's figures, checked against the seeded plan worked out independently here."""

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.helpers.data import committed
from tests.helpers.factories import make_action, make_authority, make_inspection, make_point, make_user
from tests.helpers.queries import queries_at_sizes
from tests.helpers.seeded import seeded_user
from tracker.audit import record
from tracker.demo.generate import generate
from tracker.extensions import db
from tracker.models import (
    Action,
    ActionStatus,
    AuditEvent,
    Authority,
    ImprovementPoint,
    Inspection,
    Rag,
    Role,
    User,
)
from tracker.oversight.dashboard import PLAN_LIMIT, rag_trend

TODAY = date(2026, 11, 22)
AUTHORITIES = ["Leicestershire County Council", "Leeds City Council", "Leicester City Council"]


def _actions(app, authority: str) -> list[Action]:
    with committed(app):
        actions = db.session.scalars(
            select(Action).join(ImprovementPoint).join(Inspection).join(Authority).where(Authority.name == authority)
        ).all()
        for action in actions:  # load what the checks read, while the session is open
            _ = action.milestones, action.improvement_point.inspection.title, action.owner.job_title
        return actions


def _table(page, table_id: str) -> dict[str, list[int]]:
    return {
        tr.select_one("th").get_text(" ", strip=True): [int(td.get_text()) for td in tr.select("td")]
        for tr in page.select(f"#{table_id} tbody tr")
    }


def _overdue(action: Action) -> bool:
    return action.target_date < TODAY or any(m.completed_date is None and m.due_date < TODAY for m in action.milestones)


@pytest.mark.parametrize("authority", AUTHORITIES)
def test_the_figures_equal_those_worked_out_from_the_plan(seeded_client, authority):
    app = seeded_client.app
    actions = _actions(app, authority)
    seeded_client.sign_in(seeded_user(app, authority))
    page = seeded_client.get_page("oversight.dashboard")

    order = [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE]
    by_plan = {}
    for a in actions:
        row = by_plan.setdefault(a.improvement_point.inspection.title, [0, 0, 0, 0])
        row[order.index(a.rag)] += 1
    assert _table(page, "brag-by-plan") == {k: [*v, sum(v)] for k, v in by_plan.items()}

    by_theme = {}
    for a in actions:
        by_theme.setdefault(a.theme, [0, 0, 0, 0])[order.index(a.rag)] += 1
    assert _table(page, "brag-by-theme") == {k: [*v, sum(v)] for k, v in by_theme.items()}

    open_actions = [a for a in actions if a.status != ActionStatus.COMPLETE]
    overdue_items = sum(a.target_date < TODAY for a in open_actions) + sum(
        m.completed_date is None and m.due_date < TODAY for a in open_actions for m in a.milestones
    )
    doubtful = [a for a in open_actions if a.rag in (Rag.GREEN, Rag.AMBER) and _overdue(a)]
    # Stale: worked on by its owner (waiting for sign-off is a director's wait) and not updated for 45 days.
    in_hand = [a for a in open_actions if a.status != ActionStatus.AWAITING_SIGN_OFF]
    stale = [a for a in in_hand if a.updated_at < datetime.combine(TODAY - timedelta(days=45), datetime.min.time())]
    awaiting = [a for a in actions if a.status == ActionStatus.AWAITING_SIGN_OFF]
    figures = [int(f.get_text()) for f in page.select(".tracker-figure")]
    assert figures == [overdue_items, len(doubtful), len(awaiting), 0]
    assert f"({len(stale)})" in page.select_one("#stale-heading").text
    assert {li.select_one("a").get_text(strip=True) for li in page.select("#doubtful-list li")} == {
        a.title for a in doubtful
    }
    assert "Every improvement point has at least one action." in page.select_one("#no-action-list").text


def test_the_2024_leicestershire_plan_shows_its_overdue_and_red_actions(seeded_client):
    seeded_client.sign_in(seeded_user(seeded_client.app, "Leicestershire County Council"))
    page = seeded_client.get_page("oversight.dashboard")
    overdue = page.select_one("#overdue-list").get_text(" ", strip=True)
    assert "initial child protection conference" in overdue.lower()
    assert "Red" in overdue
    plans = _table(page, "brag-by-plan")
    # The plan is named after the 2024 inspection, not after the committee paper its findings were read from.
    assert not [name for name in plans if name.startswith("Committee report")]
    assert plans["Inspection report, May 2024"][0] >= 1  # Red


def test_the_trend_ends_with_the_plan_as_it_stands(seeded_client):
    seeded_client.sign_in(seeded_user(seeded_client.app, "Leicester City Council"))
    page = seeded_client.get_page("oversight.dashboard")
    now = _table(page, "brag-by-plan")
    for table in page.select(".tracker-trend"):
        title = table.select_one("caption").get_text(strip=True)
        last = [int(td.get_text()) for td in table.select("tbody tr")[-1].select("td")]
        assert last == now[title][:4], title
    # the 2017 plan is all Blue now, and its trend stops at the quarter in which it became so
    rows = page.select(".tracker-trend")[-1].select("tbody tr")
    assert [int(td.get_text()) for td in rows[-1].select("td")][:3] == [0, 0, 0]
    assert [int(td.get_text()) for td in rows[-2].select("td")][:3] != [0, 0, 0]


def test_statutory_dates_in_working_days(seeded_client):
    seeded_client.sign_in(seeded_user(seeded_client.app, "Leicester City Council"))
    page = seeded_client.get_page("oversight.dashboard")
    cells = [td.get_text(" ", strip=True) for td in page.select("#deadlines tbody tr")[0].select("td")]
    # 70 working days from 4 September 2017, England's bank holidays and weekends excluded
    assert cells[0] == "Inspection report, September 2017"
    assert cells[2:] == ["11 December 2017", "30 November 2017", "Met"]


def test_administrators_see_only_their_own_councils_dashboard(seeded_client):
    """Issue 16: an administrator asking for another council's dashboard is shown their own."""
    app = seeded_client.app
    with app.app_context():
        leeds = db.session.scalar(select(Authority.id).where(Authority.name == "Leeds City Council"))
    seeded_client.sign_in(seeded_user(app, "Leicester City Council", Role.ADMINISTRATOR))
    page = seeded_client.get_page("oversight.dashboard", authority=leeds)
    assert page.select_one(".govuk-caption-l").get_text(strip=True) == "Leicester City Council"
    assert page.select_one("select#authority") is None
    assert "Leeds" not in page.select_one("main").get_text()
    seeded_client.sign_in(seeded_user(app, "Leicester City Council", Role.SERVICE_MANAGER))
    assert seeded_client.get("oversight.dashboard").status_code == 403


def test_the_dashboard_makes_the_same_queries_at_10000_actions(client):
    counts = [count for _, _, count in queries_at_sizes(client, "oversight.dashboard")]
    assert counts[0] == counts[1], counts


def test_a_council_with_years_of_documents_sees_its_newest_plans_one_by_one_and_the_rest_added_up(client):
    with committed(client.app):
        generate(1, 200)  # nine documents, the oldest closed long ago
        director = db.session.scalar(select(User).where(User.role == Role.DIRECTOR))
        inspections = db.session.scalars(select(Inspection).order_by(Inspection.published.desc())).all()
        actions = {
            i.id: [a.rag for p in i.improvement_points for a in p.actions]
            for i in inspections  # the counts the page should show, worked out here
        }
        cutoff = datetime.combine(TODAY - timedelta(days=client.app.config["STALE_DAYS"]), datetime.min.time())
        stale = db.session.scalar(
            select(db.func.count()).where(
                Action.status.in_((ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)), Action.updated_at < cutoff
            )
        )
    assert len(inspections) > PLAN_LIMIT
    client.sign_in(director)
    page = client.get_page("oversight.dashboard")
    shown, earlier = inspections[:PLAN_LIMIT], inspections[PLAN_LIMIT:]
    assert f"The {PLAN_LIMIT} newest of {len(inspections)} documents" in page.select_one("#plans-shown").get_text()
    table = _table(page, "brag-by-plan")
    assert list(table) == [i.title for i in shown] + [f"{len(earlier)} earlier documents"]
    for inspection in shown:
        assert table[inspection.title][-1] == len(actions[inspection.id])
    assert table[f"{len(earlier)} earlier documents"][-1] == sum(len(actions[i.id]) for i in earlier)
    assert sum(row[-1] for row in table.values()) == 200
    # A list longer than the page shows its first ten and says how many there are in all.
    assert stale > 10
    heading = next(h for h in page.select("h2") if h.get_text().startswith("Not updated"))
    assert heading.get_text().endswith(f"({stale})")
    assert len(heading.find_next("ul").select("li")) == 10
    assert {t["id"] for t in page.select("table.tracker-trend")} <= {f"trend-{i.id}" for i in shown}
    documents = {td.get_text(strip=True) for td in page.select("#deadlines tbody td:first-child")}
    assert documents and documents <= {i.title for i in shown}


def test_the_trend_is_each_actions_recorded_rating_at_each_quarter_end(client):
    """The page adds up moves between ratings; here each action's history is replayed one by one instead."""
    with committed(client.app):
        generate(1, 200)
        director = db.session.scalar(select(User).where(User.role == Role.DIRECTOR))
        events = db.session.execute(
            select(AuditEvent.plan_action_id, AuditEvent.occurred_at, AuditEvent.after)
            .where(AuditEvent.entity_type == "action", AuditEvent.field == "rag")
            .order_by(AuditEvent.occurred_at, AuditEvent.id)
        ).all()
        plan_of = dict(
            db.session.execute(select(Action.id, ImprovementPoint.inspection_id).join(ImprovementPoint)).all()
        )
        titles = {i.id: i.title for i in db.session.scalars(select(Inspection))}
    client.sign_in(director)
    page = client.get_page("oversight.dashboard")
    tables = page.select("table.tracker-trend")
    assert tables
    for table in tables:
        plan = int(table["id"].removeprefix("trend-"))
        assert table.select_one("caption").get_text(strip=True) == titles[plan]
        rows = table.select("tbody tr")
        assert len(rows) > 1
        for row in rows:
            at = datetime.strptime(row.select_one("th").get_text(strip=True), "%d %B %Y")
            rating = {}
            for action_id, occurred_at, after in events:
                if plan_of[action_id] == plan and occurred_at <= at.replace(hour=23, minute=59, second=59):
                    rating[action_id] = Rag(after)
            expected = [list(rating.values()).count(rag) for rag in (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE)]
            assert [int(td.get_text()) for td in row.select("td")] == expected, (titles[plan], at)


def test_the_trend_carries_quiet_quarters_and_stops_at_today(app):
    """Hand-written history: a quarter with no change, a change across the new year, two changes in one
    quarter, today a quarter's last day, a change after today, and a plan with no history."""
    with app.app_context():
        authority = make_authority()
        owner = make_user(authority)
        plan, quiet = make_inspection(authority), make_inspection(authority)
        point = make_point(plan)
        make_action(make_point(quiet), owner)  # no rating recorded: no history to draw
        first, second = make_action(point, owner), make_action(point, owner)

        def rated(action, when, after, before=None):
            event = "created" if before is None else "changed"
            record(action, event, owner, field="rag", before=before, after=after, at=when)

        rated(first, datetime(2025, 5, 10, 9), Rag.GREEN)
        rated(second, datetime(2025, 12, 31, 23), Rag.GREEN)
        rated(first, datetime(2026, 1, 2, 9), Rag.RED, before=Rag.GREEN)
        rated(first, datetime(2026, 1, 20, 9), Rag.AMBER, before=Rag.RED)
        rated(second, datetime(2026, 3, 31, 12), Rag.BLUE, before=Rag.GREEN)
        rated(first, datetime(2026, 4, 2, 9), Rag.RED, before=Rag.AMBER)  # after today
        db.session.flush()
        trend = rag_trend([plan.id, quiet.id], date(2026, 3, 31))

    def counts(red=0, amber=0, green=0, blue=0):
        return {Rag.RED: red, Rag.AMBER: amber, Rag.GREEN: green, Rag.BLUE: blue}

    assert list(trend) == [plan.id]
    assert trend[plan.id] == [
        (date(2025, 6, 30), counts(green=1)),
        (date(2025, 9, 30), counts(green=1)),
        (date(2025, 12, 31), counts(green=2)),
        (date(2026, 3, 31), counts(amber=1, blue=1)),
    ]


def test_plans_without_a_deadline_say_so_rather_than_show_an_empty_table(seeded_client):
    # Leicestershire's plans: an inspection read from a committee paper with no publication date, and a 2011
    # letter that asked for no plan. Neither has a statutory deadline to show; the first asks for its date
    # (issue 19), the letter shows nothing.
    seeded_client.sign_in(seeded_user(seeded_client.app, "Leicestershire County Council"))
    rows = seeded_client.get_page("oversight.dashboard").select("#deadlines tbody tr")
    assert [row.get_text(" ", strip=True) for row in rows] == [
        "Inspection report, May 2024 No publication date, so Ofsted’s deadline cannot be shown."
        " Add the date published for Inspection report, May 2024"
    ]
    assert rows[0].select_one("a")["href"].endswith("/published")
