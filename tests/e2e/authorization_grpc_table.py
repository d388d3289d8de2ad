"""The gRPC half of the authorization matrix: every method of marketing, the service desk and
reporting x caller -> the expected status code, called on each service's own port with the
caller's identity signed as the gateway signs it (sales has its object-level checks in
test_authorization_matrix.py).

Rows read `admin manager marketing rep_a rep_b service anonymous`, like the REST rows, and
say the same thing in gRPC's words: OK, NF (NOT_FOUND), PD (PERMISSION_DENIED),
UA (UNAUTHENTICATED), IA (INVALID_ARGUMENT). Where they differ from REST, a comment says why.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from e2e.authorization_activities import rep_a_call, rep_a_done_task, rep_a_task
from e2e.authorization_world import World, new_campaign, new_ticket, next_follow_up, ok, unique
from google.protobuf.timestamp_pb2 import Timestamp

from crm.activities.v1 import activities_pb2 as ac
from crm.marketing.v1 import marketing_pb2 as mk
from crm.reporting.v1 import reporting_pb2 as rp
from crm.service_desk.v1 import service_desk_pb2 as sd

CODES = {
    "OK": "OK",
    "NF": "NOT_FOUND",
    "PD": "PERMISSION_DENIED",
    "UA": "UNAUTHENTICATED",
    "IA": "INVALID_ARGUMENT",
}
# The request for one caller: a message, or an iterator of them for a client stream.
GrpcBuild = Callable[[World, str], Any]


def same(make: Callable[[World], Any]) -> GrpcBuild:
    return lambda w, caller: make(w)


def new_note(w: World) -> str:
    path = f"/api/v1/campaigns/{w.ids['campaign']}/notes"
    return ok(w.clients["marketing"].request("POST", path, json={"body": "x"}), 201)["id"]


def import_chunks(w: World, caller: str):
    data = f"name,type\n{unique('Imported over gRPC')},webinar\n".encode()
    return iter([mk.ImportCampaignsChunk(filename="campaigns.csv", data=data)])


def customer_on_timeline(w: World) -> rp.CustomerTimelineRequest:
    """The world's customer, once reporting's timeline has it (it follows sales' events)."""
    if "timeline_ready" not in w.ids:
        path = f"/api/v1/customers/{w.ids['customer']}/timeline"
        for _ in range(60):
            if not ok(w.admin.request("GET", path))["pending"]:
                break
            time.sleep(0.5)
        w.ids["timeline_ready"] = "yes"
    return rp.CustomerTimelineRequest(customer_id=w.ids["customer"])


def due(year: int = 2031) -> Timestamp:
    stamp = Timestamp()
    stamp.FromJsonString(f"{year}-01-01T09:00:00Z")
    return stamp


ALL = "OK OK OK OK OK OK UA"
CAMPAIGN_READ = "OK OK OK OK OK NF UA"
CAMPAIGN_CHANGE = "OK OK OK PD PD NF UA"
CAMPAIGN_CREATE = "OK OK OK PD PD PD UA"
DESK_CREATE = "OK OK PD PD PD OK UA"
DESK_OBJECT = "OK OK NF NF NF OK UA"
FOLLOW_UP = "OK OK NF OK NF OK UA"
# Reporting asks no identity of its own: a caller without the reading role is refused, and
# an anonymous caller has none (PD where REST, which knows no one is logged in, says 401).
FUNNEL = "OK OK PD OK OK PD PD"
READERS_ONLY = "OK OK PD PD PD PD PD"
# rep A's task or call on rep A's deal: seen as the deal is (sales answers for it)
ON_REP_A_DEAL = "OK OK NF OK NF NF UA"

# fmt: off
GRPC_TABLE: dict[tuple[str, str], tuple[str, GrpcBuild]] = {
    # marketing
    ("marketing", "CreateCampaign"): (CAMPAIGN_CREATE, same(
        lambda w: mk.CreateCampaignRequest(name=unique("gRPC fair"), type="webinar"))),
    ("marketing", "GetCampaign"): (CAMPAIGN_READ, same(
        lambda w: mk.GetCampaignRequest(id=w.ids["campaign"]))),
    ("marketing", "UpdateCampaign"): (CAMPAIGN_CHANGE, same(
        lambda w: mk.UpdateCampaignRequest(id=w.ids["campaign"], update_mask=["description"],
                                           description="over gRPC"))),
    ("marketing", "DeleteCampaign"): (CAMPAIGN_CHANGE, same(
        lambda w: mk.DeleteCampaignRequest(id=new_campaign(w)))),
    # ids the caller may not see count as unknown ones: NF, as for one of them
    ("marketing", "DeleteCampaigns"): (CAMPAIGN_CHANGE, same(
        lambda w: mk.DeleteCampaignsRequest(ids=[new_campaign(w)]))),
    ("marketing", "ListCampaigns"): (ALL, same(lambda w: mk.ListCampaignsRequest())),
    ("marketing", "AddCampaignNote"): (CAMPAIGN_CHANGE, same(
        lambda w: mk.AddCampaignNoteRequest(campaign_id=w.ids["campaign"], body="gRPC note"))),
    ("marketing", "ListCampaignNotes"): (CAMPAIGN_READ, same(
        lambda w: mk.ListCampaignNotesRequest(campaign_id=w.ids["campaign"]))),
    ("marketing", "UpdateCampaignNote"): (CAMPAIGN_CHANGE, same(
        lambda w: mk.UpdateCampaignNoteRequest(campaign_id=w.ids["campaign"],
                                               note_id=w.ids["campaign_note"], body="edited"))),
    ("marketing", "DeleteCampaignNote"): (CAMPAIGN_CHANGE, same(
        lambda w: mk.DeleteCampaignNoteRequest(campaign_id=w.ids["campaign"],
                                               note_id=new_note(w)))),
    ("marketing", "ImportCampaigns"): (CAMPAIGN_CREATE, import_chunks),
    # the export holds what the caller may read (service: the header only)
    ("marketing", "ExportCampaigns"): (ALL, same(
        lambda w: mk.ExportCampaignsRequest(ids=[w.ids["campaign"]]))),
    # service desk; scheduling and opening check the customer with sales as the caller
    ("service-desk", "ScheduleFollowUp"): (DESK_CREATE, same(
        lambda w: sd.ScheduleFollowUpRequest(customer_id=w.ids["customer"], subject="Visit",
                                             due_at=due()))),
    ("service-desk", "GetFollowUp"): (FOLLOW_UP, same(
        lambda w: sd.GetFollowUpRequest(id=w.ids["follow_up"]))),
    ("service-desk", "UpdateFollowUp"): (FOLLOW_UP, same(
        lambda w: sd.UpdateFollowUpRequest(id=w.ids["follow_up"], update_mask=["subject"],
                                           subject="Visit over gRPC"))),
    ("service-desk", "ListFollowUps"): (ALL, same(lambda w: sd.ListFollowUpsRequest())),
    ("service-desk", "CompleteFollowUp"): (FOLLOW_UP, same(
        lambda w: sd.CompleteFollowUpRequest(id=next_follow_up(w)["follow_up"], outcome="ok"))),
    ("service-desk", "CancelFollowUp"): (FOLLOW_UP, same(
        lambda w: sd.GetFollowUpRequest(id=next_follow_up(w)["follow_up"]))),
    ("service-desk", "OpenTicket"): (DESK_CREATE, same(
        lambda w: sd.OpenTicketRequest(customer_id=w.ids["customer"], subject="Noise",
                                       category="repair"))),
    ("service-desk", "GetTicket"): (DESK_OBJECT, same(
        lambda w: sd.GetTicketRequest(id=w.ids["ticket"]))),
    ("service-desk", "UpdateTicket"): (DESK_OBJECT, same(
        lambda w: sd.UpdateTicketRequest(id=w.ids["ticket"], update_mask=["subject"],
                                         subject="Loud noise"))),
    ("service-desk", "ListTickets"): (ALL, same(lambda w: sd.ListTicketsRequest())),
    ("service-desk", "TransitionTicket"): (DESK_OBJECT, same(
        lambda w: sd.TransitionTicketRequest(id=new_ticket(w), action="accept"))),
    ("service-desk", "AddTicketComment"): (DESK_OBJECT, same(
        lambda w: sd.AddTicketCommentRequest(ticket_id=w.ids["ticket"], body="on my way"))),
    ("service-desk", "ListTicketComments"): (DESK_OBJECT, same(
        lambda w: sd.ListTicketCommentsRequest(ticket_id=w.ids["ticket"]))),
    ("service-desk", "GetTicketHistory"): (DESK_OBJECT, same(
        lambda w: sd.GetTicketRequest(id=w.ids["ticket"]))),
    ("service-desk", "ListSurveys"): (ALL, same(lambda w: sd.ListSurveysRequest())),
    # the customer's answer needs no account: an unknown token is unknown to everyone (the
    # gateway's per-address budget, and so its 429, is not the service's business)
    ("service-desk", "AnswerSurvey"): (" ".join(["NF"] * 7), same(
        lambda w: sd.AnswerSurveyRequest(token="no-such-token-0000000000", score=5))),
    # reporting; its status (progress per topic, no business data) is open like /readyz
    ("reporting", "GetStatus"): ("OK OK OK OK OK OK OK", same(lambda w: rp.GetStatusRequest())),
    ("reporting", "GetFunnel"): (FUNNEL, same(lambda w: rp.FunnelRequest())),
    ("reporting", "GetLeadReport"): (READERS_ONLY, same(lambda w: rp.LeadReportRequest())),
    ("reporting", "GetCampaignReport"): (READERS_ONLY, same(
        lambda w: rp.CampaignReportRequest())),
    ("reporting", "GetSalesReport"): (READERS_ONLY, same(lambda w: rp.SalesReportRequest())),
    ("reporting", "GetServiceReport"): (READERS_ONLY, same(
        lambda w: rp.ServiceReportRequest())),
    # as sales answers for the customer: a rep sees their own, marketing none
    ("reporting", "GetCustomerTimeline"): ("OK OK NF OK NF OK NF", same(customer_on_timeline)),
    # activities
    ("activities", "CreateTask"): (ALL, same(
        lambda w: ac.CreateTaskRequest(task=ac.TaskInput(subject="gRPC task", due_at=due())))),
    ("activities", "GetTask"): (ON_REP_A_DEAL, same(
        lambda w: ac.GetRequest(id=rep_a_task(w)["task"]))),
    ("activities", "UpdateTask"): (ON_REP_A_DEAL, same(
        lambda w: ac.UpdateTaskRequest(id=rep_a_task(w)["task"], update_mask=["priority"],
                                       task=ac.TaskInput(priority="high")))),
    ("activities", "ListTasks"): (ALL, same(lambda w: ac.ListTasksRequest())),
    ("activities", "CompleteTask"): (ON_REP_A_DEAL, same(
        lambda w: ac.CompleteTaskRequest(id=rep_a_task(w)["task"]))),
    ("activities", "ReopenTask"): (ON_REP_A_DEAL, same(
        lambda w: ac.GetRequest(id=rep_a_done_task(w)["task"]))),
    ("activities", "CancelTask"): (ON_REP_A_DEAL, same(
        lambda w: ac.GetRequest(id=rep_a_task(w)["task"]))),
    ("activities", "LogActivity"): (ALL, same(
        lambda w: ac.LogActivityRequest(activity=ac.ActivityInput(kind="call", subject="x")))),
    ("activities", "GetActivity"): (ON_REP_A_DEAL, same(
        lambda w: ac.GetRequest(id=rep_a_call(w)["activity"]))),
    ("activities", "UpdateActivity"): (ON_REP_A_DEAL, same(
        lambda w: ac.UpdateActivityRequest(id=rep_a_call(w)["activity"], update_mask=["notes"],
                                           activity=ac.ActivityInput(notes="x")))),
    ("activities", "ListActivities"): (ALL, same(lambda w: ac.ListActivitiesRequest())),
    ("activities", "DeleteActivity"): (ON_REP_A_DEAL, same(
        lambda w: ac.GetRequest(id=rep_a_call(w)["activity"]))),
}
# fmt: on
