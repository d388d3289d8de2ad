"""The marketing service: campaigns, their notes, import and export."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import grpc

from crm.marketing.v1 import marketing_pb2 as pb
from crm.marketing.v1 import marketing_pb2_grpc
from gateway.clients.messages import as_model, as_page, text
from gateway.clients.rpc import ServiceClient
from gateway.clients.stale import checked, split_version
from gateway.clients.status import domain_error
from gateway.models.campaigns import (
    BatchDeleted,
    CampaignFilters,
    CampaignImportReport,
    CampaignList,
    CampaignListQuery,
    CampaignNoteList,
    CampaignNoteOut,
    CampaignOut,
)
from gateway.models.common import ListQuery

UPLOAD_CHUNK_BYTES = 64 * 1024
# Reading or writing 100,000 rows takes far longer than an ordinary call's deadline.
FILE_DEADLINE_SECONDS = 600.0


class MarketingClient(ServiceClient):
    def __init__(self, channel: grpc.Channel, deadline_seconds: float) -> None:
        super().__init__(deadline_seconds)
        self._stub = marketing_pb2_grpc.MarketingServiceStub(channel)
        self._file_deadline = max(deadline_seconds, FILE_DEADLINE_SECONDS)

    # Campaigns. Marketing takes every field as text (dates ISO, money a decimal string).

    def list_campaigns(self, query: CampaignListQuery) -> CampaignList:
        """Newest first; `q` searches the name; start dates are inclusive."""
        request = pb.ListCampaignsRequest(
            filter=_filter(query),
            page_size=query.page_size,
            page_token=query.page_token or "",
            sort=query.sort or "",
        )
        return as_page(CampaignList, self._call(self._stub.ListCampaigns, request))

    def create_campaign(self, fields: dict[str, Any]) -> CampaignOut:
        request = pb.CreateCampaignRequest(**{name: text(value) for name, value in fields.items()})
        return as_model(CampaignOut, self._call(self._stub.CreateCampaign, request))

    def get_campaign(self, campaign_id: str) -> CampaignOut:
        reply = self._call(self._stub.GetCampaign, pb.GetCampaignRequest(id=campaign_id))
        return as_model(CampaignOut, reply)

    def update_campaign(self, campaign_id: str, changes: dict[str, Any]) -> CampaignOut:
        """Only the fields in `changes` change; None clears one. The result is checked whole.
        A `version` among them is the one read: a stale one raises StaleRecord."""
        expected, changes = split_version(changes)
        request = pb.UpdateCampaignRequest(
            id=campaign_id,
            update_mask=list(changes),
            expected_version=expected,
            **{name: text(value) for name, value in changes.items()},
        )
        return checked(
            lambda: as_model(CampaignOut, self._call(self._stub.UpdateCampaign, request)),
            expected,
            lambda: self.get_campaign(campaign_id),
        )

    def delete_campaign(self, campaign_id: str) -> None:
        self._call(self._stub.DeleteCampaign, pb.DeleteCampaignRequest(id=campaign_id))

    def delete_campaigns(self, ids: list[str]) -> BatchDeleted:
        """Ids that do not exist are skipped (and not counted)."""
        reply = self._call(self._stub.DeleteCampaigns, pb.DeleteCampaignsRequest(ids=ids))
        return as_model(BatchDeleted, reply)

    # A campaign's notes, oldest first

    def list_notes(self, campaign_id: str, query: ListQuery) -> CampaignNoteList:
        request = pb.ListCampaignNotesRequest(
            campaign_id=campaign_id, page_size=query.page_size, page_token=query.page_token or ""
        )
        return as_page(CampaignNoteList, self._call(self._stub.ListCampaignNotes, request))

    def add_note(self, campaign_id: str, body: str) -> CampaignNoteOut:
        request = pb.AddCampaignNoteRequest(campaign_id=campaign_id, body=body)
        return as_model(CampaignNoteOut, self._call(self._stub.AddCampaignNote, request))

    def update_note(self, campaign_id: str, note_id: str, body: str) -> CampaignNoteOut:
        request = pb.UpdateCampaignNoteRequest(campaign_id=campaign_id, note_id=note_id, body=body)
        return as_model(CampaignNoteOut, self._call(self._stub.UpdateCampaignNote, request))

    def delete_note(self, campaign_id: str, note_id: str) -> None:
        request = pb.DeleteCampaignNoteRequest(campaign_id=campaign_id, note_id=note_id)
        self._call(self._stub.DeleteCampaignNote, request)

    # Spreadsheets, streamed both ways so that the gateway never holds a whole file

    def import_campaigns(self, filename: str, stream: IO[bytes]) -> CampaignImportReport:
        """Campaigns from a .csv or .xlsx file; each bad row is reported and skipped."""
        reply = self._call(
            self._stub.ImportCampaigns, _upload_chunks(filename, stream), self._file_deadline
        )
        return as_model(CampaignImportReport, reply)

    def export_campaigns(self, ids: list[str], filters: CampaignFilters) -> Iterator[bytes]:
        """An .xlsx workbook of the campaigns `ids`, or else of all `filters` match, in chunks.

        The first chunk is awaited here, so that a refusal is raised (a domain error) before
        the caller starts its response rather than breaking the download."""
        request = pb.ExportCampaignsRequest(ids=ids, filter=_filter(filters))
        call = self._call(self._stub.ExportCampaigns, request, self._file_deadline)
        download = Download(call)
        download.first = next(download.chunks, None)
        return download


class Download:
    """A server stream's bytes for a streamed response. The WSGI server closes the response
    when the body is sent or its client went away; closing cancels the call, so that the
    service stops writing a workbook nobody will read."""

    def __init__(self, call: Any) -> None:
        self._call = call
        self.chunks = _data(call)
        self.first: bytes | None = None

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        if self.first is not None:
            data, self.first = self.first, None
            return data
        return next(self.chunks)

    def close(self) -> None:
        self._call.cancel()  # nothing, once the stream has ended


def _filter(query: CampaignFilters) -> pb.CampaignFilter:
    names = CampaignFilters.model_fields
    return pb.CampaignFilter(**{name: text(getattr(query, name)) for name in names})


def _upload_chunks(filename: str, stream: IO[bytes]) -> Iterator[pb.ImportCampaignsChunk]:
    """The file as the service's client stream: the first chunk names it."""
    first = True
    while data := stream.read(UPLOAD_CHUNK_BYTES):
        yield pb.ImportCampaignsChunk(filename=filename if first else "", data=data)
        first = False
    if first:  # an empty file still names itself, so the service can say it is empty
        yield pb.ImportCampaignsChunk(filename=filename)


def _data(chunks: Iterator[pb.FileChunk]) -> Iterator[bytes]:
    """A server stream's bytes; a failure while it streams is a domain error too."""
    try:
        for chunk in chunks:
            yield chunk.data
    except grpc.RpcError as error:
        raise domain_error(error) from None
