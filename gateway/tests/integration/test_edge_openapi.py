"""The OpenAPI document tells the truth (issue 24, finding 17): one schema per name, every
answer an operation can give documented (the files `?format=csv|xlsx` and the export answer,
the edge's 409, 413 and 415), and bodies typed strictly."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from gateway.entrypoints.openapi import make_spectree
from gateway.errors import PROBLEM_JSON

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def spec(client) -> dict:
    return client.get("/api/v1/openapi.json").get_json()


def entry_schema(spec: dict, path: str) -> dict:
    answer = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    listing = spec["components"]["schemas"][answer["schema"]["$ref"].rsplit("/", 1)[1]]
    return spec["components"]["schemas"][listing["properties"]["items"]["items"]["$ref"][21:]]


def test_deal_history_and_ticket_history_have_schemas_of_their_own(spec):
    deal = entry_schema(spec, "/api/v1/deals/{deal_id}/history")
    ticket = entry_schema(spec, "/api/v1/tickets/{ticket_id}/history")

    assert {"stage", "amount", "changed_by", "changed_at"} <= set(deal["properties"])
    assert {"action", "to_state", "changes", "at"} <= set(ticket["properties"])


def test_two_nested_models_of_one_name_are_refused_when_the_routes_are_built():
    def history(field: str) -> type[BaseModel]:
        entry = type("Entry", (BaseModel,), {"__annotations__": {field: str}})
        return type(f"{field}s", (BaseModel,), {"__annotations__": {"items": list[entry]}})

    api = make_spectree()
    api.validate(json=history("stage"))(lambda: None)

    with pytest.raises(RuntimeError, match="two API schemas are named Entry"):
        api.validate(json=history("action"))(lambda: None)


def test_the_files_a_route_answers_are_documented(spec):
    report = spec["paths"]["/api/v1/reports/leads"]["get"]["responses"]["200"]["content"]
    export = spec["paths"]["/api/v1/campaigns:export"]["get"]["responses"]["200"]["content"]

    assert {"application/json", "text/csv", XLSX} == set(report)
    assert set(export) == {XLSX}
    assert export[XLSX]["schema"] == {"type": "string", "format": "binary"}


def test_the_edges_answers_are_documented_on_every_operation_they_apply_to(spec):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            expected = {"413", "415"} if method in ("post", "put", "patch") else set()
            expected |= {"409"} if method == "post" else set()  # an Idempotency-Key in use
            assert expected <= set(responses), (method, path)
            assert all(set(responses[s]["content"]) == {PROBLEM_JSON} for s in expected)


def test_a_date_given_as_a_number_is_a_400_naming_the_field(client, admin_headers):
    response = client.post(
        "/api/v1/leads", json={"full_name": "A", "next_contact_at": 0}, headers=admin_headers
    )

    assert response.status_code == 400
    assert [e["field"] for e in response.get_json()["errors"]] == ["next_contact_at"]
