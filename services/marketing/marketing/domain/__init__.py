"""Pure marketing rules: no I/O, no framework."""
