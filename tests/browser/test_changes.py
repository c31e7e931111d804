"""A director asks what changed since a date, in a real browser, at desktop width and on a 320 px screen."""

from playwright.sync_api import Page, expect

from tests.browser.test_journeys import sign_in
from tests.helpers.axe import assert_accessible


def _fill_date(page: Page, field: str, day: str, month: str, year: str) -> None:
    page.locator(f"#{field}-day").fill(day)
    page.locator(f"#{field}-month").fill(month)
    page.locator(f"#{field}-year").fill(year)


def test_a_director_sees_what_changed_and_corrects_a_wrong_date(page: Page, live_server, tmp_path):
    sign_in(page, live_server, "dcs@leicester.example.org")
    page.get_by_role("link", name="What changed since the last committee paper").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What changed")
    expect(page.locator("#period")).to_contain_text("In the last 28 days")
    assert_accessible(page)

    # Since after until: the error summary says so, and the dates typed stay in the boxes.
    _fill_date(page, "since", "31", "12", "2018")
    _fill_date(page, "until", "31", "3", "2018")
    page.get_by_role("button", name="Show changes").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Since must be before until")
    expect(page.locator("#since-year")).to_have_value("2018")
    assert_accessible(page)

    _fill_date(page, "since", "31", "3", "2018")
    _fill_date(page, "until", "31", "12", "2018")
    page.get_by_role("button", name="Show changes").click()
    expect(page.locator("#period")).to_contain_text("after the end of 31 March 2018 up to the end of 31 December 2018")
    assert page.locator("#ratings tbody tr").count() > 0
    assert_accessible(page)
    page.screenshot(path=str(tmp_path / "changes-1280.png"), full_page=True)

    page.set_viewport_size({"width": 320, "height": 800})
    page.wait_for_timeout(100)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.screenshot(path=str(tmp_path / "changes-320.png"), full_page=True)
