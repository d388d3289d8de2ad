"""Pure rules about accounts and logins: no I/O, no framework."""
