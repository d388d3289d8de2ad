"""The note RPCs of SalesService: notes on leads, customers, contacts and deals."""

from __future__ import annotations

from google.protobuf.empty_pb2 import Empty

from crm.sales.v1 import sales_pb2 as pb
from sales.entrypoints.messages import page_message, to_message
from sales.service import notes


class NoteRpcs:
    def AddNote(self, request, context):  # noqa: N802 (gRPC's method names)
        note = notes.add_note(self._new_uow(), request.subject, request.subject_id, request.body)
        return to_message(pb.Note, note)

    def ListNotes(self, request, context):  # noqa: N802
        page = notes.list_notes(
            self._new_uow(),
            request.subject,
            request.subject_id,
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return page_message(pb.ListNotesResponse, pb.Note, page)

    def UpdateNote(self, request, context):  # noqa: N802
        note = notes.update_note(
            self._new_uow(), request.subject, request.subject_id, request.note_id, request.body
        )
        return to_message(pb.Note, note)

    def DeleteNote(self, request, context):  # noqa: N802
        notes.delete_note(self._new_uow(), request.subject, request.subject_id, request.note_id)
        return Empty()
