"""Use cases: apply an event, answer a report."""
