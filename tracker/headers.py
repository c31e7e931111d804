"""Security headers on every response, and the per-request nonce for GOV.UK's one inline script.

The Content-Security-Policy allows scripts only from this site, plus the single inline line GOV.UK
Frontend's page template writes (`js-enabled`), which carries a fresh nonce on every request. Nothing
may frame the service. No page the application writes is cached (static files may be), so a shared
computer's back button shows nothing after sign-out.
"""

from __future__ import annotations

import secrets

from flask import Flask, Response, current_app, g, request

# The policy's fixed part; the script nonce is added per response.
POLICY = (
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)
HSTS = "max-age=31536000; includeSubDomains"


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def content_security_policy(nonce: str) -> str:
    return "; ".join((*POLICY, f"script-src 'self' 'nonce-{nonce}'"))


def add_security_headers(response: Response) -> Response:
    headers = response.headers
    headers["Content-Security-Policy"] = content_security_policy(csp_nonce())
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "same-origin"
    headers["X-Frame-Options"] = "DENY"  # for browsers that predate frame-ancestors
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()"
    # Nothing the application writes is cached: signed-in pages, and the sign-in steps (a two-factor key).
    # Static files may be: they are the same for everyone.
    if request.endpoint != "static":
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
    # Production is served over HTTPS (behind the council's proxy): browsers must not try plain HTTP again.
    if current_app.config.get("HSTS"):
        headers["Strict-Transport-Security"] = HSTS
    return response


def register_security_headers(app: Flask) -> None:
    app.after_request(add_security_headers)
    app.context_processor(lambda: {"cspNonce": csp_nonce()})
