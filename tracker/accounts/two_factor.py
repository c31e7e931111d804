"""Two-factor sign-in with an authenticator app (TOTP, RFC 6238), through pyotp.

A code is accepted for its 30-second step and the one either side (clocks drift), and each step only
once, so a code seen over someone's shoulder cannot be used again.
"""

from __future__ import annotations

import time

import pyotp
import segno
from markupsafe import Markup

from tracker.models import Role, User

ISSUER = "Improvement plan tracker"


def required(user: User) -> bool:
    """Administrators and service operators must use it; anyone else may choose to."""
    return user.role in (Role.ADMINISTRATOR, Role.OPERATOR)


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, user: User) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_code_svg(uri: str) -> Markup:
    """The set-up link as a QR code to scan, an inline SVG (no image request, no script) with its own title.

    Drawn by segno: an authenticator app reads it in one step, where typing the key is error-prone.
    """
    svg = segno.make(uri, error="m").svg_inline(
        scale=4, border=4, title="QR code of the set-up link", dark="#0b0c0c", light="#ffffff", omitsize=False
    )
    return Markup(svg)


def matching_step(secret: str, code: str, *, after: int | None) -> int | None:
    """The time step the code belongs to (now or one either side), if it is right and not used before."""
    code = "".join(code.split())
    if not (code.isascii() and code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now = clock()
    for drift in (0, -1, 1):
        at = int(now) + drift * totp.interval
        step = at // totp.interval
        if totp.verify(code, for_time=at) and (after is None or step > after):
            return step
    return None


def clock() -> float:
    """Seconds since the epoch (a function, so tests can move time)."""
    return time.time()
