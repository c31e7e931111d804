"""Exporting the whole plan: the basis for backups and checks."""
