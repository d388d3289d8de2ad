"""Pure service-desk rules: no I/O, no framework."""
