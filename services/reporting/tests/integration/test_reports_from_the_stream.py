"""A day of events through the real broker into reporting on PostgreSQL: each report over gRPC
shows it once (a duplicate record changes nothing); lag goes to zero and readiness follows;
then `rebuild` replays every topic into a fresh database whose reports equal the live ones."""

from __future__ import annotations

import uuid
from datetime import timedelta

import grpc
import pytest
from tenacity import retry, stop_after_delay, wait_fixed

from crm.reporting.v1 import reporting_pb2 as pb
from crm.reporting.v1 import reporting_pb2_grpc
from crm_platform import migrations
from crm_platform.consumer import EventConsumer
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_metadata import as_caller
from crm_platform.grpc_server.server import start_server
from crm_platform.kafka_clients import make_consumer, make_producer
from crm_platform.request_context import Identity
from crm_platform.topics import EVENT_TOPICS
from crm_platform.unit_of_work import UnitOfWork
from reporting.adapters.kafka_offsets import KafkaOffsets
from reporting.bootstrap import MIGRATIONS, grpc_bindings
from reporting.domain.lag import lag_per_topic
from reporting.domain.window import EVERYTHING, Window
from reporting.entrypoints.event_handlers import event_handlers
from reporting.entrypoints.lag_monitor import LagMonitor
from reporting.entrypoints.rebuild import rebuild
from reporting.service import reports
from reporting.settings import CONSUMER_GROUP, ReportingSettings

MANAGER = Identity("boss", frozenset({"manager"}))


@pytest.fixture
def live_url(postgres_cluster) -> str:
    url = postgres_cluster.create_database(f"reporting_{uuid.uuid4().hex[:10]}")
    migrations.upgrade(MIGRATIONS, url)
    return url


def every_report(url: str, day) -> dict:
    engine = make_engine(url)
    new_uow = lambda: UnitOfWork(make_session_factory(engine), "reporting")  # noqa: E731
    mine = Window(day.start, day.start + timedelta(days=1))
    try:
        return {
            name: (answer.report, answer.as_of)
            for name, answer in {
                "funnel": reports.get_funnel(new_uow(), MANAGER, EVERYTHING),
                "funnel_mine": reports.get_funnel(new_uow(), MANAGER, mine, day.owner),
                "leads": reports.get_lead_report(new_uow(), MANAGER, EVERYTHING),
                "campaigns": reports.get_campaign_report(new_uow(), MANAGER),
                "sales": reports.get_sales_report(new_uow(), MANAGER, EVERYTHING, "day"),
                "service": reports.get_service_report(new_uow(), MANAGER, EVERYTHING),
                "service_day": reports.get_service_report(new_uow(), MANAGER, mine),
            }.items()
        }
    finally:
        engine.dispose()


def test_reports_from_the_stream_and_rebuilt_equal(kafka_broker, postgres_cluster, live_url,
                                                   published_day):  # fmt: skip
    day, bootstrap = published_day, kafka_broker.bootstrap_servers
    engine = make_engine(live_url)
    offsets = KafkaOffsets(bootstrap)
    monitor = LagMonitor(lambda: KafkaOffsets(bootstrap), CONSUMER_GROUP, max_lag=0)
    measure(monitor)
    assert not monitor.current()[1], "events wait on the topics: not ready"
    handlers = event_handlers(None)
    consumer = EventConsumer(
        make_consumer(bootstrap, CONSUMER_GROUP, sorted(handlers), "reporting-test"),
        make_producer(bootstrap, "reporting-test-dlq"),
        make_session_factory(engine),
        handlers,
        poll_timeout_ms=200,
    )
    settings = ReportingSettings(database_url=live_url, grpc_address="127.0.0.1:0")
    server = start_server("127.0.0.1:0", grpc_bindings(settings, make_session_factory(engine)))
    channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
    stub = reporting_pb2_grpc.ReportingServiceStub(channel)
    window = dict(from_time=day.start, to_time=day.start + timedelta(days=1))
    manager = as_caller("boss", "manager")

    # Generous: on a loaded two-core machine a fresh broker's group coordinator can be slow.
    @retry(stop=stop_after_delay(120), wait=wait_fixed(0), reraise=True)
    def caught_up() -> None:
        consumer.poll_once()
        lag = {t: n for t, n in _lag(offsets).items() if t in {e.name for e in EVENT_TOPICS}}
        assert not any(lag.values()), lag

    try:
        caught_up()
        measure(monitor)
        assert monitor.current() == ({t.name: 0 for t in EVENT_TOPICS}, True)

        funnel = stub.GetFunnel(pb.FunnelRequest(owner_id=day.owner, **window), metadata=manager)
        assert funnel.HasField("as_of")
        stages = {s.stage: s for s in funnel.stages}
        assert stages["closed_won"].count == 1 and stages["closed_won"].amount == "1000.00"
        assert stages["closed_lost"].count == 1
        assert stages["qualification"].conversion_to_next == 1.0  # won moved on; lost began later
        # The deleted deal, whatever order its late edit and tombstone arrived in, is in no stage.
        assert sum(s.count for s in funnel.stages) == 2 and stages["qualification"].count == 0
        own = stub.GetFunnel(pb.FunnelRequest(), metadata=as_caller(day.owner, "sales"))
        assert {s.stage: s.count for s in own.stages}["closed_won"] == 1
        with pytest.raises(grpc.RpcError) as refused:
            stub.GetCampaignReport(pb.CampaignReportRequest(), metadata=as_caller("x", "sales"))
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED

        leads = stub.GetLeadReport(pb.LeadReportRequest(**window), metadata=manager)
        assert (leads.created, leads.converted, leads.conversion_rate) == (2, 1, 0.5)
        assert {r.key: r.converted for r in leads.by_source} == {"trade_show": 1, "chat": 0}

        campaigns = stub.GetCampaignReport(pb.CampaignReportRequest(), metadata=manager)
        (fair,) = [c for c in campaigns.campaigns if c.campaign_id == day.campaign]
        assert (fair.leads, fair.converted, fair.deals_won) == (2, 1, 1)
        assert (fair.revenue, fair.cost, fair.roi, fair.currency) == ("1000.00", "400.00", 1.5,
                                                                       "EUR")  # fmt: skip

        sales = stub.GetSalesReport(
            pb.SalesReportRequest(period="day", owner_id=day.owner, **window), metadata=manager
        )
        (row,) = sales.rows
        assert (row.won, row.lost, row.won_amount, row.win_rate) == (1, 1, "1000.00", 0.5)
        assert row.average_cycle_days == round(3 / 24, 2)

        service = stub.GetServiceReport(pb.ServiceReportRequest(**window), metadata=manager)
        assert (service.tickets_opened, service.tickets_resolved, service.sla_breaches) == (1, 1, 1)
        assert service.mean_time_to_resolve_hours == 3.0 and service.average_satisfaction == 4.0
        assert (service.follow_ups_due, service.follow_ups_done, service.follow_ups_overdue) == (
            2, 1, 1)  # fmt: skip
    finally:
        consumer.close()  # leaves the group, as stopping `crm-reporting consume` does
        channel.close()
        server.stop(0)
        engine.dispose()
        offsets.close()

    live = every_report(live_url, day)
    fresh_url = postgres_cluster.create_database(f"rebuilt_{uuid.uuid4().hex[:10]}")
    rebuild(ReportingSettings(database_url=live_url, rebuild_database_url=fresh_url,
                              kafka_bootstrap_servers=bootstrap))  # fmt: skip
    rebuilt = every_report(fresh_url, day)
    assert rebuilt == live
    assert live["funnel_mine"][0] and live["campaigns"][0]  # the comparison compared something


def test_sqlite_rebuild_renames_the_new_file_over_the_live_one(kafka_broker, published_day,
                                                               tmp_path):  # fmt: skip
    live = tmp_path / "reporting.db"
    url = f"sqlite:///{live}"
    migrations.upgrade(MIGRATIONS, url)  # an empty live database standing for a broken one
    before = live.stat().st_ino
    rebuild(
        ReportingSettings(database_url=url, kafka_bootstrap_servers=kafka_broker.bootstrap_servers)
    )
    assert live.stat().st_ino != before and not (tmp_path / "reporting.db.rebuild").exists()
    report = every_report(url, published_day)
    assert sum(row.count for row in report["funnel_mine"][0]) == 2


def measure(monitor: LagMonitor) -> None:
    """One lag measurement that succeeded: a fresh broker may not have its group coordinator
    yet (CoordinatorNotAvailable), which the monitor logs and skips, keeping its last state."""

    @retry(stop=stop_after_delay(60), wait=wait_fixed(0.5), reraise=True)
    def measured() -> None:
        before = monitor.current()[0]
        monitor.check_once()
        assert monitor.current()[0] is not before, "no lag measured yet"

    measured()


def _lag(offsets: KafkaOffsets) -> dict[str, int]:
    end = offsets.end_offsets(t.name for t in EVENT_TOPICS)
    return lag_per_topic(end, offsets.committed(CONSUMER_GROUP))
