"""Malformed bodies and text are refused at the edge with a 4xx problem that names the field
or the body, before any view, model or service sees them, and leave no stack trace in the log
(issue 24, finding 15). The gateway alone: no service runs behind it here."""

from __future__ import annotations

import base64
import io
import logging

import pytest

from gateway.errors import PROBLEM_JSON


@pytest.fixture
def errors_logged(caplog):
    caplog.set_level(logging.ERROR)
    return caplog


def refused(response, status: int) -> list[dict]:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM_JSON
    return response.get_json()["errors"]


def nested(depth: int) -> str:
    return '{"username": ' + "[" * depth + "]" * depth + ', "password": "x"}'


@pytest.mark.parametrize("depth", [1000, 100])
def test_json_nested_too_deep_is_a_400_naming_the_body_even_for_the_anonymous_login(
    client, errors_logged, depth
):
    response = client.post(
        "/api/v1/auth/login", data=nested(depth), content_type="application/json"
    )

    [error] = refused(response, 400)
    assert error["field"] == "body" and "deeper than 32" in error["message"]
    assert not errors_logged.records


def test_json_as_deep_as_a_model_may_be_still_reaches_validation(client):
    response = client.post("/api/v1/auth/login", data=nested(20), content_type="application/json")

    assert {e["field"] for e in refused(response, 400)} == {"username"}


def test_a_multipart_body_on_a_json_route_is_a_415(client, admin_headers, errors_logged):
    for path, headers in (("/api/v1/auth/login", {}), ("/api/v1/leads", admin_headers)):
        response = client.post(
            path,
            data={"file": (io.BytesIO(b"x"), "x.csv"), "username": "admin"},
            content_type="multipart/form-data",
            headers=headers,
        )
        refused(response, 415)
    assert not errors_logged.records


def test_a_multipart_body_still_reaches_a_route_that_takes_a_form(client, admin_headers):
    response = client.post(
        "/api/v1/campaigns:import",
        data={"file": (io.BytesIO(b"name,type\n"), "campaigns.csv")},
        content_type="multipart/form-data",
        headers=admin_headers,
    )
    # Past the edge, on to marketing, which does not run here.
    assert response.status_code == 503


def test_a_nul_in_a_query_or_path_text_is_a_400_naming_it(client, admin_headers, errors_logged):
    for path, field in (
        ("/api/v1/users?q=a%00b", "q"),
        ("/api/v1/leads?q=a%00b", "q"),
        ("/api/v1/leads?page_token=%00", "page_token"),
        ("/api/v1/leads/a%00b", "lead_id"),
    ):
        [error] = refused(client.get(path, headers=admin_headers), 400)
        assert error["field"] == field and "NUL" in error["message"]
    assert not errors_logged.records


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"full_name": "a\\u0000b"}', "full_name"),
        ('{"full_name": "x", "campaign_ids": ["ok", "c\\u0000"]}', "campaign_ids.1"),
        ('{"full_name": "\\ud800"}', "full_name"),
        ('{"full_name": "x", "a\\u0000": 1}', "a\x00"),
    ],
)
def test_a_nul_or_lone_surrogate_in_json_text_is_a_400_naming_the_field(
    client, admin_headers, body, field
):
    response = client.post(
        "/api/v1/leads", data=body, content_type="application/json", headers=admin_headers
    )

    assert [e["field"] for e in refused(response, 400)] == [field]


def test_a_streamed_body_over_the_limit_is_a_413_not_a_cut_body(make_app, errors_logged):
    client = make_app(max_body_bytes=1024).test_client()
    body = b'{"username": "admin", "password": "' + b"x" * 4096 + b'"}'

    response = client.post(
        "/api/v1/auth/login",
        input_stream=io.BytesIO(body),
        content_type="application/json",
        headers={"Transfer-Encoding": "chunked"},
        # What gunicorn says of a chunked body it de-chunks: read until the stream ends.
        environ_base={"wsgi.input_terminated": True},
    )

    refused(response, 413)
    assert not errors_logged.records


def test_a_streamed_body_within_the_limit_is_read_whole(make_app):
    client = make_app(max_body_bytes=1024).test_client()

    response = client.post(
        "/api/v1/auth/login",
        input_stream=io.BytesIO(b'{"username": "admin", "password": "wrong-password"}'),
        content_type="application/json",
        headers={"Transfer-Encoding": "chunked"},
        environ_base={"wsgi.input_terminated": True},
    )

    assert response.status_code == 401


def test_a_crafted_page_token_on_the_users_list_is_a_400(client, admin_headers, errors_logged):
    token = base64.urlsafe_b64encode(b"o:" + b"9" * 140).decode()

    response = client.get(f"/api/v1/users?page_token={token}", headers=admin_headers)

    assert [e["field"] for e in refused(response, 400)] == ["page_token"]
    assert not errors_logged.records
