"""National Framework cross-references at the end of an improvement point.

From 2025 Ofsted ends each area for improvement with the part of the Children's Social Care: National
Framework it most concerns, written many ways:

    (outcome 2, national framework)            (Outcome two, National Framework)
    (National Framework outcome four)          (Outcome 3)
    (enabler 2, leaders drive conditions for effective practice)
    (enabler: the workforce is equipped and effective, national framework)
    (Enabler three: National Framework.)       (outcome 1 and enabler 2, national framework)
    … lived experience. Enabler three: National Framework.

split_reference takes the reference off the point's text and gives the FrameworkArea values it names.
A bracket that mentions the framework but names no area we can tell is left in the text, so nothing a
report says is lost.
"""

from __future__ import annotations

import re

from tracker.vocabulary import FrameworkArea

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_NUMBER = r"(?:\d|one|two|three|four|five|six)"
# The last bracket of a point, with a full stop inside or after it: "… plans. (outcome 2, national framework)".
_TRAILING_BRACKET = re.compile(r"\s*\(([^()]{1,240})\)\s*([.;]?)\s*$")
# Or a sentence of its own, without brackets: "… lived experience. Enabler three: National Framework."
# Only one that names the framework, so that a point's own last sentence is never taken for a reference.
_TRAILING_SENTENCE = re.compile(
    r"[.?!]\s+((?:outcomes?|enablers?|principles?)\b[^.()]{0,120}?\bnational\s+framework)\s*\.?\s*$", re.I
)
_PART = re.compile(r"\b(outcome|enabler|principle)s?\b", re.I)
# One part with its numbers: "outcome 2", "outcomes 1 and 3", "enabler three".
_PART_NUMBERS = re.compile(
    rf"\b(outcome|enabler|principle)s?\s*:?\s*({_NUMBER}(?:\s*(?:,|and|&)\s*{_NUMBER})*)\b", re.I
)
_STARTS_AS_REFERENCE = re.compile(
    r"^\s*(?:(?:the\s+)?national\s+framework,?\s*)?(?:outcome|enabler|principle)s?\b", re.I
)
_WORD = re.compile(r"[a-z']+")
# Words too common in the labels to tell one area from another.
_COMMON = {"and", "the", "are", "is", "of", "in", "to", "for", "with", "their", "children", "young", "people"}
_LOOSE_MATCH = 0.6  # share of a label's telling words a title must contain


def split_reference(text: str) -> tuple[str, tuple[str, ...]]:
    """The point's text without its trailing framework reference(s), and the areas named, in order."""
    areas: list[str] = []
    while match := _TRAILING_BRACKET.search(text):
        found = areas_named(match.group(1))
        if not found:
            break
        areas[:0] = [area for area in found if area not in areas]
        before = text[: match.start()].rstrip()
        # "… for children (outcome 3, national framework)." keeps the sentence's full stop.
        if match.group(2) and before and not re.search(r"[.?!;:]$", before):
            before += match.group(2)
        text = before
    if not areas and (match := _TRAILING_SENTENCE.search(text)):
        areas = areas_named(match.group(1))
        if areas:
            text = text[: match.start() + 1]
    return text, tuple(areas)


def areas_named(reference: str) -> list[str]:
    """The FrameworkArea values a bracket's words name; [] when it is not a framework reference."""
    words = " ".join(reference.split())
    parts = _PART.findall(words)
    if not parts:
        return []
    areas: list[str] = []
    for match in _PART_NUMBERS.finditer(words):
        part = match.group(1).lower()
        for number in re.findall(_NUMBER, match.group(2), re.I):
            value = f"{part}_{_NUMBER_WORDS.get(number.lower(), number)}"
            if value in FrameworkArea._value2member_map_ and value not in areas:
                areas.append(value)
    if not areas:
        # "(enabler: leaders drive conditions for effective practice, national framework)": a title, no number.
        area = _by_title(words, parts[0].lower())
        if area:
            areas.append(area)
    # A reference starts with the part ("(Outcome 3)", "(National Framework outcome four)"); a bracket that
    # mentions outcomes in passing ("(see the outcomes below)") is the point's own words.
    return areas if _STARTS_AS_REFERENCE.match(words) else []


def _by_title(words: str, part: str) -> str | None:
    said = set(_WORD.findall(words.lower().replace("’", "'")))
    best, best_score = None, 0.0
    for area in FrameworkArea:
        if area.part.lower() != part:
            continue
        telling = [w for w in _WORD.findall(area.label.lower().replace("’", "'")) if w not in _COMMON]
        score = sum(w in said for w in telling) / len(telling) if telling else 0.0
        if score > best_score:
            best, best_score = area.value, score
    return best if best_score >= _LOOSE_MATCH else None
