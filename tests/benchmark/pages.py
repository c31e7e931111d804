"""What the benchmark measures on one database at one size, as each kind of user would meet it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flask import Flask
from sqlalchemy import func, select

from tests.benchmark.measure import Timing, measure
from tests.helpers.client import PageClient
from tracker.extensions import db
from tracker.imports import operations as imports
from tracker.models import Action, ActionStatus, Authority, Role, User
from tracker.parsing import parse_bytes
from tracker.reports import committee, data, render
from tracker.reports.defaults import default_inputs
from tracker.security import requires_role

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


def measure_all(app: Flask, long_pdf: bytes) -> list[Timing]:
    with app.app_context():
        authority = db.session.scalar(select(Authority).order_by(Authority.id))
        people = _people(authority.id)
        action_id = db.session.scalar(
            select(Action.id).where(Action.owner_id == people[Role.SERVICE_MANAGER].id).order_by(Action.id)
        )
        open_items = db.session.scalar(select(func.count(Action.id)).where(Action.status != ActionStatus.COMPLETE))
        engine = db.engine
        user_ids = {role: user.id for role, user in people.items()}
    client = PageClient(app)
    results: list[Timing] = []

    def page(name: str, role: Role, path: str, runs: int = QUICK) -> None:
        with app.app_context():
            client.sign_in(db.session.get(User, user_ids[role]))

        def get():
            response = client.http.get(path, follow_redirects=True)  # a home page may be a redirect
            assert response.status_code == 200, (path, response.status_code)

        results.append(measure(name, get, engine, runs=runs))

    page("Floor: a trivial route, signed in", Role.DIRECTOR, "/_bench/floor")

    def sign_in():
        fresh = app.test_client()
        with app.app_context():
            email = db.session.get(User, user_ids[Role.SERVICE_MANAGER]).email
        response = fresh.post("/sign-in", data={"email": email, "password": PASSWORD})
        assert response.status_code == 302, response.status_code

    results.append(measure("Sign-in (scrypt hash by design)", sign_in, engine, runs=SLOW))
    page("Service manager's home (My actions)", Role.SERVICE_MANAGER, "/")
    page("Director's home (dashboard)", Role.DIRECTOR, "/")
    page("Committee member's home", Role.COMMITTEE_MEMBER, "/")
    page("Administrator's home (dashboard)", Role.ADMINISTRATOR, "/")
    page("An action's page", Role.SERVICE_MANAGER, f"/actions/{action_id}")
    page("Overdue list, first page", Role.DIRECTOR, "/overdue")
    page("Overdue list, filtered (Red)", Role.DIRECTOR, "/overdue?rag=red")
    late = max(1, open_items // app.config["OVERDUE_PAGE_SIZE"] // 2)
    page("Overdue list, a late page", Role.DIRECTOR, f"/overdue?page={late}")
    page("Overdue export, CSV", Role.DIRECTOR, "/overdue.csv", runs=SLOW)
    page("Overdue export, Excel", Role.DIRECTOR, "/overdue.xlsx", runs=SLOW)

    with app.app_context():
        authority = db.session.get(Authority, authority.id)
        inputs = default_inputs(authority, "Scrutiny Committee", date(2026, 12, 1), date(2026, 11, 22))

    def report(renderer):
        # Each run in a context (and so a database session) of its own, as each request has: one session
        # kept across the runs would hand later runs the objects the first one loaded.
        with app.app_context():
            return renderer(committee.build(inputs, data.load(inputs)))

    for fmt, renderer in (("HTML", render.to_html), ("Word", render.to_docx), ("PDF", render.to_pdf)):
        results.append(measure(f"Committee report, {fmt}", lambda r=renderer: report(r), engine, runs=SLOW, warm_up=1))
    with app.app_context():
        director = db.session.get(User, user_ids[Role.DIRECTOR])

        def import_pdf():
            parsed = parse_bytes(long_pdf, "long-report.pdf")
            pending = imports.start(parsed, "long-report.pdf", director)
            db.session.flush()
            db.session.rollback()  # measured, then undone: the next run imports the same document
            return pending

        results.append(
            measure("Import of a long PDF report (parse and keep for review)", import_pdf, engine, runs=SLOW, warm_up=1)
        )
    return results


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
