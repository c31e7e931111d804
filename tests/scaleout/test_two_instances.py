"""Two app processes on different ports against one PostgreSQL, with simultaneous edits of the same actions.

Issue 8 runs the tracker as several gunicorn instances behind a load balancer. The lost-update guard (a
form carries the action's version; the view checks it, and SQLAlchemy's version_id_col checks it again in
the UPDATE) was proved inside one process; here the saves come through two real servers at once, so only
the database can order them. In each round eight people, split across both servers, open the progress
form of each of three actions at the same version and save together. For each action exactly one save
lands and the rest are refused with the conflict message (their page then carries the newest version,
which the next round saves on); nothing is lost, nothing refused is recorded, and the audit trail
replays to the final state.
"""

from __future__ import annotations

import itertools
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from tests.helpers.browser import Browser, hidden_fields
from tests.helpers.factories import make_authority, make_inspection, make_point, make_user
from tracker.actions import operations as ops
from tracker.actions.conflicts import CONFLICT
from tracker.extensions import db
from tracker.models import Action, AuditEvent, ProgressUpdate, Rag, Role, Theme

ACTIONS = 3
EDITORS = 8  # the actions' owner and seven directors; even-numbered ones use the first server
ROUNDS = 4
BARRIER_SECONDS = 30


def progress_path(action_id: int) -> str:
    return f"/actions/{action_id}/progress"


@dataclass
class Save:
    round: int
    action_id: int
    editor: int
    user_id: int
    fields: dict[str, str]
    status: int = 0
    outcome: str = ""  # "landed", "refused", or what went wrong
    next_form: dict[str, str] = field(default_factory=dict)

    def what(self, name: str) -> str:
        return self.fields[name]


def edit(round_: int, action_id: int, editor: int) -> dict[str, str]:
    """What one person types: unique to them, the action and the round, so every value can be traced."""
    rag = ("green", "amber", "red")[(round_ + editor) % 3]
    tag = f"round {round_}, action {action_id}, editor {editor}"
    return {
        "rag": rag,
        "rag_reason": f"Rated {rag} in {tag}.",
        "recovery": f"Recovery plan from {tag}.",
        "narrative": f"Progress in {tag}.",
    }


def save(browser: Browser, attempt: Save, barrier: threading.Barrier) -> None:
    barrier.wait()
    response = browser.request(progress_path(attempt.action_id), attempt.fields)
    attempt.status = response.status
    if response.status == 302 and response.headers["Location"].endswith(f"/actions/{attempt.action_id}"):
        attempt.outcome = "landed"
        return
    if response.status == 200 and (summary := response.page.select_one(".govuk-error-summary")):
        narrative = response.page.select_one("#narrative")
        if CONFLICT in " ".join(summary.get_text(" ").split()) and narrative.get_text() == attempt.what("narrative"):
            attempt.outcome = "refused"
            attempt.next_form = hidden_fields(response.page)
            return
    attempt.outcome = f"HTTP {response.status} from {browser.server_url}: {response.text[:500]}"


def seed(app) -> tuple[list[int], list[tuple[int, str]]]:
    """Three actions owned by one service manager, and seven directors of the same authority."""
    with app.app_context():
        authority = make_authority()
        owner = make_user(authority, Role.SERVICE_MANAGER)
        directors = [make_user(authority, Role.DIRECTOR) for _ in range(EDITORS - 1)]
        point = make_point(make_inspection(authority))
        actions = [
            ops.create_action(
                point,
                directors[0],
                title=f"Shared action {n}",
                description="Edited by many people at once.",
                owner=owner,
                lead_director=directors[0],
                theme=Theme.FRONT_DOOR,
                target_date=date(2027, 3, 31),
                rag=Rag.GREEN,
                rag_reason="New action; not yet started.",
            )
            for n in range(ACTIONS)
        ]
        db.session.commit()
        return [a.id for a in actions], [(u.id, u.email) for u in (owner, *directors)]


def versions(app, action_ids: list[int]) -> dict[int, int]:
    with app.app_context():
        return dict(db.session.execute(select(Action.id, Action.version).where(Action.id.in_(action_ids))).all())


def replay(events: list[AuditEvent], action_id: int, name: str) -> str | None:
    """A field's value rebuilt from the audit trail alone, checking each change starts where the last ended."""
    value = None
    for event in events:
        if (event.entity_type, event.entity_id, event.field) != (Action.__tablename__, action_id, name):
            continue
        assert event.event in ("created", "changed"), event.event
        assert event.before == value, f"{name}: event {event.id} starts from {event.before!r}, not {value!r}"
        value = event.after
    return value


def save_together(pool: ThreadPoolExecutor, browsers: list[Browser], batch: list[Save]) -> None:
    """Every save of the batch in its own thread, released at the same moment."""
    barrier = threading.Barrier(len(batch), timeout=BARRIER_SECONDS)
    list(pool.map(lambda attempt: save(browsers[attempt.editor], attempt, barrier), batch))


def check_round(round_: int, batch: list[Save], action_ids: list[int]) -> None:
    unexpected = [f"{s.action_id}/{s.editor}: {s.outcome}" for s in batch if s.outcome not in ("landed", "refused")]
    assert not unexpected, f"round {round_}: neither landed nor refused:\n" + "\n".join(unexpected)
    for a in action_ids:
        landed = [s.editor for s in batch if s.action_id == a and s.outcome == "landed"]
        assert len(landed) == 1, f"round {round_}, action {a}: {len(landed)} saves made on one version landed"


def check_action(action_id: int, saves: list[Save]) -> None:
    """The database and its audit trail against what the servers answered, for one action."""
    landed = [s for s in saves if s.action_id == action_id and s.outcome == "landed"]  # in round order
    refused = [s for s in saves if s.action_id == action_id and s.outcome == "refused"]
    action = db.session.get(Action, action_id)

    # The final state is the last save that landed.
    last = landed[-1]
    expected_recovery = last.what("recovery") if last.what("rag") != "green" else None
    assert (action.rag.value, action.rag_reason, action.recovery) == (
        last.what("rag"),
        last.what("rag_reason"),
        expected_recovery,
    )

    # Every landed save is kept as a progress update, by its author, and nothing else is.
    updates = db.session.scalars(
        select(ProgressUpdate).where(ProgressUpdate.action_id == action_id).order_by(ProgressUpdate.id)
    ).all()
    assert [(u.narrative, u.rag.value, u.author_id) for u in updates] == [
        (s.what("narrative"), s.what("rag"), s.user_id) for s in landed
    ]

    # One progress-update event and one change of reason per landed save, by whom and in the order they
    # landed; each save's events share one moment, and time never runs backwards.
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.plan_action_id == action_id).order_by(AuditEvent.id)
    ).all()
    created = [e for e in events if e.entity_type == ProgressUpdate.__tablename__ and e.field == "narrative"]
    own = [e for e in events if e.entity_type == Action.__tablename__]
    reasons = [e for e in own if e.field == "rag_reason" and e.event == "changed"]
    assert [(e.after, e.actor_id) for e in created] == [(s.what("narrative"), s.user_id) for s in landed]
    assert [(e.after, e.actor_id) for e in reasons] == [(s.what("rag_reason"), s.user_id) for s in landed]
    assert [e.occurred_at for e in created] == [e.occurred_at for e in reasons]
    moments = [e.occurred_at for e in events]
    assert moments == sorted(moments)

    # Replayed from the action's creation, the trail reaches exactly the final state.
    assert replay(events, action_id, "rag") == action.rag.value
    assert replay(events, action_id, "rag_reason") == action.rag_reason
    assert replay(events, action_id, "recovery") == action.recovery
    assert replay(events, action_id, "status") == action.status.value

    # Nothing typed into a refused save was recorded anywhere.
    recorded = {e.before for e in events} | {e.after for e in events}
    typed_in_refused = {s.what(name) for s in refused for name in ("rag_reason", "recovery", "narrative")}
    assert not recorded & typed_in_refused


def test_simultaneous_edits_through_two_servers_land_or_are_refused_and_none_is_lost(shared_app, start_servers):
    action_ids, editors = seed(shared_app)
    servers = start_servers(2)
    browsers = [Browser(servers[n % 2].url) for n in range(EDITORS)]
    saves: list[Save] = []
    seen_versions = {a: [] for a in action_ids}  # each action's version before every round, then at the end

    with ThreadPoolExecutor(max_workers=EDITORS * ACTIONS) as pool:
        list(pool.map(lambda n: browsers[n].sign_in(editors[n][1]), range(EDITORS)))
        # Each person opens their forms one after another: a session's first form makes its CSRF token.
        opened = pool.map(lambda n: [browsers[n].open_form(progress_path(a)) for a in action_ids], range(EDITORS))
        forms = {(n, a): form for n, row in enumerate(opened) for a, form in zip(action_ids, row, strict=True)}

        for round_ in range(ROUNDS):
            current = versions(shared_app, action_ids)
            for a in action_ids:
                seen_versions[a].append(current[a])
            stale = {key: form["version"] for key, form in forms.items() if form["version"] != str(current[key[1]])}
            assert not stale, f"round {round_}: forms not on the newest version {current}: {stale}"

            batch = [
                Save(round_, a, n, editors[n][0], {**forms[(n, a)], **edit(round_, a, n)})
                for n in range(EDITORS)
                for a in action_ids
            ]
            save_together(pool, browsers, batch)
            saves += batch
            check_round(round_, batch, action_ids)

            # A refused page is ready to save again on the newest version; whoever landed opens the form afresh.
            for s in batch:
                if s.outcome == "refused":
                    forms[(s.editor, s.action_id)] = s.next_form
                else:
                    forms[(s.editor, s.action_id)] = browsers[s.editor].open_form(progress_path(s.action_id))

    for server in servers:
        assert "Traceback" not in server.log.read_text(errors="replace"), server.log_tail()
    # Every round's one landed save raised the version by one: one UPDATE of the action per save.
    for a, final in versions(shared_app, action_ids).items():
        seen_versions[a].append(final)
        assert all(later == earlier + 1 for earlier, later in itertools.pairwise(seen_versions[a])), seen_versions[a]
    with shared_app.app_context():
        for a in action_ids:
            check_action(a, saves)
