"""Read-model tables and their queries."""
