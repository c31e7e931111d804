"""How alike two passages of inspection text are: TF-IDF over word stems, compared by cosine.

Small and explainable on purpose. The texts compared are short (a recommendation, a paragraph of
findings), the collections are one authority's points, and a director has to be able to see why two
points were linked. Words every Ofsted point uses ("improve", "ensure", "children", "quality") carry no
meaning here and are dropped before comparison.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import snowballstemmer

_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_stemmer = snowballstemmer.stemmer("english")

# English function words, and the vocabulary of any Ofsted point whatever its subject.
_FUNCTION_WORDS = """
    a about above after again against all also although am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has have
    having he her here hers him his how i if in into is it its itself just may me might more most must my no
    nor not now of off on once only or other our out over own same she should so some such than that the their
    theirs them then there these they this those through to too under until up very was we were what when
    where which while who whom why will with within would you your yet still whether
"""
_OFSTED_WORDS = """
    improve improved improvement improvements improving ensure ensuring ensures child children childs young
    people person quality consistent consistently consistency effective effectiveness effectively timely
    timeliness good better well sufficient sufficiently robust local authority authorities service services
    practice practices social work worker workers level levels always never some many most area areas need
    needs needed further continue develop development strengthen make makes making ensure all every across
    including include includes support supported supporting appropriate appropriately clear clearly right time
    times impact
"""
STOP_WORDS = frozenset(_FUNCTION_WORDS.split()) | frozenset(_OFSTED_WORDS.split())


def terms(text: str) -> Counter[str]:
    """The stems of the text's meaningful words, with their counts."""
    words = _WORD.findall(text.lower().replace("’", "'").replace("'s", ""))
    stems = _stemmer.stemWords([w for w in words if w not in STOP_WORDS and len(w) > 2])
    return Counter(stems)


class Vectoriser:
    """TF-IDF weights learnt from a collection, so a stem every text shares counts for little."""

    def __init__(self, texts: Iterable[str]):
        self._counts = [terms(t) for t in texts]
        df = Counter(stem for counts in self._counts for stem in counts)
        n = len(self._counts)
        # Smoothed, as scikit-learn does: a stem in every text still weighs a little.
        self._idf = {stem: math.log((1 + n) / (1 + k)) + 1 for stem, k in df.items()}
        self._default_idf = math.log(1 + n) + 1

    def vector(self, text: str) -> dict[str, float]:
        counts = terms(text)
        return {stem: (1 + math.log(c)) * self._idf.get(stem, self._default_idf) for stem, c in counts.items()}


def cosine(u: dict[str, float], v: dict[str, float]) -> float:
    if not u or not v:
        return 0.0
    if len(u) > len(v):
        u, v = v, u
    dot = sum(weight * v.get(stem, 0.0) for stem, weight in u.items())
    norm = math.sqrt(sum(w * w for w in u.values())) * math.sqrt(sum(w * w for w in v.values()))
    return dot / norm


def similarities(queries: Sequence[str], candidates: Sequence[str]) -> list[list[float]]:
    """similarities(q, c)[i][j]: how alike queries[i] and candidates[j] are, from 0 to 1."""
    vectoriser = Vectoriser([*queries, *candidates])
    cvecs = [vectoriser.vector(c) for c in candidates]
    return [[cosine(vectoriser.vector(q), c) for c in cvecs] for q in queries]
