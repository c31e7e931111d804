"""Sending: through SMTP when MAIL_SERVER is set, otherwise as .eml files in an outbox folder."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from pathlib import Path

from flask import Flask


def deliver(app: Flask, message: EmailMessage) -> str:
    """Send or file the message; returns where it went."""
    config = app.config
    if config.get("MAIL_SERVER"):
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)
        return f"SMTP {config['MAIL_SERVER']}"
    outbox = Path(config["REMINDER_OUTBOX"])
    outbox.mkdir(parents=True, exist_ok=True)
    name = message["Message-ID"].strip("<>").replace("@", "_").replace("/", "_")
    path = outbox / f"{name}.eml"
    path.write_bytes(bytes(message))
    return str(path)
