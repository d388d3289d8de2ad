"""A converted lead is read-only (hardening #17): unlinking one of its campaigns and editing or
deleting one of its notes answer 409, and the OpenAPI document says so, through the gateway to
the real sales and marketing services."""

from __future__ import annotations

import pytest

from gateway.http.csrf import CSRF_HEADER

NOTE = "/api/v1/leads/{subject_id}/notes/{note_id}"  # as the OpenAPI document names it
LINK = "/api/v1/leads/{lead_id}/campaigns/{campaign_id}"


@pytest.fixture
def converted(admin) -> dict[str, str]:
    """A lead with a campaign and a note, then converted: the ids of all three."""
    campaign = admin.api("POST", "/api/v1/campaigns", name="Fair", type="webinar")["id"]
    lead = admin.api("POST", "/api/v1/leads", full_name="Ada Read-Only", company="Ada Ltd")["id"]
    admin.api("POST", f"/api/v1/leads/{lead}/campaigns", campaign_id=campaign)
    note = admin.api("POST", f"/api/v1/leads/{lead}/notes", body="Met at the fair")["id"]
    admin.api("POST", f"/api/v1/leads/{lead}:convert", create_deal=False)
    return {"lead_id": lead, "subject_id": lead, "campaign_id": campaign, "note_id": note}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [("PATCH", NOTE, {"body": "Edited"}), ("DELETE", NOTE, None), ("DELETE", LINK, None)],
)
def test_changing_a_converted_lead_is_a_documented_409(admin, converted, method, path, body):
    response = admin.client.open(
        path.format(**converted), method=method, json=body, headers={CSRF_HEADER: admin.csrf}
    )
    assert response.status_code == 409, response.get_json()
    assert "read-only" in response.get_json()["detail"]

    spec = admin.client.get("/api/v1/openapi.json").get_json()
    documented = spec["paths"][path][method.lower()]
    assert "409" in documented["responses"], (method, path)
