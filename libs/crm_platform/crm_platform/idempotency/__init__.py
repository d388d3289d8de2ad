"""Idempotency keys recorded by each service in the transaction of the write they key."""
