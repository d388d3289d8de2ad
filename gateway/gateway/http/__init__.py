"""What the REST API and the web UI share about a request: the caller, CSRF proof, paging."""
