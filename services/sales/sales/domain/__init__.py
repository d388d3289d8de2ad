"""Pure sales rules: no I/O, no framework."""
