"""Issue 17 in a real browser on the whole stack: a sales rep logs a call on their deal from its
page, adds a task there, sees its reminder leave through the activities scheduler, outbox
and Kafka, and completes it from the same page."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from e2e.api_client import ApiClient
from e2e.browser import USER_PASSWORD
from kafka import KafkaConsumer, TopicPartition
from playwright.sync_api import expect

from crm.events.v1 import activities_events_pb2 as events
from crm_platform.envelope import parse_envelope, unpack


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.text
    return response.json()


def reminders_of(stack, task_id: str, seconds: float = 30) -> list:
    """The activities.task-due events keyed by the task, waiting up to `seconds` for one."""
    reader = KafkaConsumer(
        bootstrap_servers=f"127.0.0.1:{stack.ports['kafka']}",
        auto_offset_reset="earliest",
        consumer_timeout_ms=int(seconds * 1000),
    )
    topic = "activities.task-due"
    reader.assign([TopicPartition(topic, p) for p in reader.partitions_for_topic(topic)])
    reader.seek_to_beginning()
    found = []
    for message in reader:
        if message.key == task_id.encode():
            found.append(unpack(parse_envelope(message.value), events.TaskDue))
            break
    reader.close()
    return found


def test_a_rep_logs_a_call_on_a_deal_adds_a_task_and_completes_it(stack, web):
    page, username = web.as_role("sales")
    api = ApiClient(stack.base_url).logged_in(username, USER_PASSWORD)
    company = f"Jinan Pumps {uuid.uuid4().hex[:6]}"
    lead = ok(
        api.request("POST", "/api/v1/leads", json={"full_name": "He Yun", "company": company}),
        201,
    )
    deal = {"name": "Pumps", "amount": "12000", "currency": "CNY", "stage": "proposal"}
    converted = ok(
        api.request(
            "POST", f"/api/v1/leads/{lead['id']}:convert", json={"create_deal": True, "deal": deal}
        )
    )
    deal_id = converted["deal_id"]

    page.goto(f"/ui/deals/{deal_id}")
    block = page.locator("section.activities")
    expect(block.get_by_text("Nothing logged yet.")).to_be_visible()
    log = block.locator("form.log-activity")
    log.get_by_label("Kind").select_option("call")
    log.get_by_label("Subject").fill("Talked through the pump specs")
    log.get_by_label("Duration (minutes)").fill("14")
    log.get_by_label("Outcome").fill("Wants a quote by Friday")
    log.get_by_role("button", name="Log it").click()
    expect(page.locator(".notice")).to_have_text("Saved.")
    expect(block.locator("ul.logged")).to_contain_text("Talked through the pump specs")
    expect(block.locator("ul.logged")).to_contain_text("14 min")
    web.shot(page, "deal-call-logged")

    # Added for a later day in the page's own time zone, then moved to two minutes from now.
    task_form = block.locator("form.add-task")
    task_form.get_by_label("Subject").fill("Send the quote")
    task_form.get_by_label("Due").fill("2031-01-02T09:00")
    task_form.get_by_role("button", name="Add task").click()
    expect(block.locator("ul.tasks")).to_contain_text("Send the quote")
    web.shot(page, "deal-task-added")

    listed = ok(api.request("GET", f"/api/v1/tasks?related_type=deal&related_id={deal_id}"))
    (task,) = listed["items"]
    assert (task["owner_id"], task["state"], task["reminder_minutes"]) == (
        task["author_id"],
        "open",
        15,
    )
    # Due in two minutes: the scheduler (every second on this stack) sends its reminder now.
    soon = ok(
        api.request(
            "PATCH",
            f"/api/v1/tasks/{task['id']}",
            json={"due_at": _in_two_minutes()},
        )
    )
    (reminder,) = reminders_of(stack, soon["id"])
    assert (reminder.owner_id, reminder.related_id) == (task["owner_id"], deal_id)

    page.reload()
    block.locator("ul.tasks li", has_text="Send the quote").get_by_role(
        "button", name="Complete Send the quote"
    ).click()
    expect(block.get_by_text("No open tasks.")).to_be_visible()
    done = ok(api.request("GET", f"/api/v1/tasks/{task['id']}"))
    assert done["state"] == "done"
    web.shot(page, "deal-task-completed")


def _in_two_minutes() -> str:
    return (datetime.now(UTC) + timedelta(minutes=2)).isoformat()
