"""Transactional outbox: events are written with the change that caused them, then relayed."""
