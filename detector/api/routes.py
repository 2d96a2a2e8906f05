"""The HTTP API (``/v1``): thin handlers that parse, call one store function and shape the answer."""

from __future__ import annotations

import asyncio
import io
import math
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import PlainTextResponse, Response

from detector.api.auth import require_scope
from detector.api.errors import ApiError
from detector.api.schemas import (
    ApplicantIn,
    ApplicantOut,
    DecisionIn,
    DecisionOut,
    ErrorBody,
    Health,
    LabelsOut,
    LinksOut,
    ScoreResponse,
)
from detector.store import queries
from detector.store.accounts import Principal

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody} for status in (401, 403, 404, 413, 422, 500)}
router = APIRouter()
ScoreKey = Annotated[Principal, Depends(require_scope("score"))]
ReadKey = Annotated[Principal, Depends(require_scope("read"))]
DecideKey = Annotated[Principal, Depends(require_scope("decide"))]
MAX_APPLICANTS_PER_REQUEST = 1000


def _utc(value: datetime | None) -> datetime | None:
    """The store keeps naive UTC; the API says so explicitly."""
    return None if value is None else value.replace(tzinfo=UTC)


def _finite(x: float) -> float:
    return float(x) if math.isfinite(float(x)) else 0.0


@router.post("/v1/score", response_model=ScoreResponse, responses=ERRORS, tags=["scoring"],
             summary="Score one applicant or a list against the store, and add them to it")
async def score(request: Request,
                body: Annotated[ApplicantIn | list[ApplicantIn], Body(description="nested form of INPUT.md")],
                principal: ScoreKey) -> dict:
    # async: the request waits for the scoring thread's answer on the event loop, not in a
    # thread of the pool (two thread hand-offs less per score: the call and the serialisation)
    items = body if isinstance(body, list) else [body]
    if not items:
        raise ApiError(422, "the request holds no applicants", [{"field": "body", "reason": "empty list"}])
    if len(items) > MAX_APPLICANTS_PER_REQUEST:
        raise ApiError(413, f"at most {MAX_APPLICANTS_PER_REQUEST} applicants per request")
    records = [item.model_dump(exclude_none=True) for item in items]
    result = await asyncio.wrap_future(request.app.state.batcher.submit(records, principal.actor))
    metrics = request.app.state.metrics
    results = []
    for row, found in zip(result.records(), result.links, strict=True):
        metrics.scored.labels(row["band"]).inc()
        results.append({
            "applicant_id": row["applicant_id"], "score": float(row["score"]), "band": row["band"],
            "reasons": [{**r, "contribution": _finite(r["contribution"])} for r in row["reasons"]],
            "model_version": row["model_version"],
            "sanctions_hits": row["sanctions_hits"], "feed_versions": row["feed_versions"],
            "linked_profiles": [{"applicant_id": other_id, "link": kind, "similarity": round(float(sim), 4)}
                                for _, other_id, kind, sim in found.pairs],
            "component_size": int(found.features["link_component_size"]),
        })
    return {"results": results}


@router.get("/v1/applicants/{applicant_id}", response_model=ApplicantOut, responses=ERRORS,
            tags=["applicants"], summary="A stored applicant: latest score, reasons, decisions")
def get_applicant(request: Request, applicant_id: str,
                  principal: ReadKey) -> dict:
    with request.app.state.store.read_session() as session:
        detail = queries.applicant_detail(session, applicant_id)
    score = detail.score
    return {
        "applicant_id": detail.applicant_id, "full_name": detail.full_name,
        "created_at": _utc(detail.created_at), "claimed_country": detail.claimed_country,
        "claimed_city": detail.claimed_city, "claimed_timezone": detail.claimed_timezone,
        "agency_id": detail.agency_id, "status": detail.status, "label": detail.label,
        "score": None if score is None else {
            "scored_at": _utc(score.scored_at), "score": score.score, "band": score.band,
            "reasons": score.reasons, "model_version": score.model_version, "source": score.source},
        "component_size": detail.component_size, "assignee": detail.assignee,
        "decisions": [{**vars(d), "decided_at": _utc(d.decided_at)} for d in detail.decisions],
    }


@router.get("/v1/applicants/{applicant_id}/links", response_model=LinksOut, responses=ERRORS,
            tags=["applicants"], summary="Profiles linked to a stored applicant and what links them")
def get_links(request: Request, applicant_id: str,
              principal: ReadKey) -> dict:
    with request.app.state.store.read_session() as session:
        found = queries.links(session, applicant_id)
        size = queries.applicant_detail(session, applicant_id).component_size
    return {"applicant_id": applicant_id, "component_size": size,
            "links": [{"applicant_id": e.other_id, "link": e.kind, "similarity": e.similarity,
                       "band": e.other_band, "score": e.other_score} for e in found]}


@router.post("/v1/applicants/{applicant_id}/decision", response_model=DecisionOut, status_code=201,
             responses=ERRORS, tags=["applicants"], summary="Record an analyst decision (note required)")
def post_decision(request: Request, applicant_id: str, body: DecisionIn,
                  principal: DecideKey) -> dict:
    with request.app.state.store.session() as session:
        entry = queries.record_decision(session, applicant_id, body.decision, body.note, principal.actor)
    return {**vars(entry), "decided_at": _utc(entry.decided_at)}


@router.get("/v1/labels", response_model=LabelsOut, tags=["labels"],
            responses={**ERRORS, 200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
            summary="Analyst decisions as a labels table for retraining (JSON, or CSV with format=csv)")
def get_labels(request: Request, principal: ReadKey,
               format: Annotated[str, Query(pattern="^(json|csv)$")] = "json"):
    with request.app.state.store.session() as session:
        table = queries.labels_table(session, principal.actor)
    if format == "csv":
        buffer = io.StringIO()
        table.to_csv(buffer, index=False)
        return Response(buffer.getvalue(), media_type="text/csv")
    rows = table.to_dict("records")
    return {"labels": [{**r, "decided_at": _utc(r["decided_at"].to_pydatetime())} for r in rows]}


@router.get("/health", response_model=Health, tags=["service"], summary="Liveness and store reachability")
def health(request: Request) -> dict:
    from sqlalchemy import text

    state = request.app.state
    try:
        with state.store.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        store = "ok"
    except Exception:
        store = "unreachable"
    return {"status": "ok" if store == "ok" else "degraded", "store": store,
            "model_version": state.engine.model.model_version}


@router.get("/metrics", response_class=PlainTextResponse, responses=ERRORS, tags=["service"],
            summary="Prometheus metrics")
def metrics(request: Request, principal: ReadKey) -> Response:
    state = request.app.state
    with state.store.read_session() as session:
        counts = queries.store_counts(session)
    for key, value in counts.items():
        if key.startswith("status_"):
            state.metrics.store_applicants.labels(key.removeprefix("status_")).set(value)
    return Response(state.metrics.render(), media_type="text/plain; version=0.0.4")
