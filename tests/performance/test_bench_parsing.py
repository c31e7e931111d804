"""The bench's parse time (tests/benchmark/parsing.py): every PDF of a folder read and timed, refusals counted,
and a plain sentence when the archive is not there. No time is asserted: only what is measured and shown."""

import shutil
from pathlib import Path

from tests.benchmark import parsing, report

DOCUMENTS = Path(__file__).resolve().parent.parent / "parsing" / "documents"


def test_every_pdf_in_the_folder_is_parsed_and_a_refusal_is_counted(tmp_path):
    for name in ("ilacs_ashcombe.pdf", "sif_tamberley_marked.pdf"):
        shutil.copy(DOCUMENTS / name, tmp_path / name)
    (tmp_path / "zz_damaged.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    (tmp_path / "notes.txt").write_text("not a PDF: not read")

    times = parsing.measure(tmp_path)

    assert times is not None
    assert (times.documents, times.refused, len(times.parse_s), len(times.extract_s)) == (3, 1, 2, 2)
    assert {name for name, _ in times.slowest} == {"ilacs_ashcombe.pdf", "sif_tamberley_marked.pdf"}
    lines = parsing.summary(times, tmp_path)
    assert lines[0].startswith(f"2 of the 3 PDFs in {tmp_path} read (1 refused)")
    assert [line.split(" |")[0] for line in lines if line.startswith("| ") and "median" not in line] == [
        "| Whole parse (parse_bytes)",
        "| Text extraction (PDFium)",
        "| The rest (cleanup, blocks, sections, metadata)",
    ]


def test_without_the_archive_the_bench_says_so_and_measures_the_rest(tmp_path):
    missing = tmp_path / "no-archive"
    assert parsing.measure(missing) is None
    lines = parsing.summary(None, missing)
    path = tmp_path / "performance.md"
    report.write(path, {}, {}, 100, [], lines)
    assert f"The archive of Ofsted PDFs is not at {missing}: the parse time was not measured." in path.read_text()


def test_the_archive_setting_is_relative_to_the_project():
    assert parsing.archive_folder("../shared/corpus/archive") == (parsing.PROJECT.parent / "shared/corpus/archive")
    assert parsing.archive_folder("/srv/ofsted") == Path("/srv/ofsted")
