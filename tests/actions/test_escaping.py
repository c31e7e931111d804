"""Text users typed comes back escaped on every page that shows it."""

from datetime import date

from tests.helpers.data import committed
from tests.helpers.factories import make_action, make_authority, make_inspection, make_milestone, make_point, make_user
from tracker.actions import operations as ops
from tracker.models import EvidenceKind, Rag, Role

SCRIPT = "<script>alert('x')</script>"


def test_a_stored_script_is_escaped_everywhere(client, app):
    with committed(app):
        authority = make_authority()
        owner = make_user(authority, Role.SERVICE_MANAGER, job_title=f"Head of {SCRIPT}")
        inspection = make_inspection(authority)
        point = make_point(inspection, text=f"Point {SCRIPT}")
        action = make_action(point, owner, title=f"Action {SCRIPT}", description=f"Plan {SCRIPT}")
        make_milestone(action, date(2027, 1, 1), title=f"Milestone {SCRIPT}")
        ops.record_progress(
            action,
            owner,
            rag=Rag.RED,
            rag_reason=f"Reason {SCRIPT}",
            narrative=f"Narrative {SCRIPT}",
            recovery=f"Recovery {SCRIPT}",
        )
        ops.add_evidence(
            action,
            owner,
            kind=EvidenceKind.AUDIT,
            description=f"Evidence {SCRIPT}",
            evidence_date=date(2026, 1, 1),
            shows_impact=True,
            link="https://intranet.example.org/a",
        )
    client.sign_in(owner)
    pages = [
        ("actions.my_actions", {}),
        ("actions.plan", {}),
        ("actions.show", {"action_id": action.id}),
        ("actions.progress", {"action_id": action.id}),
        ("actions.propose_completion", {"action_id": action.id}),
        ("actions.add_evidence", {"action_id": action.id}),
        ("inspections.show", {"inspection_id": inspection.id}),
    ]
    for endpoint, values in pages:
        html = client.get(endpoint, **values).get_data(as_text=True)
        assert "<script>alert" not in html, endpoint
        assert "&lt;script&gt;alert(" in html, endpoint
        client.get_page(endpoint, **values)  # and the page is still well formed
