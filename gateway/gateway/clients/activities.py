"""The activities service: tasks (with reminders) and logged calls, meetings and e-mails."""

from __future__ import annotations

from typing import Any

import grpc
from google.protobuf.message import Message

from crm.activities.v1 import activities_pb2 as pb
from crm.activities.v1 import activities_pb2_grpc
from gateway.clients.messages import as_data, as_page, input_message
from gateway.clients.rpc import ServiceClient
from gateway.models.activities import ActivityList, ActivityOut, ActivityQuery
from gateway.models.desk_common import PageQuery
from gateway.models.tasks import TaskList, TaskOut, TaskQuery

PAGING = frozenset({"page_size", "page_token"})
# The service's "no reminder" in TaskInput.reminder_minutes (null in the API).
NO_REMINDER = -1


def _listing(request_type: type[Message], filter_type: type[Message], query: PageQuery) -> Any:
    filters = input_message(filter_type, query.model_dump(exclude=set(PAGING)))
    return request_type(
        filter=filters, page_size=query.page_size, page_token=query.page_token or ""
    )


def _task_input(fields: dict[str, Any]) -> pb.TaskInput:
    fields = dict(fields)
    if "reminder_minutes" in fields and fields["reminder_minutes"] is None:
        fields["reminder_minutes"] = NO_REMINDER
    return input_message(pb.TaskInput, fields)


def _task(message: pb.Task) -> TaskOut:
    data = as_data(message)
    # The wire says "no reminder" with has_reminder; the API with null.
    data["reminder_minutes"] = data["reminder_minutes"] if data.pop("has_reminder") else None
    return TaskOut.model_validate(data)


def _activity(message: pb.Activity) -> ActivityOut:
    return ActivityOut.model_validate(as_data(message))


class ActivitiesClient(ServiceClient):
    def __init__(self, channel: grpc.Channel, deadline_seconds: float) -> None:
        super().__init__(deadline_seconds)
        self._stub = activities_pb2_grpc.ActivitiesServiceStub(channel)

    # Tasks

    def list_tasks(self, query: TaskQuery) -> TaskList:
        request = _listing(pb.ListTasksRequest, pb.TaskFilter, query)
        reply = self._call(self._stub.ListTasks, request)
        return TaskList(
            items=[_task(item) for item in reply.items],
            next_page_token=reply.next_page_token or None,
            total=reply.total,
        )

    def create_task(self, fields: dict[str, Any]) -> TaskOut:
        request = pb.CreateTaskRequest(task=_task_input(fields))
        return _task(self._call(self._stub.CreateTask, request))

    def get_task(self, task_id: str) -> TaskOut:
        return _task(self._call(self._stub.GetTask, pb.GetRequest(id=task_id)))

    def update_task(self, task_id: str, changes: dict[str, Any]) -> TaskOut:
        """Only the fields in `changes` change; owner_id reassigns, due_at reschedules."""
        request = pb.UpdateTaskRequest(
            id=task_id, update_mask=list(changes), task=_task_input(changes)
        )
        return _task(self._call(self._stub.UpdateTask, request))

    def complete_task(self, task_id: str, outcome: str) -> TaskOut:
        request = pb.CompleteTaskRequest(id=task_id, outcome=outcome)
        return _task(self._call(self._stub.CompleteTask, request))

    def reopen_task(self, task_id: str) -> TaskOut:
        return _task(self._call(self._stub.ReopenTask, pb.GetRequest(id=task_id)))

    def cancel_task(self, task_id: str) -> TaskOut:
        return _task(self._call(self._stub.CancelTask, pb.GetRequest(id=task_id)))

    # Logged activities

    def list_activities(self, query: ActivityQuery) -> ActivityList:
        request = _listing(pb.ListActivitiesRequest, pb.ActivityFilter, query)
        return as_page(ActivityList, self._call(self._stub.ListActivities, request))

    def log_activity(self, fields: dict[str, Any]) -> ActivityOut:
        request = pb.LogActivityRequest(activity=input_message(pb.ActivityInput, fields))
        return _activity(self._call(self._stub.LogActivity, request))

    def get_activity(self, activity_id: str) -> ActivityOut:
        return _activity(self._call(self._stub.GetActivity, pb.GetRequest(id=activity_id)))

    def update_activity(self, activity_id: str, changes: dict[str, Any]) -> ActivityOut:
        request = pb.UpdateActivityRequest(
            id=activity_id,
            update_mask=list(changes),
            activity=input_message(pb.ActivityInput, changes),
        )
        return _activity(self._call(self._stub.UpdateActivity, request))

    def delete_activity(self, activity_id: str) -> None:
        """Deleted; the service's audit log keeps what it was and who deleted it."""
        self._call(self._stub.DeleteActivity, pb.GetRequest(id=activity_id))
