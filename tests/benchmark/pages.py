"""What the benchmark measures on one database at one size, as each kind of user would meet it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from tests.benchmark.measure import Growth, Timing, alternating, measure
from tests.helpers.client import PageClient
from tracker.extensions import db
from tracker.imports import operations as imports
from tracker.imports import reader
from tracker.models import Action, Authority, Role, User
from tracker.oversight.overdue import OverdueFilters, overdue_page
from tracker.reports import committee, data, render
from tracker.reports.defaults import default_inputs
from tracker.security import requires_role
from tracker.timeutil import today

PASSWORD = "improve-for-children"
QUICK, SLOW = 30, 5  # runs per page; exports and reports are slower and change less with luck


def add_floor(app: Flask) -> None:
    """A trivial route behind the same sign-in and access checks: what any page costs at the least."""

    @requires_role(*Role)
    def floor():
        return "ok"

    app.add_url_rule("/_bench/floor", "bench_floor", floor)


def _people(authority_id: int) -> dict[Role, User]:
    people = {}
    for role in Role:
        people[role] = db.session.scalar(
            select(User).where(User.authority_id == authority_id, User.role == role).order_by(User.id)
        )
    return people


@dataclass(frozen=True)
class Page:
    name: str
    role: Role
    path: str
    runs: int = QUICK
    bounded: bool = True  # shows a page's worth whatever the plan's size (the exports hold every item)


@dataclass(frozen=True)
class _Plan:
    """What the pages measured are chosen by: the first council, its usual people, and one of their actions."""

    authority_id: int
    user_ids: dict[Role, int]
    action_id: int
    late_page: int


def _plan(app: Flask) -> _Plan:
    with app.app_context():
        authority = db.session.scalar(select(Authority).order_by(Authority.id))
        people = _people(authority.id)
        action_id = db.session.scalar(
            select(Action.id).where(Action.owner_id == people[Role.SERVICE_MANAGER].id).order_by(Action.id)
        )
        per_page = app.config["OVERDUE_PAGE_SIZE"]
        _, overdue = overdue_page(authority.id, today(), OverdueFilters(), 1, per_page)
        # The last full page of this council's overdue items: the deepest offset that still shows a whole page.
        late_page = max(1, overdue // per_page)
        # The service operator belongs to no council, so has no place among its people.
        users = {role: user.id for role, user in people.items() if user is not None}
        return _Plan(authority.id, users, action_id, late_page)


def _pages(plan: _Plan) -> list[Page]:
    """The pages each kind of user opens, in the order measured (after the floor and sign-in)."""
    return [
        Page("Service manager's home (My actions)", Role.SERVICE_MANAGER, "/"),
        Page("Director's home (dashboard)", Role.DIRECTOR, "/"),
        Page("Committee member's home", Role.COMMITTEE_MEMBER, "/"),
        Page("Administrator's home (dashboard)", Role.ADMINISTRATOR, "/"),
        Page("An action's page", Role.SERVICE_MANAGER, f"/actions/{plan.action_id}"),
        Page("Overdue list, first page", Role.DIRECTOR, "/overdue"),
        Page("Overdue list, filtered (Red)", Role.DIRECTOR, "/overdue?rag=red"),
        Page("Overdue list, a late page", Role.DIRECTOR, f"/overdue?page={plan.late_page}"),
        Page("Overdue export, CSV", Role.DIRECTOR, "/overdue.csv", runs=SLOW, bounded=False),
        Page("Overdue export, Excel", Role.DIRECTOR, "/overdue.xlsx", runs=SLOW, bounded=False),
    ]


def _getter(app: Flask, client: PageClient, plan: _Plan, page: Page) -> Callable[[], None]:
    """Sign the client in as the page's usual user; the request for the page, checked."""
    with app.app_context():
        client.sign_in(db.session.get(User, plan.user_ids[page.role]))

    def get():
        response = client.http.get(page.path, follow_redirects=True)  # a home page may be a redirect
        assert response.status_code == 200, (page.path, response.status_code)

    return get


def measure_all(app: Flask, long_pdf: bytes) -> list[Timing]:
    plan = _plan(app)
    with app.app_context():
        engine = db.engine
    client = PageClient(app)
    floor = Page("Floor: a trivial route, signed in", Role.DIRECTOR, "/_bench/floor")
    results: list[Timing] = [measure(floor.name, _getter(app, client, plan, floor), engine, runs=QUICK)]

    def sign_in():
        fresh = app.test_client()
        with app.app_context():
            email = db.session.get(User, plan.user_ids[Role.SERVICE_MANAGER]).email
        response = fresh.post("/sign-in", data={"email": email, "password": PASSWORD})
        assert response.status_code == 302, response.status_code

    results.append(measure("Sign-in (scrypt hash by design)", sign_in, engine, runs=SLOW))
    for page in _pages(plan):
        results.append(measure(page.name, _getter(app, client, plan, page), engine, runs=page.runs))

    with app.app_context():
        authority = db.session.get(Authority, plan.authority_id)
        inputs = default_inputs(authority, "Scrutiny Committee", date(2026, 12, 1), date(2026, 11, 22))
        council = authority.name

    def report(renderer):
        # Each run in a context (and so a database session) of its own, as each request has: one session
        # kept across the runs would hand later runs the objects the first one loaded.
        with app.app_context():
            return renderer(committee.build(inputs, data.load(inputs)))

    for fmt, renderer in (
        ("HTML", render.to_html),
        ("Word", lambda built: render.to_docx(built, council=council)),
        ("PDF", render.to_pdf),
    ):
        results.append(measure(f"Committee report, {fmt}", lambda r=renderer: report(r), engine, runs=SLOW, warm_up=1))
    with app.app_context():
        director = db.session.get(User, plan.user_ids[Role.DIRECTOR])

        def import_pdf():
            parsed = reader.sandbox().read_file(long_pdf, "long-report.pdf")  # as the Import page reads it
            pending = imports.start(parsed, "long-report.pdf", director, director.authority)
            db.session.flush()
            db.session.rollback()  # measured, then undone: the next run imports the same document
            return pending

        results.append(
            measure("Import of a long PDF report (parse and keep for review)", import_pdf, engine, runs=SLOW, warm_up=1)
        )
    return results


def growth(small: Flask, large: Flask) -> list[Growth]:
    """Each page's median on the smallest plan and on the largest, their requests alternating.

    Measured minutes apart, as the tables are, the two medians also differ by how fast the machine happened to
    be at each moment (on the shared 2-core machine, by up to 1.6 times); alternating, both see the same."""
    plans = {app: _plan(app) for app in (small, large)}
    clients = {app: PageClient(app) for app in (small, large)}
    grown = []
    for small_page, large_page in zip(_pages(plans[small]), _pages(plans[large]), strict=True):
        if small_page.bounded:
            grown.append(
                alternating(
                    small_page.name,
                    _getter(small, clients[small], plans[small], small_page),
                    _getter(large, clients[large], plans[large], large_page),
                    runs=QUICK,
                )
            )
    return grown


def long_report_pdf(pages: int = 60) -> bytes:
    """A long inspection report of our own writing, printed by WeasyPrint (as the parser tests do)."""
    from weasyprint import HTML

    source = Path(__file__).resolve().parent.parent / "parsing" / "documents" / "ilacs_ashcombe.html"
    html = source.read_text(encoding="utf-8")
    filler = "".join(
        f"<p>{n}. Inspectors found that the quality of practice in the team varied; managers knew where it "
        "was weaker and had plans in place to improve it, which were beginning to make a difference.</p>"
        for n in range(100, 100 + pages * 12)
    )
    html = html.replace("</body>", f"{filler}</body>")
    return HTML(string=html, base_url=str(source.parent)).write_pdf()
