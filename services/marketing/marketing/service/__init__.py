"""Use cases: one function per command, inside a unit of work."""
