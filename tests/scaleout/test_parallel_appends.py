"""Twenty people adding to one action at the same moment, through two real servers on one PostgreSQL.

Issue 16 found that 20 simultaneous milestone additions saved 14 and answered 6 with a 500 (the append
lost the race for the action's version twice), and evidence shared the path. An append only inserts, so
here every one of twenty milestones, pieces of evidence (files included) and challenges must land. Two
saves that both change the action (progress updates on one version), or both answer one challenge, really
do conflict: exactly one lands and every other person is refused with their words still on the form.
Either way nothing answers 500, and the database holds exactly what the servers said they saved.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from tests.helpers.browser import Browser, Fields, Upload, hidden_fields
from tests.scaleout.team import seed
from tracker.actions.conflicts import CONFLICT
from tracker.actions.operations import ALREADY_ANSWERED
from tracker.actions.uploads import stored_path
from tracker.extensions import db
from tracker.models import Action, AuditEvent, Challenge, Evidence, Milestone, ProgressUpdate

PEOPLE = 20
BARRIER_SECONDS = 30


@dataclass
class Attempt:
    number: int
    fields: Fields
    files: dict[str, Upload]
    outcome: str = ""  # "landed", "refused", or what went wrong


@dataclass(frozen=True)
class Form:
    """One form as twenty people fill it in: what each types, and how a refusal must look."""

    path: str
    typed: Callable[[int], Fields]
    kept: str  # the id of the field whose words a refused page must still hold
    refusal: str  # what a refused page's error summary says
    files: Callable[[int], dict[str, Upload]] = lambda n: {}


def submit(browser: Browser, form: Form, attempt: Attempt, action_id: int, barrier: threading.Barrier) -> None:
    opened = hidden_fields(browser.request(form.path).page)  # each person's own CSRF token (and version)
    barrier.wait()
    response = browser.request(form.path, {**opened, **attempt.fields}, attempt.files)
    if response.status == 302 and response.headers["Location"].endswith(f"/actions/{action_id}"):
        attempt.outcome = "landed"
        return
    if response.status == 200 and (summary := response.page.select_one(".govuk-error-summary")):
        kept = response.page.select_one(f"#{form.kept}")
        typed = attempt.fields[form.kept]
        if form.refusal in " ".join(summary.get_text(" ").split()) and kept and kept.get_text() == typed:
            attempt.outcome = "refused"
            return
    title = response.page.title.get_text(strip=True) if response.page.title else response.text[:300]
    attempt.outcome = f"HTTP {response.status} from {browser.server_url}: {title}"


def all_at_once(start_servers, email: str, form: Form, action_id: int) -> list[Attempt]:
    """Twenty people, split across two servers, signed in and with the form open, press save together."""
    servers = start_servers(2)
    browsers = [Browser(servers[n % 2].url) for n in range(PEOPLE)]
    attempts = [Attempt(n, form.typed(n), form.files(n)) for n in range(PEOPLE)]
    barrier = threading.Barrier(PEOPLE, timeout=BARRIER_SECONDS)
    with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
        list(pool.map(lambda browser: browser.sign_in(email), browsers))
        list(pool.map(lambda n: submit(browsers[n], form, attempts[n], action_id, barrier), range(PEOPLE)))
    unexpected = [f"{a.number}: {a.outcome}" for a in attempts if a.outcome not in ("landed", "refused")]
    assert not unexpected, "neither saved nor refused cleanly:\n" + "\n".join(unexpected)
    for server in servers:
        assert "Traceback" not in server.log.read_text(errors="replace"), server.log_tail()
    return attempts


def landed(attempts: list[Attempt], name: str) -> list[str]:
    return sorted(a.fields[name] for a in attempts if a.outcome == "landed")


def created(action_id: int, entity: str, field: str) -> list[str]:
    """What the audit trail says was created, field by field."""
    events = select(AuditEvent.after).where(
        AuditEvent.plan_action_id == action_id,
        AuditEvent.entity_type == entity,
        AuditEvent.event == "created",
        AuditEvent.field == field,
    )
    return sorted(db.session.scalars(events))


def test_twenty_milestones_added_at_once_all_land(shared_app, start_servers):
    team = seed(shared_app)
    form = Form(
        path=f"/actions/{team.action_id}/milestones/new",
        typed=lambda n: {"title": f"Milestone typed by person {n}", "due_date": [str(1 + n), "3", "2027"]},
        kept="title",
        refusal="",
    )
    attempts = all_at_once(start_servers, team.owner_email, form, team.action_id)

    titles = landed(attempts, "title")
    assert len(titles) == PEOPLE
    with shared_app.app_context():
        saved = db.session.scalars(select(Milestone).where(Milestone.action_id == team.action_id)).all()
        assert sorted(m.title for m in saved) == titles
        assert {m.title: m.due_date.day for m in saved} == {
            f"Milestone typed by person {n}": 1 + n for n in range(PEOPLE)
        }
        assert created(team.action_id, Milestone.__tablename__, "title") == titles


def _pdf(n: int) -> bytes:
    return b"%PDF-1.4\n% evidence from person " + str(n).encode() + b"\n" + b"0" * 20_000 + b"\n%%EOF\n"


def test_twenty_pieces_of_evidence_added_at_once_all_land_with_their_files(shared_app, start_servers):
    team = seed(shared_app)
    form = Form(
        path=f"/actions/{team.action_id}/evidence/new",
        typed=lambda n: {
            "kind": "audit",
            "description": f"Audit report uploaded by person {n}.",
            "evidence_date": ["1", "11", "2026"],
            "shows_impact": "yes",
        },
        files=lambda n: {"file": Upload(f"audit-{n}.pdf", _pdf(n), "application/pdf")},
        kept="description",
        refusal="",
    )
    attempts = all_at_once(start_servers, team.owner_email, form, team.action_id)

    descriptions = landed(attempts, "description")
    assert len(descriptions) == PEOPLE
    with shared_app.app_context():
        saved = db.session.scalars(select(Evidence).where(Evidence.action_id == team.action_id)).all()
        assert sorted(e.description for e in saved) == descriptions
        assert created(team.action_id, Evidence.__tablename__, "description") == descriptions
        folder = Path(shared_app.config["UPLOAD_FOLDER"])
        for evidence in saved:
            n = int(evidence.original_filename.removeprefix("audit-").removesuffix(".pdf"))
            assert evidence.description == f"Audit report uploaded by person {n}."
            assert stored_path(folder, evidence.stored_filename).read_bytes() == _pdf(n)
        # Every file stored belongs to a saved piece of evidence: none is left behind.
        assert len([p for p in folder.rglob("*") if p.is_file()]) == len(saved)


def test_twenty_challenges_raised_at_once_all_land(shared_app, start_servers):
    team = seed(shared_app)
    form = Form(
        path=f"/actions/{team.action_id}/challenges/new",
        typed=lambda n: {"question": f"Question number {n}: where is the evidence?"},
        kept="question",
        refusal="",
    )
    attempts = all_at_once(start_servers, team.director_email, form, team.action_id)

    questions = landed(attempts, "question")
    assert len(questions) == PEOPLE
    with shared_app.app_context():
        saved = db.session.scalars(select(Challenge.question).where(Challenge.id != team.challenge_id)).all()
        assert sorted(saved) == questions
        assert created(team.action_id, Challenge.__tablename__, "question") == sorted(
            [*questions, "Why has the audit not started?"]
        )


def test_one_challenge_answered_twenty_times_at_once_keeps_one_answer_and_refuses_the_rest(shared_app, start_servers):
    team = seed(shared_app)
    form = Form(
        path=f"/actions/{team.action_id}/challenges/{team.challenge_id}/answer",
        typed=lambda n: {"answer": f"Answer number {n}: the auditors start on Monday."},
        kept="answer",
        refusal=ALREADY_ANSWERED,
    )
    attempts = all_at_once(start_servers, team.owner_email, form, team.action_id)

    answers = landed(attempts, "answer")
    assert len(answers) == 1, answers
    with shared_app.app_context():
        challenge = db.session.get(Challenge, team.challenge_id)
        assert [challenge.answer] == answers
        changed = select(AuditEvent.after).where(
            AuditEvent.entity_type == Challenge.__tablename__, AuditEvent.field == "answer"
        )
        assert db.session.scalars(changed).all() == answers


def test_twenty_progress_updates_on_one_version_land_once_and_the_rest_are_refused_with_their_words(
    shared_app, start_servers
):
    team = seed(shared_app)
    form = Form(
        path=f"/actions/{team.action_id}/progress",
        typed=lambda n: {
            "rag": "amber",
            "rag_reason": f"Rated amber by person {n}.",
            "recovery": f"Recovery plan of person {n}.",
            "narrative": f"Progress seen by person {n}.",
        },
        kept="narrative",
        refusal=CONFLICT,
    )
    attempts = all_at_once(start_servers, team.owner_email, form, team.action_id)

    narratives = landed(attempts, "narrative")
    assert len(narratives) == 1, narratives
    with shared_app.app_context():
        saved = db.session.scalars(select(ProgressUpdate.narrative).where(ProgressUpdate.action_id == team.action_id))
        assert saved.all() == narratives
        assert db.session.get(Action, team.action_id).version == 2  # created, then one update
