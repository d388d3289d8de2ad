"""The API's vocabulary: what the REST API and the web pages take and show, and what the service
clients return (pydantic models, never protobuf)."""
