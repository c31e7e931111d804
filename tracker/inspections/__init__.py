"""Inspections: the documents the plan answers."""
