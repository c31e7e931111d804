"""An operator adds a council, its administrator sets it up and makes an account, and that person starts
work: in a real browser, with two-factor sign-in and temporary passwords, axe on every page."""

from __future__ import annotations

import pyotp
from playwright.sync_api import Page, expect

from tests.helpers.axe import assert_accessible
from tracker.seeding.operations import DEMO_OPERATOR_EMAIL, DEMO_PASSWORD

TEMPORARY = "paper lantern orchard violin"
ADMINS_OWN = "quiet harbour tulip engine"
MANAGERS_OWN = "granite meadow saxophone pebble"


def _submit(page: Page, button: str) -> None:
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    assert_accessible(page)


def _sign_in(page: Page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    _submit(page, "Sign in")


def _set_up_two_factor(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(page.locator("#qr-code svg")).to_be_visible()
    assert_accessible(page)
    secret = page.locator("#secret").inner_text().strip()
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).now())
    _submit(page, "Continue")


def _choose_password(page: Page, password: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose your own password")
    page.get_by_label("New password", exact=True).fill(password)
    page.get_by_label("Confirm new password").fill(password)
    _submit(page, "Save password")


def _sign_out(page: Page) -> None:
    _submit(page, "Sign out")


def test_an_operator_starts_a_council_whose_administrator_adds_its_people(page: Page, live_server):
    _sign_in(page, live_server, DEMO_OPERATOR_EMAIL, DEMO_PASSWORD)
    _set_up_two_factor(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Councils")
    expect(page.locator("#councils")).to_contain_text("Leicester City Council")
    expect(page.locator(".tracker-signed-in")).to_contain_text("Service operator")

    page.get_by_role("link", name="Add a council").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Council's name").fill("Leicester City Council")
    page.get_by_label("Email address").fill("admin@fenmarsh.example.org")
    page.get_by_label("Job title").fill("Systems administrator")
    page.get_by_label("Temporary password").fill(TEMPORARY)
    _submit(page, "Add council")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Leicester City Council is already on the service")
    page.get_by_label("Council's name").fill("Fenmarsh District Council")
    page.get_by_label("Temporary password").fill(TEMPORARY)  # a password field is never shown again
    _submit(page, "Add council")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fenmarsh District Council")
    expect(page.locator("#accounts")).to_contain_text("Temporary password")
    _sign_out(page)

    # The new administrator: two-factor first, then a password of their own, then their own council only.
    _sign_in(page, live_server, "admin@fenmarsh.example.org", TEMPORARY)
    _set_up_two_factor(page)
    _choose_password(page, ADMINS_OWN)
    expect(page.locator(".govuk-caption-l")).to_have_text("Fenmarsh District Council")
    page.get_by_role("link", name="Accounts", exact=True).click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name="Create an account").click()
    page.wait_for_load_state()
    assert_accessible(page)
    expect(page.locator("#authority_id")).to_have_count(0)
    page.get_by_label("Email address").fill("fostering@fenmarsh.example.org")
    page.get_by_label("Job title").fill("Head of Service, Fostering")
    page.get_by_label("Role").select_option(label="Service manager")
    page.get_by_label("First password").fill(TEMPORARY)
    _submit(page, "Save")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("must choose their own password")
    expect(page.locator("#users")).not_to_contain_text("leicester.example.org")
    _sign_out(page)

    # The service manager starts with the administrator's temporary password and must replace it.
    _sign_in(page, live_server, "fostering@fenmarsh.example.org", TEMPORARY)
    _choose_password(page, MANAGERS_OWN)
    expect(page.get_by_role("heading", level=1)).to_have_text("My actions")
    expect(page.locator(".tracker-signed-in")).to_contain_text("Fenmarsh District Council")
