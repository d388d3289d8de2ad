"""GET /api/v1/reports/campaigns a page at a time (hardening #9): 60 campaigns imported into the
real marketing service, their events folded by reporting's own handler, read through the
gateway's REST route; a download still holds them all."""

from __future__ import annotations

import csv
import io

import pytest

from gateway.http.csrf import CSRF_HEADER

SERVICE_DESK = True  # conftest's app then asks the `timeline` reporting server below
CAMPAIGNS = 60  # more than the default page (50)


@pytest.fixture(scope="module")
def timeline(services, timeline_from):
    """Reporting fed from marketing's outbox (conftest's reads sales and the desk)."""
    return timeline_from(services.engines["marketing"])


@pytest.fixture(scope="module")
def imported() -> list[bool]:
    return []  # once the campaigns are in (marketing lives for the module, the app per test)


@pytest.fixture
def reader(admin, timeline, imported):
    if imported:
        return admin
    rows = "".join(f"Paged {n:02d},webinar\n" for n in range(CAMPAIGNS))
    upload = {"file": (io.BytesIO(f"name,type\n{rows}".encode()), "campaigns.csv")}
    answer = admin.client.post(
        "/api/v1/campaigns:import", data=upload, headers={CSRF_HEADER: admin.csrf}
    )
    assert answer.status_code in (200, 201), answer.get_json()
    timeline.catch_up()
    imported.append(True)
    return admin


def report(reader, query: str = "") -> dict:
    response = reader.client.get(f"/api/v1/reports/campaigns{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def names(page: dict) -> list[str]:
    return [row["name"] for row in page["campaigns"]]


def test_the_campaign_report_comes_a_page_at_a_time(reader):
    first = report(reader)
    assert names(first) == [f"Paged {n:02d}" for n in range(50)]
    assert first["total"] == CAMPAIGNS and first["next_page_token"]

    second = report(reader, f"?page_size=50&page_token={first['next_page_token']}")
    assert names(second) == [f"Paged {n:02d}" for n in range(50, CAMPAIGNS)]
    assert second["next_page_token"] is None and second["total"] == CAMPAIGNS

    assert len(report(reader, "?page_size=200")["campaigns"]) == CAMPAIGNS


def test_a_download_holds_every_campaign_whatever_the_page(reader):
    response = reader.client.get("/api/v1/reports/campaigns?format=csv&page_size=10")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert [row["name"] for row in rows] == [f"Paged {n:02d}" for n in range(CAMPAIGNS)]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?page_size=0", "page_size"),
        ("?page_size=201", "page_size"),
        ("?page_token=x", "page_token"),
    ],
)
def test_a_bad_page_is_a_400_naming_it(admin, query, field):
    response = admin.client.get(f"/api/v1/reports/campaigns{query}")
    assert response.status_code == 400
    assert [error["field"] for error in response.get_json()["errors"]] == [field]
