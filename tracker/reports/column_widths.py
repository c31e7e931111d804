"""How wide each column of a Word table is, so that no word is broken across lines.

Word (and LibreOffice) lay a fixed table out with the widths they are given and break a word that does not
fit its column ("Independe/nt"). So every column is at least as wide as its longest word, measured in
Arial's widths at the table's size; the width left over goes by the shares the builder chose (Table.widths)
or, where it chose none, by how much text each column holds.
"""

from __future__ import annotations

from collections.abc import Sequence

# Arial's advance widths, in thousandths of the font size, for the characters a paper's tables hold; any
# other character is taken as wide as a capital M, so a word is never measured narrower than it prints.
_NARROW = dict.fromkeys("ijl.,;:'’!|", 278) | dict.fromkeys("ft/()[]-", 333) | {"r": 333, " ": 278}
_LOWER = dict.fromkeys("abcdeghnopqu0123456789", 556) | dict.fromkeys("ksvxyz", 500) | {"m": 833, "w": 722}
_UPPER = dict.fromkeys("ABEKPSVXY", 667) | dict.fromkeys("CDHNRU", 722) | dict.fromkeys("GOQ", 778)
_UPPER |= {"F": 611, "I": 278, "J": 500, "L": 556, "M": 833, "T": 611, "W": 944, "Z": 611, "%": 889, "&": 667}
WIDTHS = _NARROW | _LOWER | _UPPER
WIDEST = 944


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """The printed width of text in points (bold Arial runs about 7% wider)."""
    width = sum(WIDTHS.get(ch, WIDEST) for ch in text) * size_pt / 1000
    return width * 1.07 if bold else width


def longest_word(cells: Sequence[str], size_pt: float, bold: bool = False) -> float:
    return max((text_width(word, size_pt, bold) for cell in cells for word in cell.split()), default=0.0)


def column_widths(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    available_pt: float,
    size_pt: float,
    padding_pt: float,
    shares: Sequence[int] = (),
) -> list[float]:
    """Each column's width in points, adding up to available_pt (more only if the longest words need it)."""
    columns = list(zip(header, *rows, strict=True)) if header else []
    if not columns:
        return []
    minimum = [
        max(longest_word(column[:1], size_pt, bold=True), longest_word(column[1:], size_pt)) + padding_pt
        for column in columns
    ]
    if shares:
        weights = [float(share) for share in shares]
    else:
        # Text per column, damped (square root) so one long narrative column does not starve the others.
        weights = [max(1.0, sum(text_width(cell, size_pt) for cell in column)) ** 0.5 for column in columns]
    return _fit(minimum, weights, available_pt)


def _fit(minimum: list[float], weights: list[float], available: float) -> list[float]:
    """Share `available` by weight, giving any column whose share is below its minimum that minimum."""
    fixed: dict[int, float] = {}
    while True:
        free = [n for n in range(len(minimum)) if n not in fixed]
        room = available - sum(fixed.values())
        total = sum(weights[n] for n in free)
        shares = {n: room * weights[n] / total for n in free} if total and room > 0 else dict.fromkeys(free, 0.0)
        short = [n for n in free if shares[n] < minimum[n]]
        if not short:
            return [fixed.get(n, shares.get(n, 0.0)) for n in range(len(minimum))]
        for n in short:
            fixed[n] = minimum[n]
