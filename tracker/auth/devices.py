"""Device cookies (OWASP's "Slow Down Online Guessing Attacks with Device Cookies").

A browser that has fully signed in to an account (password, then the code where there is one) gets a
cookie naming that account and a random nonce, signed with SECRET_KEY. While the cookie is valid, that
browser's attempts at that account are judged by the nonce's own allowance (tracker/auth/throttle.py),
so strangers guessing the password cannot pause the person who uses it. The cookie is tied to the password
it was earned with: a new one (the person's own, or a temporary one an administrator set) makes every
earlier cookie of the account worthless, so a browser that once knew the password keeps no allowance.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from tracker.models import User

COOKIE = "sign_in_device"
LIFETIME = timedelta(days=180)
# Keeps these signatures apart from every other use of SECRET_KEY (sessions, CSRF tokens).
SALT = "tracker.sign-in-device"
# Sent only to the sign-in steps, where it is read and renewed: no other page needs it.
PATH = "/sign-in"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def password_mark(user: User | None) -> str | None:
    """Which password the account has now: keyed with SECRET_KEY, so the readable cookie says nothing of it."""
    if user is None:
        return None
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, user.password_hash.encode(), hashlib.sha256).hexdigest()[:24]


def remember(response: Response, account: str, password: str) -> None:
    """Trust this browser for the account while its password stays `password` (a password_mark): a new
    nonce each time, so a fresh allowance after each success."""
    token = _serializer().dumps({"account": account, "password": password, "nonce": secrets.token_urlsafe(16)})
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(LIFETIME.total_seconds()),
        path=PATH,
        # Production serves only HTTPS and marks its session cookie Secure: this one follows it.
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        httponly=True,
        samesite="Lax",
    )


def nonce_for(account: str, password: str | None) -> str | None:
    """The nonce of this request's device cookie when it is genuine, unexpired, names this account and was
    earned with its present password (`password`, a password_mark; None for an email with no account)."""
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    try:
        claims = _serializer().loads(token, max_age=int(LIFETIME.total_seconds()))
    except BadSignature:  # forged, altered, or older than LIFETIME (SignatureExpired is a BadSignature)
        return None
    if not isinstance(claims, dict) or claims.get("account") != account:
        return None
    if password is None or not hmac.compare_digest(str(claims.get("password", "")), password):
        return None
    nonce = claims.get("nonce")
    return nonce if isinstance(nonce, str) and nonce else None
