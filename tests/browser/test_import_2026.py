"""Issue 17 in a real browser: an administrator imports a 2026 ILACS report (a PDF of our own, printed by
WeasyPrint) whose points carry National Framework references, and a report whose points cannot be read,
marking them by hand. axe on every page."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.browser.test_councils_and_accounts import _set_up_two_factor, _sign_in
from tests.helpers.axe import assert_accessible
from tracker.extensions import db
from tracker.models import FrameworkArea, Inspection, PointKind
from tracker.seeding.operations import DEMO_PASSWORD

ADMIN = "admin@leicestershire.example.org"
UNSPLIT = Path(__file__).resolve().parent.parent / "parsing" / "documents" / "ilacs_greyminster_unsplit.txt"

# A 2026 ILACS report: no overall effectiveness grade, a footnote mark on the heading, and each bullet
# ending with the part of the National Framework it concerns.
REPORT_2026 = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Inspection of Brackley Vale</title>
<style>@page { size: A4; margin: 20mm; } body { font-family: "Liberation Sans", sans-serif; font-size: 11pt; }
table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: 4px; text-align: left; }
.footnote { font-size: 8pt; }</style></head>
<body>
<h1>Inspection of Brackley Vale local authority children’s services</h1>
<p>Inspection dates: 9 to 20 February 2026</p>
<p>Lead inspector: Alison Tarrant, His Majesty’s Inspector</p>
<table>
<tr><th>Judgement</th><th>Grade</th></tr>
<tr><td>The impact of leaders on social work practice with children and families</td><td>Good</td></tr>
<tr><td>The experiences and progress of children who need help and protection</td>
<td>Requires improvement to be good</td></tr>
<tr><td>The experiences and progress of children in care</td><td>Good</td></tr>
<tr><td>The experiences and progress of care leavers</td><td>Good</td></tr>
</table>
<p>Children in Brackley Vale are helped by a stable workforce and leaders who know their service well.</p>
<h2>What needs to improve?<sup>1</sup></h2>
<ul>
<li>The timeliness of strategy meetings for children at risk of significant harm (outcome 3, national
framework).</li>
<li>The oversight by managers of plans for children in need, so that drift is acted on (enabler: leaders
drive conditions for effective practice, national framework).</li>
</ul>
<h2>Main findings</h2>
<p>1. Most children who need help are seen quickly by social workers who know them well.</p>
<p class="footnote">1 The areas for improvement are cross-referenced with the outcomes, enablers and
principles of the Children’s Social Care: National Framework.</p>
</body></html>
"""


def _sign_in_as_administrator(page: Page, base_url: str) -> None:
    _sign_in(page, base_url, ADMIN, DEMO_PASSWORD)
    _set_up_two_factor(page)


def _upload(page: Page, base_url: str, path: Path) -> None:
    page.goto(f"{base_url}/imports/new")
    assert_accessible(page)
    page.get_by_label("Upload the document").set_input_files(str(path))
    page.get_by_role("button", name="Read the document").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check what was read from the document")
    assert_accessible(page)


def _choose_people_and_confirm(page: Page) -> None:
    # Neither document names a council we know, nor prints its publication date: both are given by hand.
    page.get_by_label("Authority").select_option(index=1)
    page.locator("#published-day").fill("1")
    page.locator("#published-month").fill("6")
    page.locator("#published-year").fill("2026")
    page.get_by_label("Owner of the draft actions").select_option(index=1)
    page.get_by_label("Lead director").select_option(index=1)
    page.locator("#target_date-day").fill("31")
    page.locator("#target_date-month").fill("3")
    page.locator("#target_date-year").fill("2027")
    page.get_by_role("group", name="RAG rating of the draft actions").get_by_label("Amber").check()
    page.get_by_role("button", name="Create the inspection and draft actions").click()
    page.wait_for_load_state()
    assert_accessible(page)


def _newest_inspection(app) -> list[tuple[PointKind, str, list[FrameworkArea]]]:
    with app.app_context():
        inspection = db.session.scalar(select(Inspection).order_by(Inspection.id.desc()))
        return [(p.kind, p.text, p.framework_areas) for p in inspection.improvement_points]


def test_an_administrator_imports_a_2026_report_and_its_points_keep_their_framework_areas(
    page: Page, live_server, seeded_app, tmp_path
):
    from weasyprint import HTML

    pdf = tmp_path / "brackley-vale-2026.pdf"
    pdf.write_bytes(HTML(string=REPORT_2026).write_pdf())
    _sign_in_as_administrator(page, live_server)
    _upload(page, live_server, pdf)

    expect(page.locator("#points-not-read")).to_have_count(0)
    expect(page.locator("textarea[id^=points][id$=-text]")).to_have_count(2)
    expect(page.locator("#points-0-text")).to_have_value(
        "The timeliness of strategy meetings for children at risk of significant harm."
    )
    expect(page.locator("#point-0-framework")).to_contain_text("Outcome 3")
    expect(page.locator("#point-0-framework")).to_contain_text(FrameworkArea.OUTCOME_3.label)
    expect(page.locator("#point-1-framework")).to_contain_text("Enabler 2")

    _choose_people_and_confirm(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("with 2 improvement points")
    assert [(kind, areas) for kind, _, areas in _newest_inspection(seeded_app)] == [
        (PointKind.WHAT_NEEDS_TO_IMPROVE, [FrameworkArea.OUTCOME_3]),
        (PointKind.WHAT_NEEDS_TO_IMPROVE, [FrameworkArea.ENABLER_2]),
    ]


def test_points_that_cannot_be_read_are_marked_by_hand_and_become_the_plans_points(page: Page, live_server, seeded_app):
    _sign_in_as_administrator(page, live_server)
    _upload(page, live_server, UNSPLIT)

    expect(page.locator("#points-not-read")).to_contain_text(
        "We could not read the improvement points in this document"
    )
    passage = page.locator("#passage")
    for words in (
        "return home interviews",
        "what children say",
        "the police",
        "sufficiency of homes",
        "leavers receive",
    ):
        passage.get_by_label(words).check()
    page.get_by_label("Kind of the points you ticked").select_option(label="What needs to improve")
    page.get_by_role("button", name="Add the ticked lines as points").click()
    page.wait_for_load_state()
    assert_accessible(page)

    text = page.locator("#points-0-text")
    expect(text).to_have_value(
        "The consistency of return home interviews for children who go missing from care "
        "and the way that what children say in them is used by their social workers and "
        "the police to reduce the risks they face when they are away from home together "
        "with the sufficiency of homes close to where children live and the help care "
        "leavers receive to find somewhere suitable to live when they leave care"
    )
    # One run-on sentence, but two points: the person splits it where the second begins.
    text.fill(
        "The consistency of return home interviews for children who go missing from care.\n\n"
        "The sufficiency of homes close to where children live."
    )
    page.get_by_role("button", name="Split point 1").click()
    page.wait_for_load_state()
    expect(page.locator("textarea[id^=points][id$=-text]")).to_have_count(2)

    _choose_people_and_confirm(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("with 2 improvement points")
    assert [(kind, text) for kind, text, _ in _newest_inspection(seeded_app)] == [
        (
            PointKind.WHAT_NEEDS_TO_IMPROVE,
            "The consistency of return home interviews for children who go missing from care.",
        ),
        (PointKind.WHAT_NEEDS_TO_IMPROVE, "The sufficiency of homes close to where children live."),
    ]
