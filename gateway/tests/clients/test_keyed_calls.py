"""A keyed request's calls (finding 5): the Idempotency-Key reaches the service, which answers
a retry with the first result, and no call outlives the request's own deadline."""

from __future__ import annotations

import time
import uuid

import pytest

from crm_platform.errors import Unavailable
from crm_platform.request_context import within
from gateway.models.leads import LeadListQuery

pytestmark = pytest.mark.usefixtures("admin")


def test_a_retry_with_the_key_gets_the_first_record(clients):
    name = f"Keyed {uuid.uuid4().hex[:8]}"
    with within(5, "key-1"):
        first = clients.sales.leads.create({"full_name": name})
    # The gateway forgot the first answer (a 503, a killed worker): the retry asks again.
    with within(5, "key-1"):
        again = clients.sales.leads.create({"full_name": name})
    assert again.id == first.id
    assert [lead.id for lead in clients.sales.leads.list(LeadListQuery(q=name)).items] == [first.id]


def test_no_call_starts_after_the_requests_deadline(clients):
    name = f"Late {uuid.uuid4().hex[:8]}"
    with within(0.01, "key-2"):
        time.sleep(0.02)
        with pytest.raises(Unavailable):
            clients.sales.leads.create({"full_name": name})
    assert clients.sales.leads.list(LeadListQuery(q=name)).items == []
