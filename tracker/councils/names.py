"""How a paper names a council: its short place name ("Leeds") and that name in the possessive ("Leeds’").

The default rule lives here once; the authority keeps what it gives (tracker/models/authority.py) and an
operator can change it when the rule gets a council wrong. Plain standard library: the migration that
filled in existing councils uses it too.
"""

from __future__ import annotations

# Longest first, so "Metropolitan Borough Council" goes before "Borough Council" and "Council".
_SUFFIXES = (
    " Metropolitan Borough Council",
    " Metropolitan District Council",
    " County Borough Council",
    " Royal Borough Council",
    " City and County Council",
    " Borough Council",
    " District Council",
    " County Council",
    " City Council",
    " Corporation",
    " Council",
)
_PREFIXES = (
    "Council of the ",
    "London Borough of ",
    "Royal Borough of ",
    "Metropolitan Borough of ",
    "Borough of ",
    "City and County of ",
    "City of ",
)
# Where the prefix is the place's own name: the City of London is not "London".
_WHOLE = {"City of London"}


def default_short_name(name: str) -> str:
    """ "Leeds City Council" → "Leeds"; "London Borough of Tower Hamlets" → "Tower Hamlets"."""
    short = " ".join(name.split())
    for suffix in _SUFFIXES:
        if short.endswith(suffix) and len(short) > len(suffix):
            short = short.removesuffix(suffix)
            break
    if short not in _WHOLE:
        for prefix in _PREFIXES:
            if short.startswith(prefix) and len(short) > len(prefix):
                short = short.removeprefix(prefix)
                break
    return short


def default_possessive(short_name: str) -> str:
    """A name ending in s takes the apostrophe alone (Leeds’, Kirklees’, St Helens’), as those councils
    write their own names; any other takes ’s (Leicestershire’s). See docs/decisions.md."""
    return f"{short_name}’" if short_name.endswith("s") else f"{short_name}’s"
