"""The campaign import has a body limit of its own, larger than every other route's; past
either, the answer is a 413 problem before any service is called."""

from __future__ import annotations

import io

import pytest

from gateway.errors import PROBLEM_JSON

ORDINARY_LIMIT, IMPORT_LIMIT = 1024, 8 * 1024


@pytest.fixture
def small_limits(make_app, api):
    client = make_app(max_body_bytes=ORDINARY_LIMIT, max_import_bytes=IMPORT_LIMIT).test_client()
    return client, api.bearer(api.token("admin", api.admin_password))


def upload(client, headers, size: int):
    content = b"name,type\n" + b"x" * size
    return client.post(
        "/api/v1/campaigns:import",
        data={"file": (io.BytesIO(content), "campaigns.csv")},
        content_type="multipart/form-data",
        headers=headers,
    )


def test_an_import_over_its_limit_is_a_413_problem(small_limits):
    response = upload(*small_limits, 2 * IMPORT_LIMIT)

    assert response.status_code == 413
    assert response.mimetype == PROBLEM_JSON
    assert response.get_json()["status"] == 413


def test_an_import_may_be_larger_than_other_bodies(small_limits):
    client, headers = small_limits

    # Past the ordinary limit, within the import's: it goes on to marketing (not running here).
    assert upload(client, headers, 4 * ORDINARY_LIMIT).status_code == 503
    other = client.post(
        "/api/v1/campaigns", json={"name": "x" * 4 * ORDINARY_LIMIT}, headers=headers
    )
    assert other.status_code == 413 and other.mimetype == PROBLEM_JSON
