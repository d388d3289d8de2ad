"""Reports: pure functions from folded facts to report rows."""
