"""`flask --app wsgi inspection parse PATH`: the parser's JSON, or a clear message and a non-zero exit
(1: not read at all; 3: an inspection document whose improvement points could not be read)."""

import json
from pathlib import Path

import pytest

from tests.helpers.paths import SEED_DOCUMENTS
from tracker.inspections.cli import outcome
from tracker.parsing import ParsedDocument
from tracker.parsing.model import NOTHING_TO_IMPROVE, POINTS_FOUND, POINTS_NOT_READ

# An ILACS report of our own whose "What needs to improve?" is one run-on passage the parser cannot split.
UNSPLIT = Path(__file__).resolve().parent.parent / "parsing" / "documents" / "ilacs_greyminster_unsplit.txt"


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def test_parse_prints_the_documents_json(runner):
    result = runner.invoke(args=["inspection", "parse", str(SEED_DOCUMENTS / "003_7af7db97a7e57556.txt")])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # points read: no note, no error
    data = json.loads(result.stdout)
    assert set(data) == {
        "authority",
        "doc_type",
        "visit_start",
        "visit_end",
        "published",
        "ofsted_published",
        "judgements",
        "overall_effectiveness",
        "improvement_points",
        "strengths",
        "supporting_paragraphs",
        "points_status",
        "passage",
    }
    assert data["doc_type"] == "committee_report"
    assert data["published"] == "2024-09-03"
    assert data["overall_effectiveness"] == "Outstanding"
    assert [p["text"] for p in data["improvement_points"]] == [
        "Monitoring of pre-proceedings to tackle drift and delay and the accessibility of letters before proceedings.",
        "Timeliness of initial child protection conferences.",
    ]


def test_a_missing_file_gets_a_message_and_exit_1(runner, tmp_path):
    result = runner.invoke(args=["inspection", "parse", str(tmp_path / "nothing.pdf")])
    assert result.exit_code == 1
    assert "Error: there is no file at" in result.output
    assert "Traceback" not in result.output


def test_an_unreadable_document_gets_a_message_and_exit_1(runner, tmp_path):
    junk = tmp_path / "report.pdf"
    junk.write_bytes(b"\x00\x01 not a pdf at all \xff" * 50)
    result = runner.invoke(args=["inspection", "parse", str(junk)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("status", "exit_code", "message"),
    [
        (POINTS_FOUND, 0, None),
        (NOTHING_TO_IMPROVE, 0, "Note: Ofsted listed nothing to improve in this document"),
        (POINTS_NOT_READ, 3, "Error: this is an inspection document, but its improvement points could not be read"),
    ],
)
def test_each_points_status_has_its_exit_status_and_message(status, exit_code, message):
    document = ParsedDocument(None, "inspection_report", None, None, None, points_status=status)
    code, said = outcome(document)
    assert code == exit_code
    assert said == message if message is None else said.startswith(message)


def test_a_report_whose_points_cannot_be_read_exits_3_with_a_message_and_its_json(runner):
    """Needs the parser to say "not_read" for an improvement heading followed by prose it cannot split."""
    result = runner.invoke(args=["inspection", "parse", str(UNSPLIT)])
    assert result.exit_code == 3, result.output
    assert "improvement points could not be read" in result.stderr
    data = json.loads(result.stdout)
    assert data["points_status"] == "not_read" and data["improvement_points"] == []
    assert any("return home interviews" in line for line in data["passage"])
