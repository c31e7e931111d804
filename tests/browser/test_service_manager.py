"""A service manager brings an overdue action up to date, in a real browser, checking each page with axe."""

import re

from playwright.sync_api import Page, expect

from tests.browser.test_journeys import sign_in
from tests.helpers.axe import assert_accessible


def _fill_date(page: Page, prefix: str, day: str, month: str, year: str) -> None:
    page.locator(f"#{prefix}-day").fill(day)
    page.locator(f"#{prefix}-month").fill(month)
    page.locator(f"#{prefix}-year").fill(year)


def _submit(page: Page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_a_service_manager_updates_an_overdue_action(page: Page, live_server, tmp_path):
    sign_in(page, live_server, "earlyhelp@leicester.example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("My actions")
    overdue = page.locator("[data-attention=overdue]")
    expect(overdue).to_contain_text("Reduce delay between step-down")
    assert_accessible(page)

    overdue.get_by_role("link", name=re.compile("Reduce delay between step-down")).click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Reduce delay between step-down")
    assert_accessible(page)

    # Move the overdue milestone, with a reason.
    page.locator("#milestones + .tracker-table-scroll table tr", has=page.locator(".govuk-tag--red")).first.get_by_role(
        "link", name=re.compile("^Move")
    ).click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Move a milestone")
    assert_accessible(page)
    _fill_date(page, "due_date", "31", "3", "2027")
    page.get_by_label("Why has it moved?").fill(
        "Six family support worker posts still vacant; recruitment completes in December."
    )
    _submit(page, "Move milestone")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Milestone moved")

    # Rate it Red: first forgetting the recovery, which the form asks for.
    page.get_by_role("button", name="Update progress and RAG").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Red").check()
    page.get_by_label("Why is it rated this way?").fill("Q2 visits within ten days fell to 71% with six posts vacant.")
    page.get_by_label("Progress since the last update").fill("Posts readvertised; agency cover requested.")
    _submit(page, "Save update")
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what will bring the action back on track")
    assert_accessible(page)
    expect(page.get_by_label("Progress since the last update")).to_have_value(
        "Posts readvertised; agency cover requested."
    )
    page.get_by_label("What will bring it back on track?").fill("Agency cover from December; 90% by March 2027.")
    _submit(page, "Save update")
    expect(page.locator("#rag .govuk-tag")).to_have_text("Red")

    # Upload evidence.
    page.get_by_role("button", name="Add evidence").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Performance data").check()
    page.get_by_label("What it is and what it shows").fill("October step-down visits report: 74% within ten days.")
    _fill_date(page, "evidence_date", "14", "11", "2026")
    page.get_by_label("No, it shows the work was done").check()
    report = tmp_path / "step-down-visits-october-2026.pdf"
    report.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page.get_by_label("Or upload a file").set_input_files(str(report))
    _submit(page, "Add evidence")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Evidence added")
    expect(page.get_by_role("link", name="Download step-down-visits-october-2026.pdf")).to_be_visible()

    # All three are in the history.
    history = page.locator(".tracker-history")
    expect(history).to_contain_text("moved milestone")
    expect(history).to_contain_text("to 31 March 2027")
    expect(history).to_contain_text("changed RAG from Amber to Red: Q2 visits within ten days fell to 71%")
    expect(history).to_contain_text("added evidence on")
    assert_accessible(page)
