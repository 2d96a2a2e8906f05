"""The OpenAPI document is served, and generated requests never break the API (schemathesis)."""

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.store_support import auth


def test_openapi_document_lists_every_endpoint(api):
    document = api.get("/openapi.json").json()
    assert {"/v1/score", "/v1/applicants/{applicant_id}", "/v1/applicants/{applicant_id}/links",
            "/v1/applicants/{applicant_id}/decision", "/v1/labels", "/health", "/metrics"} <= set(document["paths"])
    assert "ErrorBody" in document["components"]["schemas"]


def test_generated_requests_get_documented_answers(api):
    """Up to 20 generated requests per operation: no 500, documented status, body matches the schema."""
    loaded = schemathesis.openapi.from_asgi("/openapi.json", api.app)
    operations = [result.ok() for result in loaded.get_all_operations()]
    assert len(operations) == 7
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=20, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            case.call_and_validate(headers=auth(api), checks=CHECKS)

        run()


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
