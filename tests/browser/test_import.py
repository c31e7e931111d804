"""A director imports a new Ofsted report in a real browser: upload the PDF, correct a point, confirm."""

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.test_journeys import sign_in
from tests.helpers.axe import assert_accessible

PDF = Path(__file__).resolve().parent.parent / "parsing" / "documents" / "ilacs_ashcombe.pdf"
CORRECTED = "The quality of management oversight of children's plans in the assessment teams."


def test_a_director_imports_a_pdf_corrects_a_point_and_finds_the_draft_actions(page: Page, live_server):
    sign_in(page, live_server, "dcs@leicestershire.example.org")
    page.get_by_role("link", name="Import", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import an Ofsted document")
    assert_accessible(page)

    page.get_by_role("link", name="Upload a document").click()
    assert_accessible(page)
    page.get_by_label("Upload the document").set_input_files(str(PDF))
    page.get_by_role("button", name="Read the document").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check what was read from the document")
    assert_accessible(page)

    points = page.locator("textarea[id^=points][id$=-text]")
    count = points.count()
    assert count >= 2
    points.first.fill(CORRECTED)
    # Ashcombe is no council of England's, so the director says whose it is, and when it was published.
    page.get_by_label("Authority").select_option(label="Leicestershire County Council")
    page.locator("#published-day").fill("1")
    page.locator("#published-month").fill("6")
    page.locator("#published-year").fill("2026")
    owner = "Head of Service, Child Protection and Independent Review"
    page.get_by_label("Owner of the draft actions").select_option(label=owner)
    page.get_by_label("Lead director").select_option(index=1)
    page.locator("#target_date-day").fill("31")
    page.locator("#target_date-month").fill("3")
    page.locator("#target_date-year").fill("2027")
    page.get_by_role("group", name="RAG rating of the draft actions").get_by_label("Amber").check()
    page.get_by_role("button", name="Create the inspection and draft actions").click()
    page.wait_for_load_state()

    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"with {count} improvement points")
    assert_accessible(page)
    first_point = page.locator("section[id^=point-]").first
    expect(first_point).to_contain_text(CORRECTED)
    expect(first_point).to_contain_text(owner)

    first_point.get_by_role("link").first.click()
    page.wait_for_load_state()
    expect(page.locator("#actions li")).to_have_count(1)
    expect(page.locator("#actions")).to_contain_text("Not started")
    assert_accessible(page)

    page.get_by_role("link", name="Whole plan").click()
    expect(page.locator("main")).to_contain_text(CORRECTED.rstrip("."))
