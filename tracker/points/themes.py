"""Filing each improvement point under one or more themes from the fixed list (`Theme`), by its words.

Each theme has phrases that signal it, as inspectors write them. A point takes every theme whose
phrases it uses, strongest first, and the themes of the National Framework areas its document
cross-references it with (FRAMEWORK_THEMES); a point with neither is compared with the themes' phrases
by word stems and takes the nearest. Directors can change what was assigned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tracker.models import FrameworkArea, Theme
from tracker.points.similarity import terms

# Patterns are matched against the lower-cased text. Keep them specific: a word that appears in
# points of every kind ("plans" in "pathway plans") belongs to the more specific theme too.
RULES: dict[Theme, tuple[str, ...]] = {
    Theme.MANAGEMENT_OVERSIGHT: (
        r"management oversight",
        r"managers?'? oversight",
        r"\boversight\b",
        r"\bsupervision\b",
        r"management (?:grip|direction|decision)",
        r"(?:frontline|front-line|first-line|team) manage",
        r"managerial",
        r"\brecording\b",
        r"case (?:records|recording|progression)",
        r"\bdrift\b",
    ),
    Theme.ASSESSMENTS: (
        r"\bassessments?\b",
        r"\bassessed\b",
        r"analysis of (?:risk|need)",
        r"family history",
    ),
    Theme.PLANNING: (
        r"\bplans?\b",
        r"\bplanning\b",
        r"contingency",
        r"\breviews? of (?:children's )?plans",
    ),
    Theme.FRONT_DOOR: (
        r"front door",
        r"\bcontacts?\b",
        r"\breferrals?\b",
        r"thresholds?",
        r"\bmash\b",
        r"multi-agency safeguarding hub",
        r"duty and advice",
        r"first response",
        r"initial response",
        r"\bdecision-making (?:at|in) the",
    ),
    Theme.EARLY_HELP: (
        r"early help",
        r"step(?:ped|ping)?[- ]up",
        r"step(?:ped|ping)?[- ]down",
        r"early intervention",
        r"family support",
    ),
    Theme.QUALITY_ASSURANCE: (
        r"\baudits?\b",
        r"\bauditing\b",
        r"quality assurance",
        r"performance (?:management|information|data)",
        r"self-evaluation",
        r"\blearning from\b",
        r"management information",
    ),
    Theme.WORKFORCE: (
        r"workforce",
        r"caseloads?",
        r"workloads?",
        r"recruit",
        r"retention",
        r"agency (?:staff|workers|social workers)",
        r"newly qualified",
        r"staff turnover|turnover of staff",
        r"\bstaffing\b",
        r"(?<!employment or )\btraining\b",
    ),
    Theme.PARTICIPATION: (
        r"participat",
        r"\bvoices?\b",
        r"wishes and feelings",
        r"\bviews\b",
        r"advocacy",
        r"lived experience",
        r"direct work",
        r"children are (?:seen|enabled|involved|listened)",
        r"\bidentit(?:y|ies)\b",
        r"influence (?:the )?decisions",
        r"children's views",
    ),
    Theme.DISABLED_CHILDREN: (r"\bdisab", r"additional needs", r"short breaks?", r"complex needs"),
    Theme.PRIVATE_FOSTERING: (r"private(?:ly)? foster",),
    Theme.CHILDREN_IN_CARE: (
        r"looked[- ]after|\bin care\b",
        r"permanen",
        r"\bplacements?\b",
        r"foster carers?",
        r"\badopt",
        r"reunification",
        r"special guardianship",
        r"\bcare plans?\b",
        r"delegated authority",
    ),
    Theme.CARE_LEAVERS: (
        r"care leavers?",
        r"leaving care",
        r"pathway plans?",
        r"personal advis",
        r"not in education, employment or training",
        r"\bneet\b",
        r"staying (?:put|close)",
        r"transition(?:s|al)? (?:arrangements )?to adult",
        r"adult services",
    ),
    Theme.HEALTH: (
        r"\bhealth\b",
        r"\bmedical\b",
        r"\bcamhs\b",
        r"emotional well-?being",
        r"\bdental\b",
        r"substance misuse",
    ),
    Theme.EDUCATION: (
        r"virtual school",
        r"\beducation\b",
        r"\bschools?\b",
        r"personal education plans?",
        r"\bpeps?\b",
        r"\battendance at school",
        r"exclusions?",
        r"home[- ]educat",
    ),
    Theme.COMMISSIONING: (
        r"commission",
        r"sufficiency",
        r"\bproviders?\b",
        r"\bprovision\b",
        r"spot-purchas",
    ),
    Theme.CORPORATE_PARENTING: (
        r"corporate parent",
        r"elected members",
        r"\bcouncillors?\b",
        r"lead member",
        r"\bscrutiny\b",
    ),
    Theme.COURT: (
        r"pre-proceedings",
        r"public law outline",
        r"\bplo\b",
        r"\bcourts?\b",
        r"care proceedings",
        r"letters? before proceedings",
        r"\bproceedings\b",
        r"\blegal (?:planning|gateway|meeting)",
    ),
    Theme.CHILD_PROTECTION_MEETINGS: (
        r"child protection conferences?",
        r"initial child protection",
        r"review child protection",
        r"strategy (?:meetings?|discussions?)",
        r"section 47",
        r"\bs47\b",
        r"conference chairs?",
        r"child protection chairs?",
        r"core groups?",
    ),
}

# The themes a National Framework area most concerns: every point Ofsted files under the area is about
# these, whatever its words. Only where the area plainly names a theme of the list; an area as broad as the
# whole plan (principle 1: welfare is paramount) or with no theme of its own (family networks, multi-agency
# working) adds none, and the point's words decide. docs/decisions.md gives the reasoning for each.
FRAMEWORK_THEMES: dict[FrameworkArea, tuple[Theme, ...]] = {
    FrameworkArea.OUTCOME_1: (Theme.EARLY_HELP,),
    FrameworkArea.OUTCOME_2: (),
    FrameworkArea.OUTCOME_3: (Theme.CHILD_PROTECTION_MEETINGS,),
    FrameworkArea.OUTCOME_4: (Theme.CHILDREN_IN_CARE, Theme.CARE_LEAVERS),
    FrameworkArea.ENABLER_1: (),
    FrameworkArea.ENABLER_2: (Theme.MANAGEMENT_OVERSIGHT, Theme.QUALITY_ASSURANCE),
    FrameworkArea.ENABLER_3: (Theme.WORKFORCE,),
    FrameworkArea.PRINCIPLE_1: (),
    FrameworkArea.PRINCIPLE_2: (Theme.PARTICIPATION,),
    FrameworkArea.PRINCIPLE_3: (),
    FrameworkArea.PRINCIPLE_4: (),
    FrameworkArea.PRINCIPLE_5: (),
    FrameworkArea.PRINCIPLE_6: (),
}

_COMPILED = {theme: [re.compile(p) for p in patterns] for theme, patterns in RULES.items()}
# For the fallback: each theme's words, from its name and its phrases.
_THEME_TERMS = {
    theme: terms(theme.label + " " + " ".join(re.sub(r"\\b|[^a-z -]", " ", p) for p in patterns))
    for theme, patterns in RULES.items()
}


def theme_scores(text: str) -> dict[Theme, int]:
    """For each theme, how many of its phrases the text uses."""
    lowered = " ".join(text.lower().replace("’", "'").split())
    return {theme: sum(1 for pattern in patterns if pattern.search(lowered)) for theme, patterns in _COMPILED.items()}


def classify(text: str, framework: Iterable[FrameworkArea] = ()) -> list[Theme]:
    """The themes a point belongs to, from its text and its National Framework areas: at least one, the
    text's strongest first, then the framework's."""
    scores = theme_scores(text)
    found = sorted((t for t, s in scores.items() if s), key=lambda t: -scores[t])
    found = list(dict.fromkeys([*found, *(t for area in framework for t in FRAMEWORK_THEMES[area])]))
    # The nearest theme is a guess, made only when neither the words nor the document say.
    return found or [_nearest(text)]


def _nearest(text: str) -> Theme:
    words = terms(text)
    overlap = {theme: sum(min(words[s], 1) for s in stems) for theme, stems in _THEME_TERMS.items()}
    best = max(overlap.values())
    # With nothing in common, the broadest theme: a point about how the service is run.
    return next(t for t in Theme if overlap[t] == best) if best else Theme.MANAGEMENT_OVERSIGHT


# The workstream names councils' plans gave their actions before every action took a theme of the list (the
# seed plan still writes them, as a council's own plan does): each is the theme it means. A name not here
# that is not a theme's label falls to the theme its words suggest (`classify`).
WORKSTREAMS: dict[str, Theme] = {
    "assessment and planning": Theme.ASSESSMENTS,
    "care leavers": Theme.CARE_LEAVERS,
    "child protection": Theme.CHILD_PROTECTION_MEETINGS,
    "children in care": Theme.CHILDREN_IN_CARE,
    "commissioning and sufficiency": Theme.COMMISSIONING,
    "corporate parenting": Theme.CORPORATE_PARENTING,
    "disabled children": Theme.DISABLED_CHILDREN,
    "early help": Theme.EARLY_HELP,
    "front door": Theme.FRONT_DOOR,
    "management oversight": Theme.MANAGEMENT_OVERSIGHT,
    "pre-proceedings and court": Theme.COURT,
    "private fostering": Theme.PRIVATE_FOSTERING,
    "quality assurance": Theme.QUALITY_ASSURANCE,
    "recording and systems": Theme.MANAGEMENT_OVERSIGHT,
    "workforce": Theme.WORKFORCE,
}


def theme_named(name: str) -> Theme:
    """The theme of the list an action's theme as written means: the theme whose label or value it is, the
    one its workstream name stands for, or else the one its words suggest."""
    key = " ".join(name.lower().split())
    for theme in Theme:
        if key in (theme.label.lower(), theme.value):
            return theme
    return WORKSTREAMS.get(key) or classify(name)[0]
