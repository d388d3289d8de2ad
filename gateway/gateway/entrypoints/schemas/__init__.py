"""Pydantic models of request and response bodies; the OpenAPI document is built from them."""
