"""Dates as inspection documents write them: "13 and 14 December 2022", "19 June to 13 July 2017", and in
2014–16 reports' front pages "1/06/2015 – 25/06/2015" (always day first, as British documents write them)."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
# "the 15 and 16 of May 2018": a day may be followed by "of".
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?"
DATE = re.compile(rf"\b({_DAY})\s+({_MONTH}),?\s+(\d{{4}})\b", re.I)
# Day, month and year in figures, separated by "/" or ".": "1/06/2015", "01.06.2015".
_FIGURES = r"(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})"
NUMERIC = re.compile(rf"(?<![\d/.]){_FIGURES}(?![\d/.]\d)")
NUMERIC_RANGE = re.compile(
    rf"(?<![\d/.]){_FIGURES}(?:,?\s+(?:to|and|until|till|through)\s+|\s*[-–—]\s*){_FIGURES}(?![\d/.]\d)", re.I
)
# A visit letter may leave out the year of a visit a few weeks before it: "on 13 and 14 July."
YEARLESS_RANGE = re.compile(
    rf"\b(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH}))?(?:\s*,\s*{_DAY})*"
    rf"(?:,?\s+(?:to|and|until|till|through)\s+|\s*[-–—]\s*)"
    rf"(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})(?!,?\s+\d)",
    re.I,
)
# "19 June to 13 July 2017", "13 and 14 December 2022", "11, 12 and 13 June 2019", "30 Nov 2020 - 4 Dec 2020"
RANGE = re.compile(
    rf"\b(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH})(?:,?\s+(?P<y1>\d{{4}}))?)?(?:\s*,\s*{_DAY})*"
    rf"(?:,?\s+(?:to|and|until|till|through)\s+|\s*[-–—]\s*)"
    rf"(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}),?\s+(?P<y2>\d{{4}})\b",
    re.I,
)


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _dates(text: str) -> list[tuple[int, int, date]]:
    """(start, end, date) of every single date, written in words or in figures."""
    found = [
        (m.start(), m.end(), d)
        for m in DATE.finditer(text)
        if (d := make_date(int(m.group(3)), _month(m.group(2)), _day(m.group(1))))
    ]
    found += [
        (m.start(), m.end(), d)
        for m in NUMERIC.finditer(text)
        if (d := make_date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
    ]
    return sorted(found, key=lambda item: item[0])


def first_date(text: str) -> date | None:
    found = _dates(text)
    return found[0][2] if found else None


def date_ranges(text: str) -> list[tuple[int, date, date]]:
    """(position, start, end) for every date or date range in the text; a single date is its own range."""
    found: list[tuple[int, date, date]] = []
    taken: list[tuple[int, int]] = []
    for m in RANGE.finditer(text):
        y2, m2 = int(m.group("y2")), _month(m.group("m2"))
        end = make_date(y2, m2, _day(m.group("d2")))
        m1 = _month(m.group("m1")) if m.group("m1") else m2
        y1 = int(m.group("y1")) if m.group("y1") else (y2 - 1 if m1 > m2 else y2)
        start = make_date(y1, m1, _day(m.group("d1")))
        if _visit_length(start, end):
            found.append((m.start(), start, end))
            taken.append(m.span())
    for m in NUMERIC_RANGE.finditer(text):
        start = make_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        end = make_date(int(m.group(6)), int(m.group(5)), int(m.group(4)))
        if _visit_length(start, end):
            found.append((m.start(), start, end))
            taken.append(m.span())
    for position, _, single in _dates(text):
        if not any(a <= position < b for a, b in taken):
            found.append((position, single, single))
    return sorted(found, key=lambda item: item[0])


def yearless_range(text: str, dated: date) -> tuple[date, date] | None:
    """The first "13 and 14 July" in the text, placed in the twelve months up to `dated`, the letter's date."""
    for m in YEARLESS_RANGE.finditer(text):
        m2 = _month(m.group("m2"))
        m1 = _month(m.group("m1")) if m.group("m1") else m2
        y2 = dated.year if m2 <= dated.month else dated.year - 1
        y1 = y2 - 1 if m1 > m2 else y2
        start, end = make_date(y1, m1, _day(m.group("d1"))), make_date(y2, m2, _day(m.group("d2")))
        if _visit_length(start, end):
            return start, end
    return None


def _visit_length(start: date | None, end: date | None) -> bool:
    """An inspection lasts days or weeks; anything else is two unrelated dates."""
    return bool(start and end and 0 <= (end - start).days <= 62)
