"""A director reviews the plan in a real browser: dashboard, overdue list, a challenge and a sign-off."""

import re

from playwright.sync_api import Page, expect

from tests.browser.test_autocomplete import choose
from tests.browser.test_journeys import sign_in
from tests.helpers.axe import assert_accessible


def _go(page: Page, link) -> None:
    link.click()
    page.wait_for_load_state()
    assert_accessible(page)


def test_a_director_reviews_challenges_and_signs_off(page: Page, live_server):
    sign_in(page, live_server, "dcs@leicester.example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Improvement plan dashboard")
    expect(page.locator("#overdue-list")).to_contain_text("Reduce delay between step-down")
    expect(page.locator("svg.tracker-chart").first).to_be_visible()
    assert_accessible(page)

    # The overdue list, filtered to one owner.
    _go(page, page.get_by_role("link", name="Overdue", exact=True))
    choose(page, "Owner", "Early Help", "Head of Service, Early Help")  # the owner filter suggests as one types
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert_accessible(page)
    owners = page.locator("#overdue tbody tr td:nth-child(2)")
    assert owners.count() >= 1
    for text in owners.all_inner_texts():
        assert text.strip() == "Head of Service, Early Help"

    # Challenge one of those actions.
    _go(page, page.locator("#overdue tbody tr a").first)
    _go(page, page.get_by_role("button", name="Challenge this action"))
    page.get_by_label("Your challenge").fill("Six posts have been vacant since the spring: what is the agency plan?")
    _go(page, page.get_by_role("button", name="Send challenge"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Challenge sent")
    expect(page.locator(".govuk-inset-text").first).to_contain_text("what is the agency plan?")

    # Approve a completion waiting for sign-off.
    _go(page, page.get_by_role("link", name="Sign-off", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Waiting for sign-off")
    _go(page, page.locator("tbody tr a").first)
    expect(page.get_by_role("heading", level=1)).to_have_text("Review for sign-off")
    page.get_by_label("Sign off as complete").check()
    page.get_by_label("Your reasons").fill("The September re-audit shows every repeat contact reviewed within a day.")
    _go(page, page.get_by_role("button", name="Confirm decision"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(re.compile("^\\s*Success\\s*Signed off"))
    expect(page.locator("main")).to_contain_text("Nothing is waiting for sign-off.")
