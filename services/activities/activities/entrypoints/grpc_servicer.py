"""The activities gRPC API: translates requests into use-case calls and results back."""

from __future__ import annotations

from collections.abc import Callable

from google.protobuf import empty_pb2

from activities.adapters.unit_of_work import ActivitiesUnitOfWork
from activities.entrypoints import messages as m
from activities.service import activities, tasks
from activities.service.records import RecordDirectory
from crm.activities.v1 import activities_pb2 as pb
from crm.activities.v1 import activities_pb2_grpc


class ActivitiesServicer(activities_pb2_grpc.ActivitiesServiceServicer):
    # Method names are gRPC's (N802 would have them snake_case).
    def __init__(
        self, new_uow: Callable[[], ActivitiesUnitOfWork], records: RecordDirectory
    ) -> None:
        self._new_uow = new_uow
        self._records = records

    def CreateTask(self, request, context):  # noqa: N802
        task = tasks.create_task(self._new_uow(), m.new_task(request.task), records=self._records)
        return m.task_message(task)

    def GetTask(self, request, context):  # noqa: N802
        return m.task_message(tasks.get_task(self._new_uow(), request.id, records=self._records))

    def UpdateTask(self, request, context):  # noqa: N802
        task = tasks.update_task(
            self._new_uow(), request.id, m.task_changes(request), records=self._records
        )
        return m.task_message(task)

    def ListTasks(self, request, context):  # noqa: N802
        page = tasks.list_tasks(
            self._new_uow(),
            m.task_filter(request.filter),
            records=self._records,
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return m.page_of(pb.ListTasksResponse, page, m.task_message)

    def CompleteTask(self, request, context):  # noqa: N802
        task = tasks.complete_task(
            self._new_uow(), request.id, request.outcome, records=self._records
        )
        return m.task_message(task)

    def ReopenTask(self, request, context):  # noqa: N802
        return m.task_message(tasks.reopen_task(self._new_uow(), request.id, records=self._records))

    def CancelTask(self, request, context):  # noqa: N802
        return m.task_message(tasks.cancel_task(self._new_uow(), request.id, records=self._records))

    def LogActivity(self, request, context):  # noqa: N802
        logged = activities.log_activity(
            self._new_uow(), m.new_activity(request.activity), records=self._records
        )
        return m.activity_message(logged)

    def GetActivity(self, request, context):  # noqa: N802
        found = activities.get_activity(self._new_uow(), request.id, records=self._records)
        return m.activity_message(found)

    def UpdateActivity(self, request, context):  # noqa: N802
        updated = activities.update_activity(
            self._new_uow(), request.id, m.activity_changes(request), records=self._records
        )
        return m.activity_message(updated)

    def ListActivities(self, request, context):  # noqa: N802
        page = activities.list_activities(
            self._new_uow(),
            m.activity_filter(request.filter),
            records=self._records,
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return m.page_of(pb.ListActivitiesResponse, page, m.activity_message)

    def DeleteActivity(self, request, context):  # noqa: N802
        activities.delete_activity(self._new_uow(), request.id, records=self._records)
        return empty_pb2.Empty()
