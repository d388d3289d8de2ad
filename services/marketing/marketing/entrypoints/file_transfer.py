"""Files over gRPC streams: an upload spooled to disk, a download sent back in chunks."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

import grpc

from crm.marketing.v1 import marketing_pb2
from crm_platform.errors import InvalidArgument

log = logging.getLogger(__name__)
# A 100,000-row .csv is about 15 MB; this leaves room without letting one upload fill a disk.
MAX_UPLOAD_BYTES = 200 * 1024 * 1024


def spool_upload(
    chunks: Iterable[marketing_pb2.ImportCampaignsChunk], directory: Path
) -> tuple[Path, str]:
    """Writes the streamed file under `directory`; returns where, and the name the client gave.

    The client's name is not used as a path (it could hold "../"), only for its suffix.
    """
    filename, size, path, handle = "", 0, None, None
    try:
        for chunk in chunks:
            if handle is None:
                filename = Path(chunk.filename).name
                if not filename:
                    raise InvalidArgument.field("file", "the first chunk must name the file")
                path = directory / f"upload{Path(filename).suffix.lower()}"
                handle = path.open("wb")
            size += len(chunk.data)
            if size > MAX_UPLOAD_BYTES:
                raise InvalidArgument.field("file", f"must be at most {MAX_UPLOAD_BYTES} bytes")
            handle.write(chunk.data)
    finally:
        if handle is not None:
            handle.close()
    if path is None:
        raise InvalidArgument.field("file", "is missing")
    return path, filename


def while_wanted(
    chunks: Iterator[bytes], context: grpc.ServicerContext
) -> Iterator[marketing_pb2.FileChunk]:
    """The chunks as the server stream, produced only while the caller is still there: when it
    cancels (the gateway does when its client goes away), the stream is dropped or stops here,
    and `chunks` is closed, which ends its read of the database."""
    sent, finished = 0, False
    try:
        for data in chunks:
            if not context.is_active():
                break
            yield marketing_pb2.FileChunk(data=data)
            sent += len(data)
        else:
            finished = True
    finally:
        chunks.close()
        if not finished:
            log.info("file stream stopped after %d bytes: the caller went away", sent)
