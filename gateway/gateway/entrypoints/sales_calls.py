"""What the sales blueprints share: one RPC for the current caller, and list replies."""

from __future__ import annotations

from typing import Any

from google.protobuf.message import Message

from crm_platform.grpc_metadata import outgoing_metadata
from crm_platform.request_context import current_correlation_id, current_identity
from gateway.clients.messages import as_data
from gateway.http.current import current_gateway


def sales(method: str, request: Message) -> Message:
    gateway = current_gateway()
    # TRANSITION: the stringly typed call, until every caller is on clients.sales.
    return getattr(gateway.channels.sales, method)(
        request,
        metadata=outgoing_metadata(current_identity(), current_correlation_id()),
        timeout=gateway.settings.grpc_deadline_seconds,
    )


def list_reply(reply: Message) -> dict[str, Any]:
    """A list response as the API's {"items", "next_page_token", "total"}."""
    data = as_data(reply)
    return {
        "items": data.get("items", []),
        "next_page_token": data.get("next_page_token") or None,
        "total": int(data.get("total", 0)),
    }


def page_args(query: Any) -> dict[str, Any]:
    return {"page_size": query.page_size, "page_token": query.page_token or ""}


def filters(query: Any, *names: str) -> dict[str, str]:
    return {name: getattr(query, name) or "" for name in names}
