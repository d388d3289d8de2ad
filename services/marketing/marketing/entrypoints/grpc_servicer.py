"""Marketing's gRPC API: translates requests into use-case calls and results back."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from google.protobuf import empty_pb2

from crm.marketing.v1 import marketing_pb2, marketing_pb2_grpc
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from marketing.domain.commands import AddNote, EditNote, UpdateCampaign
from marketing.entrypoints import messages as m
from marketing.entrypoints.file_transfer import spool_upload, while_wanted
from marketing.service import campaigns, exports, imports, notes


class MarketingServicer(marketing_pb2_grpc.MarketingServiceServicer):
    # Method names are gRPC's (N802 would have them snake_case).
    def __init__(self, new_uow: Callable[[], UnitOfWork]) -> None:
        self._new_uow = new_uow

    def CreateCampaign(self, request, context):  # noqa: N802
        return m.campaign_message(
            campaigns.create_campaign(self._new_uow(), m.create_command(request))
        )

    def GetCampaign(self, request, context):  # noqa: N802
        return m.campaign_message(campaigns.get_campaign(self._new_uow(), request.id))

    def UpdateCampaign(self, request, context):  # noqa: N802
        command = UpdateCampaign(request.id, m.changes_of(request), request.expected_version)
        return m.campaign_message(campaigns.update_campaign(self._new_uow(), command))

    def DeleteCampaign(self, request, context):  # noqa: N802
        campaigns.delete_campaign(self._new_uow(), request.id)
        return empty_pb2.Empty()

    def DeleteCampaigns(self, request, context):  # noqa: N802
        deleted = campaigns.delete_campaigns(self._new_uow(), list(request.ids))
        return marketing_pb2.DeleteCampaignsResponse(deleted=deleted)

    def ListCampaigns(self, request, context):  # noqa: N802
        page = campaigns.list_campaigns(
            self._new_uow(),
            m.filter_of(request.filter, request.sort),
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return m.campaign_list(page)

    def AddCampaignNote(self, request, context):  # noqa: N802
        command = AddNote(request.campaign_id, request.body)
        return m.note_message(notes.add_note(self._new_uow(), current_identity(), command))

    def ListCampaignNotes(self, request, context):  # noqa: N802
        page = notes.list_notes(
            self._new_uow(),
            current_identity(),
            request.campaign_id,
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return m.note_list(page)

    def UpdateCampaignNote(self, request, context):  # noqa: N802
        command = EditNote(request.campaign_id, request.note_id, request.body)
        return m.note_message(notes.update_note(self._new_uow(), current_identity(), command))

    def DeleteCampaignNote(self, request, context):  # noqa: N802
        notes.delete_note(self._new_uow(), current_identity(), request.campaign_id, request.note_id)
        return empty_pb2.Empty()

    def ImportCampaigns(self, request_iterator, context):  # noqa: N802
        with tempfile.TemporaryDirectory(prefix="campaign-import-") as directory:
            path, filename = spool_upload(request_iterator, Path(directory))
            report = imports.import_campaigns(self._new_uow, path, filename)
        return m.import_response(report)

    def ExportCampaigns(self, request, context):  # noqa: N802
        # Checked here, before the stream: the interceptor maps domain errors raised by this
        # call, not those raised later while the stream is read.
        chunks = exports.export_campaigns(
            self._new_uow, ids=list(request.ids), given=m.filter_of(request.filter)
        )
        return while_wanted(chunks, context)
