"""Read one deal four ways in one process, one caller, and print each path's p50: the sales
use case in-process, a bare gRPC server (only the caller bound), sales' own server (its
interceptor: identity, context, metrics, logs), and the gateway's Flask app (its hooks, auth,
validation and serialisation; no HTTP parsing). The differences are what each layer costs.

Quicker and steadier than `make bench` for one change, and a target for py-spy:

    .venv/bin/python bench/profile_read_deal.py --seconds 5
    .venv/bin/py-spy record -o gw.svg -- .venv/bin/python bench/profile_read_deal.py --only gateway

Everything runs on temporary SQLite files and 127.0.0.1 ports, and stops at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent import futures
from pathlib import Path

import grpc

from crm.common.v1 import money_pb2
from crm.sales.v1 import sales_pb2, sales_pb2_grpc
from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_metadata import outgoing_metadata
from crm_platform.identity_token import generate_key_pair
from crm_platform.request_context import Identity, bound
from crm_platform.unit_of_work import UnitOfWork

USER = Identity("profile-admin", frozenset({"admin"}))
PASSWORD = "profile-admin-1"
PATHS = ("in-process", "bare grpc", "grpc", "gateway")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3, help="per path")
    parser.add_argument("--only", choices=PATHS, help="measure this path alone (for py-spy)")
    args = parser.parse_args()
    if not os.environ.get("GATEWAY_IDENTITY_SIGNING_KEY"):
        private, public = generate_key_pair()
        os.environ["GATEWAY_IDENTITY_SIGNING_KEY"] = private
        os.environ["IDENTITY_GATEWAY_PUBLIC_KEY"] = public
    with (
        tempfile.TemporaryDirectory(prefix="crm-profile-") as tmp,
        Harness(Path(tmp), gateway=args.only in (None, "gateway")) as harness,
    ):
        for name in (args.only,) if args.only else PATHS:
            p50 = measure(harness.paths[name], args.seconds)
            print(f"{name:<12} p50 {p50 * 1000:7.3f} ms", flush=True)


def measure(call: Callable[[], object], seconds: float) -> float:
    for _ in range(200):  # warm caches, connections and tokens
        call()
    latencies = []
    until = time.perf_counter() + seconds
    while (started := time.perf_counter()) < until:
        call()
        latencies.append(time.perf_counter() - started)
    return statistics.median(latencies)


class Harness:
    """A migrated sales database with one deal, two sales servers on it, and a gateway app."""

    def __init__(self, tmp: Path, gateway: bool = True) -> None:
        from crm_platform.grpc_server.server import start_server
        from sales import bootstrap
        from sales.service.deals import get_deal
        from sales.settings import SalesSettings

        url = f"sqlite:///{tmp / 'sales.db'}"
        migrations.upgrade(bootstrap.MIGRATIONS, url)
        self.engine = make_engine(url)
        sessions = make_session_factory(self.engine)
        settings = SalesSettings(
            database_url=url, grpc_address="127.0.0.1:0", MARKETING_GRPC_ADDRESS="127.0.0.1:9"
        )
        self.bindings = bindings = bootstrap.grpc_bindings(settings, sessions)
        self.server = start_server("127.0.0.1:0", bindings, workers=4)
        # The same servicer with only the caller bound around it (the use case needs one): the
        # floor grpcio itself sets.
        self.bare = grpc.server(futures.ThreadPoolExecutor(max_workers=4), interceptors=[Bare()])
        bindings[0].add_to_server(bindings[0].servicer, self.bare)
        bare_port = self.bare.add_insecure_port("127.0.0.1:0")
        self.bare.start()
        self.channels = [
            grpc.insecure_channel(f"127.0.0.1:{port}") for port in (self.server.port, bare_port)
        ]
        stub, bare_stub = (sales_pb2_grpc.SalesServiceStub(c) for c in self.channels)
        self.metadata = metadata = outgoing_metadata(USER, "profile")
        self.deal_id = deal_id = _seed_deal(stub, metadata)
        self.request = request = sales_pb2.GetRequest(id=deal_id)
        self.stub, self.bare_stub = stub, bare_stub

        def in_process() -> object:
            with bound(USER, "profile"):
                return get_deal(UnitOfWork(sessions, "sales"), deal_id)

        self.paths: dict[str, Callable[[], object]] = {
            "in-process": in_process,
            "bare grpc": lambda: bare_stub.GetDeal(request, metadata=metadata, timeout=5),
            "grpc": lambda: stub.GetDeal(request, metadata=metadata, timeout=5),
        }
        self.app = None
        if gateway:  # the services' paths alone need none of the gateway's code
            self.app = _gateway_app(tmp, f"127.0.0.1:{self.server.port}")
            self.paths["gateway"] = _gateway_read(self.app, deal_id)

    def __enter__(self) -> Harness:
        return self

    def __exit__(self, *_exc: object) -> None:
        from gateway.http.current import EXTENSION

        if self.app is not None:
            self.app.extensions[EXTENSION].close()
        for channel in self.channels:
            channel.close()
        self.bare.stop(0)
        self.server.stop(0)
        self.engine.dispose()


class Bare(grpc.ServerInterceptor):
    """Binds the profile's caller around each call, and does nothing else."""

    def intercept_service(self, continuation, handler_call_details):
        from crm_platform.grpc_server.interceptors import _wrap

        def around(behaviour):
            def call(request, context):
                with bound(USER, "profile"):
                    return behaviour(request, context)

            return call

        return _wrap(continuation(handler_call_details), around)


def _seed_deal(stub, metadata) -> str:
    customer = stub.CreateCustomer(
        sales_pb2.CreateCustomerRequest(customer=sales_pb2.CustomerInput(name="Profile Co.")),
        metadata=metadata,
        timeout=5,
    )
    deal = stub.CreateDeal(
        sales_pb2.CreateDealRequest(
            deal=sales_pb2.DealInput(
                name="Profile deal",
                customer_id=customer.id,
                amount=money_pb2.Money(amount="12500.00", currency="CNY"),
            )
        ),
        metadata=metadata,
        timeout=5,
    )
    return deal.id


def _gateway_read(app, deal_id: str) -> Callable[[], object]:
    http = app.test_client()
    login = {"username": "admin", "password": PASSWORD}
    token = http.post("/api/v1/auth/login", json=login).get_json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}

    def read() -> object:
        response = http.get(f"/api/v1/deals/{deal_id}", headers=headers)
        assert response.status_code == 200, response.get_data(as_text=True)
        return response

    return read


def _gateway_app(tmp: Path, sales_address: str):
    from gateway.adapters.schema import upgrade_to_head
    from gateway.app import create_app
    from gateway.settings import GatewaySettings

    url = f"sqlite:///{tmp / 'gateway.db'}"
    engine = make_engine(url)
    upgrade_to_head(engine)
    engine.dispose()
    # Only sales answers; the other services and Kafka are a closed port nobody calls here.
    addresses = {
        f"{name}_grpc_address": "127.0.0.1:9" for name in ("marketing", "service_desk", "reporting")
    }
    settings = GatewaySettings(
        database_url=url,
        admin_password=PASSWORD,
        log_format="json",  # as deployed: the formatter is part of what a log line costs
        kafka_bootstrap_servers="127.0.0.1:9",
        sales_grpc_address=sales_address,
        **addresses,
    )
    return create_app(settings)


if __name__ == "__main__":
    main()
