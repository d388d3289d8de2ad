"""Use cases, one function per command, each in a unit of work."""
