"""Pure reporting rules: how events fold into read models."""
