"""Whether a document's council is a given council on the service, however each is written.

"Leicester", "Leicester City Council" and "City of Leicester" are one council; so are "BCP" and
"Bournemouth, Christchurch & Poole Council", "Hull" and "Kingston upon Hull City Council". The rule is the
parser's (tracker/parsing/authorities.py), used here so a name means the same wherever it is read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from tracker.parsing import authorities

T = TypeVar("T")


def _key(name: str) -> str:
    """The place a council is named after, once its official name is known: the same for every spelling."""
    return authorities.short_name(authorities.canonical(authorities.place_of(name)) or name)


def same_council(named: str, council_name: str) -> bool:
    return _key(named) == _key(council_name)


def names_another(named: str | None, council_name: str) -> bool:
    """Whether a document clearly names a council other than this one: a council of England's list (or one
    the trust or board it names runs for). A name that is no council's (a misread line, an invented place
    in a test) is not clear enough to refuse on; the importer is asked to check it instead."""
    if not named or same_council(named, council_name):
        return False
    return authorities.known(authorities.place_of(named))


def official_name(named: str) -> str:
    """The council's official name ("Wokingham" → "Wokingham Borough Council"), or the name as written."""
    return authorities.canonical(authorities.place_of(named)) or named


def find_named(named: str | None, councils: Iterable[tuple[T, str]]) -> T | None:
    """The council of those given (each with its name) that the document names, if any."""
    if not named:
        return None
    return next((council for council, name in councils if same_council(named, name)), None)
