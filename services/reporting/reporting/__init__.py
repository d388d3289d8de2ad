"""The reporting service: read models only, built from events."""
