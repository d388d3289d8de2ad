"""The data dictionary, read from the sales service on behalf of the caller."""

from __future__ import annotations

from typing import Any

from google.protobuf.json_format import MessageToDict

from crm.sales.v1 import sales_pb2, sales_pb2_grpc
from crm_platform.grpc_metadata import outgoing_metadata
from crm_platform.request_context import Identity


def fetch_dictionary(
    stub: sales_pb2_grpc.SalesServiceStub, identity: Identity, correlation_id: str, timeout: float
) -> dict[str, Any]:
    """The dictionary as plain data; grpc.RpcError propagates to the error handler."""
    reply = stub.GetDictionary(
        sales_pb2.GetDictionaryRequest(),
        metadata=outgoing_metadata(identity, correlation_id),
        timeout=timeout,
    )
    # Zero values (order 0, closed false) are meaningful here, so print them too.
    return MessageToDict(
        reply, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )
