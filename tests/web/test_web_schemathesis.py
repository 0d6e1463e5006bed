"""schemathesis against our own OpenAPI (issue 10): requests generated from the documented
parameters of every operation, a bounded number each. No answer may be a 5xx, use a status
code or content type the OpenAPI does not document, or break the documented response schema.

(The pytest plugin of schemathesis 4 does not run under pytest 9, so each operation's
hypothesis strategy is driven directly.)
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="needs schemathesis (the dev extra)")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis import checks  # noqa: E402
from web_helpers import store_url_fixture  # noqa: E402, F401

# Enough to reach every parameter of every operation; the whole file runs in about a minute.
EXAMPLES_PER_OPERATION = 60
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]


@pytest.fixture(scope="module")
def api_schema(store_url: str):
    from rokhdad.web import create_app

    return schemathesis.openapi.from_asgi("/openapi.json", create_app(store_url))


def test_every_operation_is_covered(api_schema) -> None:
    labels = {r.ok().label for r in api_schema.get_all_operations()}
    assert {"GET /api/events", "GET /api/articles", "GET /api/articles/{article_id}"} <= labels
    assert len(labels) >= 10


def test_api_has_no_server_errors_and_keeps_its_schema(api_schema) -> None:
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def run(case) -> None:
            case.call_and_validate(checks=CHECKS)

        try:
            run()
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
