"""schemathesis against the running stack's OpenAPI document: every operation, as the admin,
with data that fits the schema and data that does not. No answer may be a 5xx, use a status
code, media type or header the operation does not document, or break the schema documented
for it. The admin's token is kept for the whole run: no request that carries it is answered
401, and it still works at the end.

Bounded: a fixed number of examples per operation and mode (about 2,400 requests in all, in
about 30 s on a quiet machine), no shrinking, and a time budget that fails the test rather
than letting it run on; derandomized, so every run sends the same requests. Failures are
collected, not raised at the first, so one run lists every operation that misbehaves (the
first example of each kind of failure).
"""

from __future__ import annotations

import time
from collections import defaultdict

import requests
import schemathesis
from e2e.api_client import ApiClient
from e2e.stack import Stack
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES_PER_MODE = 13  # per operation: 94 operations, positive and negative
MIN_REQUESTS = 2000
TIME_BUDGET_SECONDS = 240
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Logging out revokes the token it is sent with: that operation gets a token of its own.
LOGOUT = "POST /api/v1/auth/logout"
# It reads no token: its 401 says the generated password was wrong.
LOGIN = "POST /api/v1/auth/login"


def test_every_operation_answers_generated_input_as_documented(stack: Stack) -> None:
    report = fuzz(stack.base_url, stack.admin_password)

    print(report.summary())
    assert report.sent >= MIN_REQUESTS, report.summary()
    assert not report.failures, report.summary()
    assert not report.refused_token, report.summary()
    assert report.token_still_works(), "the admin's token no longer works after the run"
    # The generated logins did not lock the admin out of the tests that follow.
    ApiClient(stack.base_url).logged_in("admin", stack.admin_password)


class OutOfTime(Exception):
    pass


class Fuzzer:
    def __init__(self, base_url: str, token: str, logout_token: str) -> None:
        self.base_url = base_url
        self.tokens = {"": f"Bearer {token}", LOGOUT: f"Bearer {logout_token}"}
        self.session = requests.Session()
        self.deadline = time.monotonic() + TIME_BUDGET_SECONDS
        self.sent = 0
        self.refused_token: list[str] = []  # operations that answered 401 to the admin's token
        # operation → first failure message of each kind
        self.failures: dict[str, dict[str, str]] = defaultdict(dict)

    def send(self, case: schemathesis.Case) -> None:
        if time.monotonic() > self.deadline:
            raise OutOfTime(f"over {TIME_BUDGET_SECONDS} s, after {self.sent} requests")
        label = case.operation.label
        headers = {"Authorization": self.tokens.get(label, self.tokens[""])}
        response = case.call(self.base_url, self.session, headers, timeout=10)
        self.sent += 1
        # Negative cases may send no token or a mangled one: only a 401 to ours counts.
        sent = response.request.headers.get("Authorization")
        if response.status_code == 401 and sent == self.tokens[""] and label != LOGIN:
            self.refused_token.append(label)
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except FailureGroup as failed:
            kind = f"{response.status_code} {sorted(type(e).__name__ for e in failed.exceptions)}"
            self.failures[label].setdefault(kind, str(failed)[:2000])

    def token_still_works(self) -> bool:
        me = self.session.get(
            f"{self.base_url}/api/v1/me", headers={"Authorization": self.tokens[""]}, timeout=10
        )
        return me.status_code == 200

    def summary(self) -> str:
        lines = [
            f"{self.sent} requests, failures in {len(self.failures)} operations, "
            f"the admin's token refused by {sorted(set(self.refused_token))}"
        ]
        for label, found in sorted(self.failures.items()):
            lines += [f"--- {label}", *found.values()]
        return "\n".join(lines)


def fuzz(base_url: str, admin_password: str) -> Fuzzer:
    anonymous = ApiClient(base_url)
    token, logout_token = (
        anonymous.logged_in("admin", admin_password).session.headers["Authorization"][7:]
        for _ in range(2)
    )
    schema = schemathesis.openapi.from_url(f"{base_url}/api/v1/openapi.json", timeout=10)
    fuzzer = Fuzzer(base_url, token, logout_token)
    bounded = settings(
        max_examples=EXAMPLES_PER_MODE,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure is kept as found
        suppress_health_check=list(HealthCheck),
    )
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                bounded(given(case=operation.as_strategy(generation_mode=mode))(fuzzer.send))()
            except Unsatisfiable:  # an operation without parameters has nothing to negate
                assert mode is GenerationMode.NEGATIVE, operation.label
    return fuzzer
