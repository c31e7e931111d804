"""A director drafts, previews and publishes a committee report (through the job worker, a real process);
a committee member reads and downloads it."""

from playwright.sync_api import Page, expect

from tests.browser.test_journeys import sign_in
from tests.helpers.axe import assert_accessible
from tests.helpers.jobs import WAIT_SECONDS, worker_process

COMMITTEE = "Children and Families Overview and Scrutiny Committee"


def _fill_date(page: Page, prefix: str, day: str, month: str, year: str) -> None:
    page.locator(f"#{prefix}-day").fill(day)
    page.locator(f"#{prefix}-month").fill(month)
    page.locator(f"#{prefix}-year").fill(year)


def test_a_report_from_draft_to_the_committee(page: Page, live_server, seeded_app, tmp_path):
    sign_in(page, live_server, "dcs@leicestershire.example.org")
    page.get_by_role("link", name="Committee reports", exact=True).click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("button", name="Draft a new report").click()
    page.wait_for_load_state()
    assert_accessible(page)
    expect(page.get_by_label("Committee", exact=True)).to_have_value(COMMITTEE)
    _fill_date(page, "meeting_date", "3", "9", "2024")
    page.get_by_label("Report title").fill("Ofsted inspection")
    page.get_by_role("button", name="Save and preview").click()
    page.wait_for_load_state()
    # The seed paper's meeting is in the past: the form says what that means and asks for a tick.
    expect(page.locator(".govuk-error-summary")).to_contain_text("the paper will be dated 3 September 2024")
    expect(page.get_by_label("Report title")).to_have_value("Ofsted inspection")
    assert_accessible(page)
    page.get_by_label("These dates are right").check()
    page.get_by_role("button", name="Save and preview").click()
    page.wait_for_load_state()
    expect(page.locator(".govuk-warning-text")).to_contain_text("Draft")
    expect(page.locator(".tracker-report")).to_contain_text("Leicestershire has been graded as follows")
    assert_accessible(page)
    page.get_by_role("button", name="Publish to the committee").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish this report?")
    expect(page.locator(".govuk-warning-text")).to_contain_text("cannot be changed or unpublished")
    assert_accessible(page)
    page.get_by_role("button", name="Publish the report").click()
    page.wait_for_load_state()
    # Queued, not published in the request: the page says so and refreshes itself until the worker is done.
    expect(page.get_by_role("heading", level=1)).to_have_text("Publishing the report")
    assert_accessible(page)
    with worker_process(seeded_app, tmp_path / "worker.log"):
        expect(page.locator(".govuk-notification-banner")).to_contain_text("Published", timeout=WAIT_SECONDS * 1000)
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()

    sign_in(page, live_server, "scrutiny@leicestershire.example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Committee reports")
    assert_accessible(page)
    page.get_by_role("link", name="Ofsted inspection").click()
    page.wait_for_load_state()
    expect(page.locator(".tracker-report")).to_contain_text("The Committee is asked to note")
    assert_accessible(page)
    for name, extension in (("Download as Word (.docx)", "docx"), ("Download as PDF", "pdf")):
        with page.expect_download() as download:
            page.get_by_role("link", name=name).click()
        assert download.value.suggested_filename == f"2024-09-03 {COMMITTEE} - Ofsted inspection.{extension}"
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert saved.stat().st_size > 5000
