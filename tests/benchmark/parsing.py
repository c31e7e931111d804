"""The parse time of real Ofsted PDFs: every PDF in the archive folder, read in this process by the parser
(`parse_bytes` is `parse_text(extract_text(...))`; the two steps are timed apart), in CPU time
(time.process_time), so that neither process start-up nor the shared machine's other work counts."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from tracker.parsing import DocumentError, parse_text
from tracker.parsing.extract import extract_text

PROJECT = Path(__file__).resolve().parent.parent.parent
# The team's archive of real Ofsted PDFs, beside the project (REFERENCE ONLY: never copied into it).
ARCHIVE = Path("..") / "shared" / "corpus" / "archive"
SLOWEST = 3


@dataclass(frozen=True)
class ParseTimes:
    folder: Path
    documents: int
    refused: int
    parse_s: list[float]  # extraction and the rest, per document read, in the folder's order
    extract_s: list[float]
    slowest: list[tuple[str, float]]

    @property
    def extract_share(self) -> float:
        return sum(self.extract_s) / sum(self.parse_s)


def archive_folder(setting: str | Path) -> Path:
    """The setting as given, relative to the project's root unless absolute."""
    path = Path(setting)
    return (path if path.is_absolute() else PROJECT / path).resolve()


def measure(folder: Path) -> ParseTimes | None:
    """None when the folder holds no PDF (it is not there, on most machines but the team's)."""
    files = sorted(folder.glob("*.pdf")) if folder.is_dir() else []
    if not files:
        return None
    parse_text(extract_text(files[0].read_bytes(), files[0].name))  # the readers' imports are not timed
    parse_s: list[float] = []
    extract_s: list[float] = []
    named: list[tuple[str, float]] = []
    refused = 0
    for path in files:
        data = path.read_bytes()
        started = time.process_time()
        try:
            text = extract_text(data, path.name)
            extracted = time.process_time()
            parse_text(text)
        except DocumentError:
            refused += 1  # the sweep (../shared/tools/sweep-parser) says why; here only time counts
            continue
        finished = time.process_time()
        parse_s.append(finished - started)
        extract_s.append(extracted - started)
        named.append((path.name, finished - started))
    named.sort(key=lambda item: -item[1])
    return ParseTimes(folder, len(files), refused, parse_s, extract_s, named[:SLOWEST])


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(times: ParseTimes | None, folder: Path) -> list[str]:
    """Markdown lines for docs/performance.md (and the console)."""
    if times is None:
        return [f"The archive of Ofsted PDFs is not at {folder}: the parse time was not measured.", ""]
    beyond = [total - extract for total, extract in zip(times.parse_s, times.extract_s, strict=True)]
    rows = [("Whole parse (parse_bytes)", times.parse_s), ("Text extraction (PDFium)", times.extract_s)]
    rows.append(("The rest (cleanup, blocks, sections, metadata)", beyond))
    lines = [
        f"{len(times.parse_s)} of the {times.documents} PDFs in {times.folder} read "
        f"({times.refused} refused); CPU seconds per document, in one process, start-up excluded. "
        f"Extraction is {times.extract_share:.0%} of the parse's CPU. Target: median at most 0.3 s.",
        "",
        "| | median s | p95 s | max s |",
        "|---|---|---|---|",
    ]
    for name, values in rows:
        lines.append(
            f"| {name} | {statistics.median(values):.3f} | {percentile(values, 0.95):.3f} | {max(values):.3f} |"
        )
    slowest = ", ".join(f"{name} {seconds:.3f} s" for name, seconds in times.slowest)
    return [*lines, "", f"Slowest: {slowest}.", ""]
