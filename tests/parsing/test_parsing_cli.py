"""`python -m tracker.parsing PATH`, and the package's independence from Flask."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seed" / "documents" / "000_fa815bd9a06c470f.txt"


def run(*args):
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_prints_the_reading_as_json():
    result = run("-m", "tracker.parsing", str(SEED))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert list(out) == [
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
    ]
    assert out["visit_start"] == "2022-12-13"
    assert out["improvement_points"][0] == {
        "kind": "what_needs_to_improve",
        "number": 1,
        "text": "The quality and effectiveness of management oversight in the duty and advice team.",
        "framework": [],
    }
    assert out["points_status"] == "found"


def test_bad_document_gives_the_message_and_exit_status_1(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"not a pdf at all")
    result = run("-m", "tracker.parsing", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == "The file is named .pdf but is not a PDF document"


def test_the_parser_needs_no_flask():
    # Flask and SQLAlchemy made unimportable: the parser (and the package above it) must not need them.
    code = (
        "import sys\n"
        "sys.modules['flask'] = sys.modules['sqlalchemy'] = None\n"
        "from tracker.parsing import parse_file\n"
        f"print(parse_file({str(SEED)!r}).authority)\n"
    )
    result = run("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Leicester City Council"


def test_the_document_reader_starts_without_the_app():
    # The sandbox starts tracker.parsing.worker for every upload: loading the app too would cost each one
    # about a second of CPU (tracker/__init__.py says why it is empty).
    code = "import sys, tracker.parsing.worker\nprint(sorted(m for m in ('flask', 'sqlalchemy') if m in sys.modules))"
    result = run("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
