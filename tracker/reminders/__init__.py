"""Reminder emails: each owner's overdue and coming milestones, stale actions and open challenges, and
each director's summary of their authority. Run daily from cron: `flask --app wsgi reminders send`."""
