"""How many failed attempts are allowed before signing in pauses, and whose failures count together.

Signing in follows OWASP's "Slow Down Online Guessing Attacks with Device Cookies":
- A browser holding a valid device cookie for the email being tried (it has signed in to that account
  before: tracker/auth/devices.py) is judged only by its own failures: 5 in 15 minutes, then that browser
  is paused. Nobody else's guesses count against it, however many and from wherever, the same office
  address included, so a stranger cannot lock the real person out.
- Any other attempt (an untrusted client) pauses after 5 failures for an email from one address, 20 for
  it from anywhere, or 30 from one address over all emails: guessing one person's password is slow from
  one address and from many, and so is trying one password on many accounts.
- Two-factor codes: 5 wrong in 15 minutes per person; the signed-in password check: 5 per person.
Only failures count: a success is never throttled. The email's key is the address as the application
reads it (control characters stripped, lower case), whether or not such an account exists, so the
throttle says nothing about which addresses have accounts. Counts are kept where RATELIMIT_STORAGE_URI
says: memory for one process, Redis when several processes or instances serve the app, so that all of
them count together.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Response, session
from flask_login import current_user
from limits import RateLimitItem, parse

from tracker.auth import devices
from tracker.extensions import limiter
from tracker.text import clean_text

DEVICE_LIMIT = parse("5 per 15 minutes")
ACCOUNT_FROM_ADDRESS_LIMIT = parse("5 per 15 minutes")
ACCOUNT_LIMIT = parse("20 per 15 minutes")
ADDRESS_LIMIT = parse("30 per 15 minutes")
# The code step and the password check keep Flask-Limiter's decorators (one limit each, one key each).
CODE_LIMIT = "5 per 15 minutes"
PASSWORD_CHECK_LIMIT = "5 per 15 minutes"

# Before every key in the store, apart from Flask-Limiter's own.
NAMESPACE = "sign-in"


def account_key(email: str | None) -> str:
    """The email as an account key: cleaned, lower case, spaces collapsed (one address, however typed)."""
    return " ".join((clean_text(email) or "").lower().split())[:254]


@dataclass(frozen=True)
class Allowance:
    """One count of failures and its limit."""

    name: str  # what is counted: in the log and, for an account's pause, the audit trail
    limit: RateLimitItem
    key: tuple[str, ...]

    @property
    def about_account(self) -> bool:
        """Whether pausing it pauses an account (or its device), rather than an address."""
        return self.name != "address"

    def _identifiers(self) -> tuple[str, ...]:
        return (NAMESPACE, self.name, *self.key)

    def used_up(self) -> bool:
        return not limiter.limiter.test(self.limit, *self._identifiers())

    def count(self) -> None:
        limiter.limiter.hit(self.limit, *self._identifiers())


def allowances(email: str | None, address: str, password: str | None) -> list[Allowance]:
    """What a sign-in attempt for this email from this address is judged by: the device's own allowance
    when it brings a valid device cookie for the email and its present password (a devices.password_mark),
    otherwise the three that hold untrusted clients."""
    account = account_key(email)
    device = devices.nonce_for(account, password)
    if device:
        return [Allowance("device", DEVICE_LIMIT, (device,))]
    return [
        Allowance("account from address", ACCOUNT_FROM_ADDRESS_LIMIT, (account, address)),
        Allowance("account", ACCOUNT_LIMIT, (account,)),
        Allowance("address", ADDRESS_LIMIT, (address,)),
    ]


def paused(judged_by: list[Allowance]) -> bool:
    return any(allowance.used_up() for allowance in judged_by)


def count_failure(judged_by: list[Allowance]) -> list[Allowance]:
    """Count one failure against each allowance; the ones it used up, i.e. the pauses it began."""
    for allowance in judged_by:
        allowance.count()
    return [allowance for allowance in judged_by if allowance.used_up()]


def by_pending_user() -> str:
    return f"code:{session.get('pending_user')}"


def by_signed_in_user() -> str:
    return f"password-check:{current_user.get_id()}"


def failed(response: Response) -> bool:
    return response.status_code == 200


# The code step and the password check count failed POSTs only (the form shown again).
FAILURES = {"methods": ["POST"], "deduct_when": failed}
