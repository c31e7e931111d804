"""Passwords as the NCSC advises: long allowed, no composition rules, common ones refused, slowly hashed.

"Common" is judged by zxcvbn (Dropbox's estimator, kept as a Python package): its lists of common
and breached passwords, words, names, keyboard walks, repeats and dates, and the person's own details
(email, name, job title, council), which make a guessable password however long it is.
"""

from __future__ import annotations

import re

from werkzeug.security import generate_password_hash
from zxcvbn import zxcvbn

MIN_LENGTH = 12
MAX_LENGTH = 1000
# zxcvbn scores 0–4; 3 means at least 10^8 guesses (“safely unguessable” online, with throttling).
MIN_SCORE = 3
# zxcvbn judges at most 72 characters (its effort grows with length); a longer one is judged by those.
_JUDGED = 72


def details(email: str, name: str | None, job_title: str, council: str | None) -> list[str]:
    """What a password must not be built from: the person's own details and their council's name."""
    return [email, name or "", job_title, council or ""]


def problem(password: str, *, about: list[str]) -> str | None:
    """Why this password will not do, as a sentence for the person choosing it; None if it will."""
    if len(password) < MIN_LENGTH:
        return f"Password must be {MIN_LENGTH} characters or more"
    if len(password) > MAX_LENGTH:
        return f"Password must be {MAX_LENGTH} characters or fewer"
    own = {w for text in about if text for w in re.findall(r"[a-z]+", text.lower())}
    letters = re.findall(r"[a-z]+", password.lower())
    made_of_own_details = bool(letters) and all(w in own for w in letters)
    if made_of_own_details or zxcvbn(password[:_JUDGED], user_inputs=[*about, *own])["score"] < MIN_SCORE:
        return (
            "Choose a password that is harder to guess: this one is a common password, or too like one, "
            "or uses your own details. Three or four random words together work well"
        )
    return None


def hashed(password: str) -> str:
    """A salted scrypt hash (Werkzeug's default), slow on purpose."""
    return generate_password_hash(password)
