"""Tables, repositories and clients of other services."""
