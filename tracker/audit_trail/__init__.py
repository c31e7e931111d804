"""Searching and exporting the audit trail. Read-only: nothing in the application changes or deletes it."""
