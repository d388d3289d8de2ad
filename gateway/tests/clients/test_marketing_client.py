"""MarketingClient against the real marketing service: campaigns, batch delete, notes, and
the two spreadsheet streams."""

from __future__ import annotations

import io
import uuid

import pytest
from openpyxl import load_workbook

from crm_platform.errors import InvalidArgument, NotFound
from gateway.models.campaigns import CampaignFilters, CampaignListQuery
from gateway.models.common import ListQuery

pytestmark = pytest.mark.usefixtures("admin")


@pytest.fixture
def marketing(clients):
    return clients.marketing


@pytest.fixture
def tag() -> str:
    return uuid.uuid4().hex[:8]


def test_a_campaign_is_created_found_changed_listed_and_deleted(marketing, tag):
    created = marketing.create_campaign(
        {"name": f"Expo {tag}", "type": "trade_show", "budget": "100.50", "currency": "EUR"}
    )
    assert (created.budget, created.actual_cost, created.start_date) == ("100.50", None, None)
    assert marketing.get_campaign(created.id) == created

    changed = marketing.update_campaign(created.id, {"status": "active", "budget": None})
    assert (changed.status, changed.budget, changed.name) == ("active", None, f"Expo {tag}")

    listing = marketing.list_campaigns(CampaignListQuery(q=tag, status="active"))
    assert [item.id for item in listing.items] == [created.id] and listing.total == 1

    marketing.delete_campaign(created.id)
    with pytest.raises(NotFound):
        marketing.get_campaign(created.id)


def test_a_batch_delete_counts_only_what_existed(marketing, tag):
    ids = [marketing.create_campaign({"name": f"B{n} {tag}", "type": "email"}).id for n in range(2)]
    assert marketing.delete_campaigns([*ids, "no-such-campaign"]).deleted == 2


def test_an_invalid_field_is_an_invalid_argument_naming_it(marketing, tag):
    with pytest.raises(InvalidArgument) as refused:
        marketing.create_campaign({"name": f"Bad {tag}", "type": "billboard"})
    assert [v.field for v in refused.value.violations] == ["type"]


def test_notes_are_added_edited_listed_and_deleted(marketing, tag):
    campaign = marketing.create_campaign({"name": f"Noted {tag}", "type": "webinar"})
    note = marketing.add_note(campaign.id, "Speakers booked")
    edited = marketing.update_note(campaign.id, note.id, "Speakers and room booked")
    assert edited.edited and edited.campaign_id == campaign.id
    assert [n.id for n in marketing.list_notes(campaign.id, ListQuery()).items] == [note.id]
    marketing.delete_note(campaign.id, note.id)
    assert marketing.list_notes(campaign.id, ListQuery()).total == 0
    with pytest.raises(NotFound):
        marketing.add_note("no-such-campaign", "Lost")


def test_an_import_streams_the_file_up_and_an_export_streams_the_workbook_down(marketing, tag):
    csv = f"name,type,budget,currency\nFair {tag},trade_show,100.50,CNY\nBad {tag},billboard,,\n"
    report = marketing.import_campaigns("c.csv", io.BytesIO(csv.encode()))
    assert (report.created, report.rejected_count) == (1, 1)
    assert report.rejected[0].row == 3 and report.rejected[0].errors[0].field == "type"

    workbook = b"".join(marketing.export_campaigns([], CampaignFilters(q=tag)))
    rows = list(load_workbook(io.BytesIO(workbook)).active.iter_rows(values_only=True))
    assert [row[1] for row in rows] == ["name", f"Fair {tag}"]


def test_an_export_refused_is_raised_before_the_first_chunk(marketing):
    with pytest.raises(InvalidArgument):
        marketing.export_campaigns([], CampaignFilters(status="no-such-status"))
