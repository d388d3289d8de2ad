"""kill -9 the sales service on the stack `make up` runs: the supervisor starts it again by
itself (the rest of the CRM runs on) and a write through the gateway succeeds (issue 24 #10).
Under honcho, the same kill stopped the whole CRM."""

from __future__ import annotations

import os
import re

from e2e.stack import assert_all_parts_up
from faults.helpers import new_user, ok
from tenacity import retry, stop_after_delay, wait_fixed

SALES = ("crm-sales", "serve")


def test_a_killed_sales_comes_back_by_itself_and_takes_writes(stack):
    rep, _ = new_user(stack.base_url, stack.stack.admin_password, ["sales"])
    marketing = stack.find("crm-marketing", "serve")
    killed = stack.crash_entry("sales", *SALES)

    # The rep's session, not new logins, while waiting: logins are rate-limited per address.
    @retry(stop=stop_after_delay(90), wait=wait_fixed(0.5), reraise=True)
    def back() -> dict:
        entry = stack.entry_pid("sales")
        assert entry != killed
        assert os.getpgid(stack.find(*SALES)) == entry, "sales runs under the supervisor"
        return ok(rep.request("POST", "/api/v1/leads", json={"full_name": "After"}), 201)

    lead = back()
    assert_all_parts_up(stack.base_url, stack.stack.admin_password)
    assert ok(rep.request("GET", f"/api/v1/leads/{lead['id']}"))["full_name"] == "After"
    assert stack.find("crm-marketing", "serve") == marketing, "the rest was not restarted"
    log = stack.stack.log_path.read_text()
    assert re.search(r"sales +\| exited with code -?\d+; restarting in 1 s", log), log[-3000:]
