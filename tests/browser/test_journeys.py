"""Each kind of user's journey in a real browser, with an accessibility check on every page visited."""

import re

from playwright.sync_api import Page, expect

from tests.helpers.axe import assert_accessible
from tracker.seeding.operations import DEMO_PASSWORD


def sign_in(page: Page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/")
    expect(page).to_have_url(re.compile(r"/sign-in"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_a_service_manager_signs_in_and_sees_their_authoritys_actions(page: Page, live_server):
    sign_in(page, live_server, "das@leicester.example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("My actions")
    expect(page.locator(".tracker-signed-in")).to_contain_text("Leicester City Council")
    assert_accessible(page)

    page.get_by_role("link", name="Whole plan", exact=True).click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Improvement plan actions")
    rows = page.locator("tbody tr")
    expect(rows.first).to_contain_text("You")
    assert rows.count() > 5
    expect(page.locator("main")).not_to_contain_text("Leeds")
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You have been signed out")
    assert_accessible(page)


def test_a_wrong_password_shows_an_accessible_error_summary(page: Page, live_server):
    page.goto(f"{live_server}/sign-in")
    page.get_by_label("Email address").fill("das@leicester.example.org")
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a correct email address and password")
    assert_accessible(page)
