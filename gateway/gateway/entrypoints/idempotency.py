"""`Idempotency-Key` on POST: a retried request answers the first response instead of acting
twice (a conversion retried after a timeout must not convert again).

Keys are per user. The first request claims the key before it runs, so a concurrent retry
gets 409 instead of running alongside; a response of 5xx releases the key so the client may
retry for real.

The request runs within its deadline (every service call it makes ends by then) and sends the
key with each call: the service records it in the transaction of the write, so the retry after
a 5xx, or after a gateway worker was killed (its claim lapses with its deadline), gets the
first result from the service instead of writing twice. Either replay, the gateway's own or
the service's, is answered with `Idempotent-Replayed: true`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from flask import Response, current_app, request
from werkzeug.exceptions import UnprocessableEntity

from crm_platform.errors import AlreadyExists, InvalidArgument
from crm_platform.request_context import within
from gateway.adapters.idempotency_repository import IdempotencyRepository
from gateway.clients.marketing import FILE_DEADLINE_SECONDS
from gateway.clients.rpc import watching_replays
from gateway.domain.idempotency import MAX_KEY_LENGTH, Decision, decide, fingerprint
from gateway.http.current import current_gateway

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"


def wants_idempotency() -> bool:
    return request.method == "POST" and HEADER in request.headers


def run_idempotently(user_id: str, view: Callable[[], Any]) -> Response:
    key = request.headers[HEADER].strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise InvalidArgument.field(HEADER, f"must be 1 to {MAX_KEY_LENGTH} characters")
    gateway = current_gateway()
    deps = gateway.deps
    now = deps.clock()
    request_print = fingerprint(request.method, request.full_path, _body())
    deadline = _deadline_seconds(gateway.settings.grpc_deadline_seconds)
    running = timedelta(seconds=deadline)

    with deps.uow() as uow:
        repo = IdempotencyRepository(uow.session)
        row = repo.get(user_id, key)
        decision = decide(repo.as_stored(row) if row else None, request_print, now, running)
        if decision is Decision.REPLAY:
            return _replay(row)
        if decision is Decision.MISMATCH:
            raise UnprocessableEntity(f"{HEADER} {key!r} was already used for a different request.")
        claimed = decision is Decision.PROCEED and repo.claim(
            user_id, key, request_print, now, running
        )
        if not claimed:
            raise AlreadyExists(f"A request with {HEADER} {key!r} is still running; retry later.")
        uow.commit()

    with within(deadline, key), watching_replays() as replays:
        response = _run(view)
    if replays.seen:
        response.headers[REPLAYED] = "true"
    with deps.uow() as uow:
        repo = IdempotencyRepository(uow.session)
        row = repo.get(user_id, key)
        # Only our own claim: once it lapsed, a retry may have claimed the key anew.
        if row is not None and row.created_at == now and row.status is None:
            if response.status_code >= 500:
                uow.session.delete(row)
            else:
                row.status = response.status_code
                row.content_type = response.content_type
                row.location = response.headers.get("Location")
                row.body = response.get_data()
        uow.commit()
    return response


def _deadline_seconds(call_deadline: float) -> float:
    """How long the request may run: a file upload as long as its import call, any other as
    one ordinary call."""
    if request.mimetype == "multipart/form-data":
        return max(call_deadline, FILE_DEADLINE_SECONDS)
    return call_deadline


def _body() -> bytes:
    """The request's content; for a file upload, its form fields and files' bytes."""
    if request.mimetype != "multipart/form-data":
        return request.get_data(cache=True)
    parts = [f"{name}={value}".encode() for name, value in sorted(request.form.items(multi=True))]
    for name, upload in sorted(request.files.items(multi=True), key=lambda item: item[0]):
        parts.append(name.encode() + b"=" + upload.read())
        upload.seek(0)  # the view reads it again
    return b"\0".join(parts)


def _run(view: Callable[[], Any]) -> Response:
    try:
        return current_app.make_response(view())
    except Exception as error:
        # Let the one error handler shape the problem, then keep what it said.
        return current_app.make_response(current_app.handle_user_exception(error))


def _replay(row) -> Response:
    response = Response(row.body, status=row.status, content_type=row.content_type)
    if row.location:
        response.headers["Location"] = row.location
    response.headers[REPLAYED] = "true"
    return response
