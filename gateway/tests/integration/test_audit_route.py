"""GET /api/v1/audit against the real sales service (its servicers on a migrated SQLite file):
the route asks the service owning the object type, for admins and managers only."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from crm_platform import migrations
from crm_platform.audit.recording import record_created, record_updated
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_server.server import start_server
from crm_platform.paging import encode_token
from crm_platform.request_context import Identity, bound
from sales import bootstrap as sales_bootstrap
from sales.settings import SalesSettings

NOWHERE = "127.0.0.1:9"


@pytest.fixture
def sales_address(tmp_path):
    url = f"sqlite:///{tmp_path / 'sales.db'}"
    migrations.upgrade(sales_bootstrap.MIGRATIONS, url)
    engine = make_engine(url)
    with bound(Identity("rep-1", frozenset({"sales"})), "corr-1"), Session(engine) as session:
        record_created(session, "deal", "d-1", {"name": "Cranes", "stage": "qualification"})
        old, new = {"name": "Cranes"}, {"name": "Tower cranes"}
        record_updated(session, "deal", "d-1", old, new)
        record_created(session, "deal", "d-2", {"name": "Pumps"})
        session.commit()
    settings = SalesSettings(
        database_url=url, grpc_address="127.0.0.1:0", MARKETING_GRPC_ADDRESS=NOWHERE
    )
    bindings = sales_bootstrap.grpc_bindings(settings, make_session_factory(engine))
    server = start_server("127.0.0.1:0", bindings, workers=2)
    yield f"127.0.0.1:{server.port}"
    server.stop(0)
    engine.dispose()


@pytest.fixture
def audit_client(make_app, sales_address, api, create_user):
    client = make_app(sales_grpc_address=sales_address).test_client()
    create_user("maria", roles=["manager"])
    create_user("sam", roles=["sales"])
    return client


def get(client, api, username, password, **query):
    headers = api.bearer(api.token(username, password))
    return client.get("/api/v1/audit", query_string=query, headers=headers)


def test_a_manager_reads_one_records_trail_newest_first(audit_client, api):
    response = get(audit_client, api, "maria", "password-123", object_type="deal", object_id="d-1")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["total"] == 2 and body["next_page_token"] is None
    updated, created = body["items"]
    assert (updated["action"], updated["actor_id"], updated["actor_roles"]) == (
        "updated",
        "rep-1",
        ["sales"],
    )
    assert (updated["old_values"], updated["new_values"]) == (
        {"name": "Cranes"},
        {"name": "Tower cranes"},
    )
    assert created["old_values"] is None and created["correlation_id"] == "corr-1"


def test_pages_and_the_actor_filter(audit_client, api):
    first = get(audit_client, api, "admin", api.admin_password, object_type="deal", page_size=2)
    body = first.get_json()
    assert [e["object_id"] for e in body["items"]] == ["d-2", "d-1"]
    rest = get(
        audit_client,
        api,
        "admin",
        api.admin_password,
        object_type="deal",
        page_size=2,
        page_token=body["next_page_token"],
    ).get_json()
    assert [e["action"] for e in rest["items"]] == ["created"] and rest["next_page_token"] is None
    nobody = get(audit_client, api, "admin", api.admin_password, object_type="deal", actor_id="x")
    assert nobody.get_json()["total"] == 0


def test_other_roles_and_anonymous_callers_are_refused(audit_client, api):
    refused = get(audit_client, api, "sam", "password-123", object_type="deal")
    assert refused.status_code == 403
    assert refused.content_type == "application/problem+json"
    assert audit_client.get("/api/v1/audit?object_type=deal").status_code == 401


@pytest.mark.parametrize(
    "query",
    [{"object_type": "spaceship"}, {}, {"object_type": "deal", "page_size": 0}],
    ids=["unknown type", "no type", "bad page size"],
)
def test_bad_queries_are_400_field_errors(audit_client, api, query):
    response = get(audit_client, api, "admin", api.admin_password, **query)
    assert response.status_code == 400
    assert response.content_type == "application/problem+json"
    field = "page_size" if "page_size" in query else "object_type"
    assert field in {e["field"] for e in response.get_json()["errors"]}


@pytest.mark.parametrize("token", ["???", encode_token(["not an id"])])
def test_a_page_token_the_service_never_gave_is_a_400(audit_client, api, token):
    response = get(
        audit_client, api, "admin", api.admin_password, object_type="deal", page_token=token
    )
    assert response.status_code == 400
    assert {e["field"] for e in response.get_json()["errors"]} == {"page_token"}


def test_a_service_down_is_a_503(make_app, api, create_user):
    client = make_app().test_client()  # every service at a closed port
    response = get(client, api, "admin", api.admin_password, object_type="ticket")
    assert response.status_code == 503
