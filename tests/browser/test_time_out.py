"""The time-out warning in a real browser: it opens before the session ends, passes axe, and keeps the session."""

from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from tests.browser.test_journeys import sign_in
from tests.helpers.axe import assert_accessible
from tracker.extensions import db
from tracker.held_input import BANNER
from tracker.models import Action, ActionStatus, ProgressUpdate, Role, User
from tracker.seeding.operations import DEMO_PASSWORD

SECONDS_LEFT = "async () => (await (await fetch('/session/time-left')).json()).seconds_left"


def test_the_warning_opens_is_accessible_and_staying_signed_in_keeps_the_session(page: Page, live_server, seeded_app):
    # A one-minute session whose warning opens two seconds in, so the test need not wait two minutes.
    seeded_app.config.update(SESSION_IDLE_MINUTES=1, SESSION_WARNING_SECONDS=58)
    sign_in(page, live_server, "das@leicester.example.org")
    dialog = page.get_by_role("dialog", name="You’re about to be signed out")
    expect(dialog).to_be_visible(timeout=15_000)
    expect(dialog).to_contain_text("we will sign you out in")
    expect(page.get_by_role("button", name="Stay signed in")).to_be_focused()
    assert_accessible(page)

    before = page.evaluate(SECONDS_LEFT)
    page.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()
    assert page.evaluate(SECONDS_LEFT) > before  # the idle time started again

    # It opens again two seconds on; Escape means "stay signed in" too.
    expect(dialog).to_be_visible(timeout=15_000)
    before = page.evaluate(SECONDS_LEFT)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate(SECONDS_LEFT) > before
    expect(page.get_by_role("heading", level=1)).to_have_text("My actions")


def _an_open_action_and_its_owner(app) -> tuple[int, str]:
    with app.app_context():
        return db.session.execute(
            select(Action.id, User.email)
            .join(User, Action.owner_id == User.id)
            .where(
                User.role == Role.SERVICE_MANAGER,
                Action.status.in_((ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)),
            )
            .order_by(Action.id)
            .limit(1)
        ).one()


def test_when_the_time_runs_out_what_was_typed_comes_back_after_signing_in_unsaved(page: Page, live_server, seeded_app):
    action_id, email = _an_open_action_and_its_owner(seeded_app)
    sign_in(page, live_server, email)
    # A fifteen-second session (the limit is read as minutes), its warning at once.
    seeded_app.config.update(SESSION_IDLE_MINUTES=0.25, SESSION_WARNING_SECONDS=14)
    page.goto(f"{live_server}/actions/{action_id}/progress")
    typed = "Recruitment campaign relaunched; three interviews booked for next week."
    page.get_by_label("Progress since the last update").fill(typed)
    expect(page.get_by_role("dialog", name="You’re about to be signed out")).to_be_visible(timeout=15_000)

    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in", timeout=30_000)
    seeded_app.config.update(SESSION_IDLE_MINUTES=30, SESSION_WARNING_SECONDS=120)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    expect(page).to_have_url(f"{live_server}/actions/{action_id}/progress")
    expect(page.get_by_label("Progress since the last update")).to_have_value(typed)
    expect(page.locator(".govuk-notification-banner")).to_contain_text(BANNER)
    assert_accessible(page)
    with seeded_app.app_context():
        assert not db.session.scalar(select(func.count(ProgressUpdate.id)).where(ProgressUpdate.narrative == typed))
