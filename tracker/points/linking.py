"""Finding which points are alike: a finding and the recommendation it supports, a weakness raised twice.

Both compare texts by their words (TF-IDF, tracker/points/similarity.py); the supporting paragraphs also
by their themes, which act as synonyms ("care plans" and "timescales for action" are both planning).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.models import Theme
from tracker.points.similarity import Vectoriser, cosine
from tracker.points.themes import theme_scores

# Two points of the same authority with a theme in common and texts at least this alike are taken to
# be the same weakness raised again. Judged on the seeds and the corpus: pairs above it read as the
# same weakness ("management oversight in the duty and advice team" and "frontline management
# oversight across all teams", 0.4); pairs below it share a theme but not the problem.
RECURRENCE_THRESHOLD = 0.3

# How much the themes count beside the words when matching a finding to its recommendation.
THEME_WEIGHT = 0.2

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class PointText:
    key: int
    text: str
    themes: frozenset[Theme]


def recurrences(new: Sequence[PointText], earlier: Sequence[PointText]) -> list[tuple[int, int, float]]:
    """(new key, earlier key, similarity) for each pair that is the same weakness raised again."""
    vectoriser = Vectoriser([p.text for p in (*new, *earlier)])
    earlier_vectors = [(p, vectoriser.vector(p.text)) for p in earlier]
    found = []
    for point in new:
        vector = vectoriser.vector(point.text)
        for other, other_vector in earlier_vectors:
            if not point.themes & other.themes:
                continue
            score = cosine(vector, other_vector)
            if score >= RECURRENCE_THRESHOLD:
                found.append((point.key, other.key, round(score, 3)))
    return found


def best_matches(paragraphs: Sequence[str], points: Sequence[str]) -> list[tuple[int, float] | None]:
    """For each paragraph of findings, the index of the point it most resembles and how much (None if none).

    A paragraph's first sentence states its finding and the rest gives examples, so it counts twice.
    """
    if not points:
        return [None] * len(paragraphs)
    vectoriser = Vectoriser([*paragraphs, *points])
    point_vectors = [vectoriser.vector(p) for p in points]
    point_themes = [_theme_vector(p) for p in points]
    matches: list[tuple[int, float] | None] = []
    for paragraph in paragraphs:
        first = _SENTENCE_END.split(paragraph.strip(), maxsplit=1)[0]
        words = vectoriser.vector(f"{paragraph} {first}")
        themes = _theme_vector(paragraph)
        scores = [
            (1 - THEME_WEIGHT) * cosine(words, pv) + THEME_WEIGHT * cosine(themes, pt)
            for pv, pt in zip(point_vectors, point_themes, strict=True)
        ]
        best = max(range(len(points)), key=scores.__getitem__)
        # Nothing in common with any point: better unlinked than pinned to the first.
        matches.append((best, round(scores[best], 3)) if scores[best] > 0 else None)
    return matches


def _theme_vector(text: str) -> dict[str, float]:
    return {theme.value: float(score) for theme, score in theme_scores(text).items() if score}
