"""Asks marketing, over gRPC, whether campaigns exist before sales links anything to them."""

from __future__ import annotations

import logging
from collections.abc import Iterable

import grpc

from crm.marketing.v1 import marketing_pb2, marketing_pb2_grpc
from crm_platform.errors import FieldViolation, InvalidArgument, Unavailable
from crm_platform.grpc_metadata import outgoing_metadata
from crm_platform.request_context import current_correlation_id, current_identity

log = logging.getLogger(__name__)

# A wrong id is the caller's mistake; anything else means marketing could not answer.
_UNKNOWN = (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.INVALID_ARGUMENT)


class MarketingCampaigns:
    def __init__(self, stub: marketing_pb2_grpc.MarketingServiceStub, timeout: float) -> None:
        self._stub = stub
        self._timeout = timeout

    def check_exist(self, campaign_ids: Iterable[str], field: str = "campaign_ids") -> None:
        """InvalidArgument on `field` naming each unknown campaign; Unavailable if marketing
        does not answer within the deadline (the caller then writes nothing)."""
        metadata = outgoing_metadata(current_identity(), current_correlation_id())
        unknown = []
        for campaign_id in dict.fromkeys(campaign_ids):
            try:
                self._stub.GetCampaign(
                    marketing_pb2.GetCampaignRequest(id=campaign_id),
                    metadata=metadata,
                    timeout=self._timeout,
                )
            except grpc.RpcError as error:
                code = error.code() if isinstance(error, grpc.Call) else None
                if code not in _UNKNOWN:
                    log.warning("marketing did not answer GetCampaign: %s", code)
                    raise Unavailable("marketing cannot check the campaign now") from error
                unknown.append(campaign_id)
        if unknown:
            raise InvalidArgument(
                f"{field}: unknown campaign",
                [FieldViolation(field, f"unknown campaign: {c}") for c in unknown],
            )
