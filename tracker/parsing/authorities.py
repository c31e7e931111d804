"""English councils with children's services, so that "Leeds" in a title becomes "Leeds City Council".

Names are the councils' own, as of 2025, with the former county councils that older reports name.
A name not in the list is kept as the document writes it.
"""

from __future__ import annotations

import re

_COUNCILS = """
Barnsley Metropolitan Borough Council; Bath and North East Somerset Council; Bedford Borough Council;
Birmingham City Council; Blackburn with Darwen Borough Council; Blackpool Council; Bolton Council;
Bournemouth, Christchurch and Poole Council; Bracknell Forest Council;
City of Bradford Metropolitan District Council; Brighton and Hove City Council; Bristol City Council;
Buckinghamshire Council; Bury Council; Calderdale Council; Cambridgeshire County Council;
Central Bedfordshire Council; Cheshire East Council; Cheshire West and Chester Council;
City of London Corporation; Cornwall Council; Coventry City Council; Cumberland Council;
Cumbria County Council; Darlington Borough Council; Derby City Council; Derbyshire County Council;
Devon County Council; City of Doncaster Council; Dorset Council; Dudley Metropolitan Borough Council;
Durham County Council; East Riding of Yorkshire Council; East Sussex County Council; Essex County Council;
Gateshead Council; Gloucestershire County Council; Halton Borough Council; Hampshire County Council;
Hartlepool Borough Council; Herefordshire Council; Hertfordshire County Council; Isle of Wight Council;
Council of the Isles of Scilly; Kent County Council; Kingston upon Hull City Council; Kirklees Council;
Knowsley Metropolitan Borough Council; Lancashire County Council; Leeds City Council;
Leicester City Council; Leicestershire County Council; Lincolnshire County Council; Liverpool City Council;
Luton Borough Council; Manchester City Council; Medway Council; Middlesbrough Council;
Milton Keynes City Council; Newcastle City Council; Norfolk County Council; North East Lincolnshire Council;
North Lincolnshire Council; North Northamptonshire Council; North Somerset Council; North Tyneside Council;
North Yorkshire Council; Northamptonshire County Council; Northumberland County Council;
Nottingham City Council; Nottinghamshire County Council; Oldham Council; Oxfordshire County Council;
Peterborough City Council; Plymouth City Council; Portsmouth City Council; Reading Borough Council;
Redcar and Cleveland Borough Council; Rochdale Borough Council; Rotherham Metropolitan Borough Council;
Rutland County Council; Salford City Council; Sandwell Metropolitan Borough Council; Sefton Council;
Sheffield City Council; Shropshire Council; Slough Borough Council; Solihull Metropolitan Borough Council;
Somerset Council; South Gloucestershire Council; South Tyneside Council; Southampton City Council;
Southend-on-Sea City Council; St Helens Borough Council; Staffordshire County Council;
Stockport Metropolitan Borough Council; Stockton-on-Tees Borough Council; Stoke-on-Trent City Council;
Suffolk County Council; Sunderland City Council; Surrey County Council; Swindon Borough Council;
Tameside Metropolitan Borough Council; Telford and Wrekin Council; Thurrock Council; Torbay Council;
Trafford Council; Wakefield Council; Walsall Council; Warrington Borough Council;
Warwickshire County Council; West Berkshire Council; West Northamptonshire Council;
West Sussex County Council; Westmorland and Furness Council; Wigan Council; Wiltshire Council;
Royal Borough of Windsor and Maidenhead; Wirral Council; Wokingham Borough Council;
City of Wolverhampton Council; Worcestershire County Council; City of York Council;
London Borough of Barking and Dagenham; London Borough of Barnet; London Borough of Bexley;
London Borough of Brent; London Borough of Bromley; London Borough of Camden; London Borough of Croydon;
London Borough of Ealing; London Borough of Enfield; Royal Borough of Greenwich; London Borough of Hackney;
London Borough of Hammersmith and Fulham; London Borough of Haringey; London Borough of Harrow;
London Borough of Havering; London Borough of Hillingdon; London Borough of Hounslow;
London Borough of Islington; Royal Borough of Kensington and Chelsea; Royal Borough of Kingston upon Thames;
London Borough of Lambeth; London Borough of Lewisham; London Borough of Merton; London Borough of Newham;
London Borough of Redbridge; London Borough of Richmond upon Thames; London Borough of Southwark;
London Borough of Sutton; London Borough of Tower Hamlets; London Borough of Waltham Forest;
London Borough of Wandsworth; Westminster City Council
"""

# Other ways documents name a council, keyed as short_name() leaves them.
_ALIASES = {
    "bcp": "Bournemouth, Christchurch and Poole Council",
    "hull": "Kingston upon Hull City Council",
    "southend": "Southend-on-Sea City Council",
    "newcastle upon tyne": "Newcastle City Council",
    "county durham": "Durham County Council",
    "bath and ne somerset": "Bath and North East Somerset Council",
    "london": "City of London Corporation",  # "City of London" once its prefix is taken off
    "windsor and maidenhead": "Royal Borough of Windsor and Maidenhead",
    "kingston": "Royal Borough of Kingston upon Thames",
    "richmond": "London Borough of Richmond upon Thames",
    "isles of scilly": "Council of the Isles of Scilly",
    "east riding": "East Riding of Yorkshire Council",
}

_PREFIX = re.compile(r"^(?:the\s+)?(?:london borough of|royal borough of|council of the|city of)\s+", re.I)
_SUFFIX = re.compile(
    r"\s+(?:(?:metropolitan\s+)?(?:borough|district)\s+council|city\s+council|county\s+council|council"
    r"|corporation|metropolitan\s+district|city|county|borough)$",
    re.I,
)


def short_name(name: str) -> str:
    """The place a council is named after: "London Borough of Barnet" -> "barnet"."""
    name = " ".join(name.replace("&", "and").replace("'", "").replace(".", "").split()).lower()
    name = _PREFIX.sub("", name)
    while (shorter := _SUFFIX.sub("", name)) != name:
        name = shorter
    return name


_BY_SHORT = {short_name(name): name for name in (n.strip() for n in _COUNCILS.split(";")) if name}
_BY_SHORT.update(_ALIASES)


# A body named for the place whose children's services it runs or oversees, rather than the council itself:
# "Bradford Children and Families Trust", "X Children's Services Trust", "X Safeguarding Children Board".
RUNS_SERVICES = (
    r"(?: Children(?:'s| and Families| and Young People's?)?(?: Services)?)? Trust"
    r"|(?: Local)? Safeguarding Children(?:'s)? (?:Board|Partnership)"
)
_RUNS_SERVICES = re.compile(rf"(?:{RUNS_SERVICES})$", re.I)


def place_of(name: str) -> str:
    """The place a trust or board is named for, which is the council's: "X Children's Trust" -> "X"."""
    return _RUNS_SERVICES.sub("", " ".join(name.split())).strip() or name


def canonical(name: str | None) -> str | None:
    """The council's official name when it is known, otherwise the name as written."""
    if not name:
        return None
    name = " ".join(name.split()).strip(" ,.")
    return _BY_SHORT.get(short_name(name), name)


def known(name: str) -> bool:
    return short_name(name) in _BY_SHORT
