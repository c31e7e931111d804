"""Dates as inspection documents write them: "13 and 14 December 2022", "19 June to 13 July 2017"."""

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
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
DATE = re.compile(rf"\b({_DAY})\s+({_MONTH}),?\s+(\d{{4}})\b", re.I)
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


def first_date(text: str) -> date | None:
    for m in DATE.finditer(text):
        found = make_date(int(m.group(3)), _month(m.group(2)), _day(m.group(1)))
        if found:
            return found
    return None


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
        # An inspection lasts days or weeks; anything else is two unrelated dates.
        if start and end and 0 <= (end - start).days <= 62:
            found.append((m.start(), start, end))
            taken.append(m.span())
    for m in DATE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        single = make_date(int(m.group(3)), _month(m.group(2)), _day(m.group(1)))
        if single:
            found.append((m.start(), single, single))
    return sorted(found, key=lambda item: item[0])
