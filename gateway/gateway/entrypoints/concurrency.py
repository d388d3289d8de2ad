"""Optimistic concurrency over REST: a record's GET answers its version as an ETag; a PATCH
names the version it was read at, in If-Match or as `"version"` in its body; a stale one is
refused by the service and answered 412 with the record as it is now (StaleProblem)."""

from __future__ import annotations

import re
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from flask import Response, json, request
from pydantic import BaseModel

from crm_platform.errors import InvalidArgument
from gateway.clients.stale import VERSION, StaleRecord
from gateway.errors import PROBLEM_JSON
from gateway.models.common import StaleProblem

IF_MATCH = "If-Match"
_TAG = re.compile(r'(?:W/)?"([1-9][0-9]{0,17})"')


def etag(record: BaseModel) -> dict[str, str]:
    return {"ETag": f'"{getattr(record, VERSION)}"'}


def versioned(changes: dict[str, Any]) -> dict[str, Any]:
    """A PATCH body's changes with the version read: the body's `version`, else If-Match's
    (`"3"`; `*` matches any). Two that disagree are refused rather than one picked."""
    header = request.headers.get(IF_MATCH, "").strip()
    if not header or header == "*":
        return changes
    match = _TAG.fullmatch(header)
    if match is None:
        raise InvalidArgument.field(IF_MATCH, 'must be the ETag of the record, such as "3"')
    version = int(match.group(1))
    if changes.get(VERSION, version) != version:
        raise InvalidArgument.field(IF_MATCH, "names another version than the body's `version`")
    return {**changes, VERSION: version}


def versioned_update(update: Callable[[dict[str, Any]], BaseModel], body: BaseModel) -> Any:
    """A PATCH route's answer: `update(changes)` of the fields sent (and the version read),
    with its ETag; 412 when the service refused the version as stale."""
    try:
        record = update(versioned(body.model_dump(exclude_unset=True)))
    except StaleRecord as refused:
        return stale_answer(refused)
    return record, 200, etag(record)


def stale_answer(refused: StaleRecord) -> Response:
    """412 Precondition Failed, with the current record (and its ETag) to merge with."""
    status = HTTPStatus.PRECONDITION_FAILED
    body = StaleProblem(
        title=status.phrase,
        status=status,
        detail=refused.message,
        current=refused.current.model_dump(mode="json"),
    )
    return Response(
        json.dumps(body.model_dump(mode="json")),
        status,
        headers=etag(refused.current),
        mimetype=PROBLEM_JSON,
    )
