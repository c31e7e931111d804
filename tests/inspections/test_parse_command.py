"""`flask --app wsgi inspection parse PATH`: the parser's JSON, or a clear message and a non-zero exit."""

import json

import pytest

from tests.helpers.paths import SEED_DOCUMENTS


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def test_parse_prints_the_documents_json(runner):
    result = runner.invoke(args=["inspection", "parse", str(SEED_DOCUMENTS / "003_7af7db97a7e57556.txt")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {
        "authority",
        "doc_type",
        "visit_start",
        "visit_end",
        "published",
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
