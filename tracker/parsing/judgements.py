"""Graded judgements, from tables in any of the shapes extraction leaves them in.

  - a table row: "Area<TAB>Grade" (Word tables, text saved from Word);
  - one line: "2.2 Experiences and progress of care leavers Good" (a PDF table read row by row);
  - flattened: the area on one or more lines, then the grade on its own line(s) (read cell by cell);
  - a section heading: "The experiences and progress of children in care: good".
Overall effectiveness may be a sentence: "Children's services in Leicester require improvement to be good".
"""

from __future__ import annotations

import re

from tracker.parsing.blocks import BULLET, Block
from tracker.parsing.cleanup import PAGE_BREAK
from tracker.parsing.model import Judgement

_GRADE = r"outstanding|good|adequate|inadequate|requires?\s+improvement(?:\s+to\s+be\s+good)?"
_GRADE_LINE = re.compile(rf"^(?:{_GRADE})\.?$", re.I)
# On one line with its area, a grade is capitalised as in a table cell.
_AREA_THEN_GRADE = re.compile(
    r"^(.*?\S)\s+(Outstanding|Good|Adequate|Inadequate|Requires improvement(?: to be good)?)$"
)
# "Overall effectiveness – Good" is a list item, read in its context by _stated_grades, not a table row.
_LISTED = re.compile(r"[:–-]$")
_AREA_COLON_GRADE = re.compile(rf"^(.{{8,120}}?)\s*(?::|\s[–-])\s*({_GRADE})\.?$", re.I)
_GRADE_HEAD = re.compile(r"\brequires?(?:\s+improvement(?:\s+to(?:\s+be)?)?)?$", re.I)
_GRADE_TAIL = re.compile(r"^(?:improvement(?:\s+to\s+be\s+good)?|to\s+be\s+good|be\s+good|good)\.?$", re.I)
_NUMBERED_GRADE = re.compile(r"\bgrade\s*[1-4]\s*[:(–-]?\s*(outstanding|good|adequate|inadequate)\s*\)?\.?$", re.I)
_TABLE_HEADER = re.compile(r"^judgements?(?:\s+grades?)?$|^grades?$", re.I)
_NUMBERING = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+")

_SIF_OVERALL = re.compile(
    r"(?i:children's services) in (?:the )?[A-Z][\w ,&'-]{1,60}? (?:are|is|requires?) "
    r"(outstanding|good|inadequate|adequate|improvement to be good)",
)
# 2013–2015 reports: "The overall judgement is that children's services require improvement", or just
# "The overall judgement is inadequate" / "… is requires improvement".
_OVERALL_JUDGEMENT = re.compile(
    r"overall judgement is (?:that (?:the )?(?:[\w' ]{0,40}? )?children's services? (?:are|is|requires?) |requires )?"
    r"(outstanding|good|inadequate|adequate|improvement(?: to be good)?)\b",
    re.I,
)
_STATED_OVERALL = re.compile(
    rf"overall effectiveness[^.]{{0,120}}?\b(?:has been|have been|is|was|were) (?:judged|graded|rated|found)"
    rf" (?:to be |as )?['\"]?({_GRADE})",
    re.I,
)
_PAST = re.compile(r"\b(?:previous|previously|last|prior|since|earlier)\b", re.I)
_EARLIER = re.compile(rf"{_PAST.pattern}|\b(?:19|20)\d\d\b", re.I)

# What each judgement area is about, most specific first, so that one area found twice is kept once.
_AREA_KEYS = (
    ("overall", r"overall effectiveness"),
    ("capacity", r"capacity for improvement|capacity to improve"),
    ("leaders", r"impact of leaders|leadership"),
    ("help", r"help and protection"),
    ("care_and_leavers", r"(?:children in care|looked after).*care leavers"),
    ("adoption", r"adoption"),
    ("leavers", r"care leavers|leaving care"),
    ("in_care", r"children in care|looked after|permanence"),
)


def area_key(area: str) -> str | None:
    for key, pattern in _AREA_KEYS:
        if re.search(pattern, area, re.I):
            return key
    return None


def normal_grade(grade: str) -> str:
    grade = " ".join(grade.lower().split()).rstrip(".")
    if "improvement" in grade:
        return "Requires improvement to be good"
    return grade.capitalize()


def find_judgements(lines: list[str], blocks: list[Block], text: str) -> tuple[list[Judgement], str | None]:
    """Judgements (without overall effectiveness) and the overall effectiveness grade."""
    found: dict[str, Judgement] = {}
    for area, grade, trusted in _table_rows(lines) + _stated_grades(blocks):
        area = _NUMBERING.sub("", BULLET.sub("", " ".join(area.split()))).strip(" .:")
        key = area_key(area) or (area.lower() if trusted else None)
        if key and len(area) >= 5 and key not in found:
            found[key] = Judgement(area, normal_grade(grade))
    overall = found.pop("overall", None)
    return list(found.values()), overall.grade if overall else _overall_sentence(text)


def _table_rows(raw_lines: list[str]) -> list[tuple[str, str, bool]]:
    """(area, grade, trusted) where trusted means the row sits in an explicit table."""
    lines = _mend_grades([_plain_grade(line.strip()) for line in raw_lines if line.strip() and line != PAGE_BREAK])
    rows: list[tuple[int, str, str, bool]] = []
    table_until = -1  # lines up to this index follow a "Judgement / Grade" header
    for i, line in enumerate(lines):
        if _TABLE_HEADER.match(line) or re.match(r"^judgements?\s+grades?$", line.replace("\t", " "), re.I):
            table_until = i + 40
            continue
        in_table = i <= table_until
        if "\t" in line:
            cells = [cell.strip() for cell in line.split("\t") if cell.strip()]
            # With columns for this and an earlier inspection, the last column is the latest grade.
            if len(cells) >= 2 and _GRADE_LINE.match(cells[-1]):
                rows.append((i, cells[0], cells[-1], True))
        elif _GRADE_LINE.match(line):
            if area := _area_before(lines, i):
                rows.append((i, area, line, in_table))
        elif (m := _AREA_THEN_GRADE.match(line)) and len(line) <= 140 and not _LISTED.search(m.group(1)):
            area = m.group(1)
            if area[:1].islower() and i and not _GRADE_LINE.match(lines[i - 1]):
                area = f"{lines[i - 1]} {area}"  # the area wrapped onto this line
            rows.append((i, area, m.group(2), in_table))
    # Three or more "Area Grade" lines in a row are a table even without a header.
    in_run = _runs_of_three(sorted(row[0] for row in rows))
    return [(area, grade, trusted or i in in_run) for i, area, grade, trusted in rows]


def _plain_grade(line: str) -> str:
    """ "Overall effectiveness Grade 3 (adequate)", as 2009–2012 reports grade, with the grade's word alone."""
    if m := _NUMBERED_GRADE.search(line):
        return f"{line[: m.start()]}{m.group(1).capitalize()}".strip()
    return line


def _runs_of_three(indices: list[int]) -> set[int]:
    runs: list[list[int]] = []
    for i in indices:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return {i for run in runs if len(run) >= 3 for i in run}


def _mend_grades(lines: list[str]) -> list[str]:
    """Rejoin a grade wrapped in its table cell: "Requires improvement" / "to be good"."""
    mended: list[str] = []
    for line in lines:
        if mended and _GRADE_TAIL.match(line) and (m := _GRADE_HEAD.search(mended[-1])):
            joined = f"{m.group(0)} {line}"
            if re.match(rf"^(?:{_GRADE})\.?$", joined, re.I):
                mended[-1] = f"{mended[-1]} {line}"
                continue
        mended.append(line)
    return mended


def _area_before(lines: list[str], i: int) -> str | None:
    """The area cell above a grade cell: one to three lines, back to the line that starts it."""
    parts: list[str] = []
    j = i - 1
    while j >= 0 and len(parts) < 3:
        line = lines[j]
        if _GRADE_LINE.match(line) or _TABLE_HEADER.match(line):
            break
        if len(line) > 120:
            break
        parts.insert(0, line)
        if not line[:1].islower():
            break
        j -= 1
    return " ".join(parts) if parts and not parts[0][:1].islower() else None


def _stated_grades(blocks: list[Block]) -> list[tuple[str, str, bool]]:
    """ "The experiences and progress of children in care: good" as a heading, paragraph or bullet."""
    rows = []
    earlier = False  # inside a list that gives a previous inspection's judgements
    for block in blocks:
        if block.kind in ("heading", "row"):
            earlier = False
            continue
        if block.text.endswith(":"):
            earlier = bool(_PAST.search(block.text))
            continue
        m = _AREA_COLON_GRADE.match(block.text) if len(block.text) <= 160 else None
        if m and not earlier:
            rows.append((m.group(1), m.group(2), False))
        elif not m:
            earlier = False
    return rows


def _overall_sentence(text: str) -> str | None:
    flat = " ".join(text.split())
    if m := _OVERALL_JUDGEMENT.search(flat):
        return normal_grade(m.group(1) if "improvement" not in m.group(1) else "requires improvement")
    if m := _SIF_OVERALL.search(flat):
        grade = m.group(1)
        return normal_grade(grade if grade != "improvement to be good" else "requires improvement")
    for m in _STATED_OVERALL.finditer(flat):
        sentence_start = flat.rfind(".", 0, m.start()) + 1
        sentence_end = flat.find(".", m.end())
        # "In 2023, overall effectiveness was judged inadequate": an earlier inspection's grade, which a
        # report with no overall grade of its own (ILACS from 2026) must not take for one.
        if not _EARLIER.search(flat[sentence_start : sentence_end if sentence_end >= 0 else len(flat)]):
            return normal_grade(m.group(1))
    return None
