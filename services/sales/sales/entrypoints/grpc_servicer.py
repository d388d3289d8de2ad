"""Sales' gRPC API: translates requests into use-case calls and results back."""

from __future__ import annotations

from collections.abc import Callable

from crm.sales.v1 import sales_pb2, sales_pb2_grpc
from crm_platform.unit_of_work import UnitOfWork
from sales.domain.dictionary import ENTRY_KINDS, Dictionary
from sales.entrypoints.lead_rpcs import LeadRpcs
from sales.entrypoints.note_rpcs import NoteRpcs
from sales.entrypoints.record_rpcs import ContactRpcs, CustomerRpcs, DealRpcs
from sales.service.campaigns import CampaignDirectory
from sales.service.dictionary import get_dictionary


class SalesServicer(
    LeadRpcs, CustomerRpcs, ContactRpcs, DealRpcs, NoteRpcs, sales_pb2_grpc.SalesServiceServicer
):
    """Each RPC translates its request into one use-case call; rules live in the use cases."""

    def __init__(self, new_uow: Callable[[], UnitOfWork], campaigns: CampaignDirectory) -> None:
        self._new_uow = new_uow
        self._campaigns = campaigns

    def GetDictionary(self, request, context):  # noqa: N802 (gRPC's method name)
        return dictionary_message(get_dictionary(self._new_uow()))


def dictionary_message(dictionary: Dictionary) -> sales_pb2.Dictionary:
    message = sales_pb2.Dictionary(
        deal_stages=[
            sales_pb2.DealStage(
                code=s.code,
                name=s.name,
                probability=s.probability,
                order=s.order,
                closed=s.closed,
                won=s.won,
            )
            for s in dictionary.deal_stages
        ]
    )
    for kind in ENTRY_KINDS:
        getattr(message, kind).extend(
            sales_pb2.DictionaryEntry(code=e.code, name=e.name, order=e.order)
            for e in dictionary.entries.get(kind, ())
        )
    return message
