"""`flask report committee`: which plans a paper covers (--plans) and the date of the last report (--since)."""

from bs4 import BeautifulSoup
from docx import Document
from sqlalchemy import select

from tests.reports.test_committee_report import COMMITTEE, plain
from tracker.extensions import db
from tracker.models import Authority, Inspection

LEICESTER = "Leicester City Council"


def _run(app, tmp_path, *options: str, authority: str = LEICESTER):
    out = tmp_path / "paper.html"
    out.unlink(missing_ok=True)
    result = app.test_cli_runner().invoke(
        args=[
            "report",
            "committee",
            "--authority",
            authority,
            "--meeting-name",
            COMMITTEE,
            "--meeting-date",
            "2026-12-01",
            "--as-at",
            "2026-11-22",
            "--format",
            "html",
            "--out",
            str(out),
            *options,
        ]
    )
    page = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser") if out.exists() else None
    return result, page


def _plans(app, name: str = LEICESTER) -> list[Inspection]:
    """The authority's inspections, newest first (as a paper orders them)."""
    with app.app_context():
        return list(
            db.session.scalars(
                select(Inspection)
                .join(Authority)
                .where(Authority.name == name)
                .order_by(Inspection.published.desc(), Inspection.id.desc())
            )
        )


def _summary_rows(page) -> list[str]:
    summary = next(t for t in page.select("table") if "Blue" in t.select_one("thead").get_text())
    return [tr.select_one("td").get_text(strip=True) for tr in summary.select("tbody tr")]


def test_by_default_the_paper_covers_the_latest_plan(seeded_app, tmp_path):
    newest, older = _plans(seeded_app)
    result, page = _run(seeded_app, tmp_path)
    assert result.exit_code == 0, result.output
    assert _summary_rows(page) == [newest.title]
    result, page = _run(seeded_app, tmp_path, "--plans", "latest")
    assert result.exit_code == 0 and _summary_rows(page) == [newest.title]


def test_all_covers_every_plan_of_the_authority_with_a_total(seeded_app, tmp_path):
    newest, older = _plans(seeded_app)
    result, page = _run(seeded_app, tmp_path, "--plans", "all")
    assert result.exit_code == 0, result.output
    assert _summary_rows(page) == [newest.title, older.title, "Total"]
    # The 2017 plan is all complete: named in one paragraph rather than given a section of its own.
    headings = [plain(h.get_text(strip=True)) for h in page.select("h3")]
    assert any(h.startswith(plain(newest.title)) for h in headings)
    assert "Plans Complete" in headings and not any(h.startswith(plain(older.title)) for h in headings)
    assert f"Every action in the plan for the {older.title} (" in plain(page.get_text(" "))


def test_plans_by_id_cover_those_plans_and_the_title_follows_the_newest_of_them(seeded_app, tmp_path):
    newest, older = _plans(seeded_app)
    result, page = _run(seeded_app, tmp_path, "--plans", str(older.id))
    assert result.exit_code == 0, result.output
    assert _summary_rows(page) == [older.title]
    # The 2017 document is an inspection report, the newer one a focused visit letter: the title is the report's.
    lines = [plain(p.get_text()) for p in page.select(".tracker-report__heading-line")]
    assert lines[1] == "OFSTED INSPECTION OF LOCAL AUTHORITY CHILDREN'S SOCIAL CARE SERVICES"
    result, page = _run(seeded_app, tmp_path, "--plans", f"{older.id}, {newest.id}")
    assert result.exit_code == 0 and _summary_rows(page) == [newest.title, older.title, "Total"]


def test_plans_of_another_authority_or_not_ids_are_refused_and_nothing_is_written(seeded_app, tmp_path):
    (newest, *_) = _plans(seeded_app)
    (elsewhere, *_) = _plans(seeded_app, "Leeds City Council")
    result, page = _run(seeded_app, tmp_path, "--plans", f"{newest.id},{elsewhere.id}")
    assert result.exit_code == 1 and page is None
    assert f"Leicester City Council has no inspection with id {elsewhere.id}" in result.output
    result, page = _run(seeded_app, tmp_path, "--plans", "newest")
    assert result.exit_code == 1 and page is None
    assert "plans must be latest, all or inspection ids separated by commas, not 'newest'" in result.output


def test_since_reports_what_was_achieved_since_the_last_report(seeded_app, tmp_path):
    result, page = _run(seeded_app, tmp_path, "--since", "2025-06-30", authority="Leicestershire County Council")
    assert result.exit_code == 0, result.output
    text = plain(page.get_text(" "))
    assert "Milestones achieved since 30 June 2025:" in text and "(19 September 2025)" in text
    result, page = _run(seeded_app, tmp_path, authority="Leicestershire County Council")
    assert "Milestones achieved since" not in plain(page.get_text(" "))
    result, page = _run(seeded_app, tmp_path, "--since", "2026-12-25")
    assert result.exit_code == 1 and page is None
    assert "--since (2026-12-25) is after the as-at date (2026-11-22)" in result.output


def test_word_and_pdf_write_the_appendix_as_a_file_of_its_own_beside_the_paper(seeded_app, tmp_path):
    out = tmp_path / "paper.docx"
    result = seeded_app.test_cli_runner().invoke(
        args=["report", "committee", "--authority", LEICESTER, "--meeting-name", COMMITTEE]
        + ["--meeting-date", "2026-12-01", "--as-at", "2026-11-22", "--format", "docx", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    appendix = tmp_path / "paper - The Whole Plan.docx"
    assert result.output.splitlines() == [f"Wrote {out}", f"Wrote {appendix}"]
    paper_text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Appendix B – The Whole Plan (a separate document)" in paper_text
    assert not any(t.rows[0].cells[0].text == "Point" for t in Document(str(out)).tables)
    headers = [[c.text for c in t.rows[0].cells] for t in Document(str(appendix)).tables]
    assert headers and all(h[:2] == ["Point", "Action"] for h in headers)
