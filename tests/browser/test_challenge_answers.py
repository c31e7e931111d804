"""An answer to a challenge reaches the director in a real browser, and she accepts it (axe on each page)."""

import re

from playwright.sync_api import Page, expect

from tests.browser.test_journeys import sign_in
from tests.helpers.axe import assert_accessible

OWNER, DIRECTOR = "das@leicester.example.org", "dcs@leicester.example.org"


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_a_director_sees_the_answer_to_her_challenge_and_accepts_it(page: Page, live_server):
    sign_in(page, live_server, OWNER)
    page.locator("main table a").first.click()
    page.wait_for_load_state()
    action_path = re.search(r"/actions/\d+", page.url).group(0)
    _sign_out(page)

    sign_in(page, live_server, DIRECTOR)
    page.goto(f"{live_server}{action_path}/challenges/new")
    page.get_by_label("Your challenge").fill("What will the re-audit show, and when?")
    page.get_by_role("button", name="Send challenge").click()
    page.wait_for_load_state()
    _sign_out(page)

    sign_in(page, live_server, OWNER)
    page.locator("[data-attention=challenges] a").first.click()
    page.wait_for_load_state()
    page.get_by_label("Your answer").fill("The re-audit in January will show decisions within a day.")
    page.get_by_role("button", name="Send answer").click()
    page.wait_for_load_state()
    _sign_out(page)

    sign_in(page, live_server, DIRECTOR)
    answers = page.locator("#answers-list")
    expect(answers).to_contain_text("What will the re-audit show, and when?")
    expect(answers).to_contain_text("The re-audit in January will show decisions within a day.")
    assert_accessible(page)
    answers.get_by_role("button", name=re.compile("^Accept answer")).first.click()
    page.wait_for_load_state()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Answer accepted")
    expect(page.locator("#answers-list")).not_to_contain_text("What will the re-audit show, and when?")
    assert_accessible(page)
