"""Everything the applicant page shows, gathered from the store in one unit of work."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from detector.console.activity_chart import activity_svg, activity_view, fit_summary
from detector.console.network_svg import network_svg
from detector.console.resume_diff import side_by_side
from detector.store import queries
from detector.store.schema import Applicant

NETWORK_LIMIT = 60


@dataclass
class ApplicantPage:
    detail: queries.ApplicantDetail
    history: list[queries.ScoreEntry]
    links: list[queries.LinkEntry]
    proposal_text: str | None
    chart: Markup
    chart_summary: str
    network: Markup
    network_size: int
    network_truncated: bool
    known_fronts: list[str]
    resume_left: Markup | None
    resume_right: Markup | None
    shared_words: float | None


def _labels(session: Session, applicant_ids: list[str]) -> dict[str, float | None]:
    rows = session.execute(select(Applicant.applicant_id, Applicant.label)
                           .where(Applicant.applicant_id.in_(applicant_ids)))
    return {aid: label for aid, label in rows}


def _proposal(session: Session, applicant_id: str) -> str | None:
    return session.scalar(select(Applicant.proposal_text).where(Applicant.applicant_id == applicant_id))


def applicant_page(session: Session, applicant_id: str) -> ApplicantPage:
    """Raises ``queries.NotFound`` for an unknown id."""
    detail = queries.applicant_detail(session, applicant_id)
    graph = queries.network(session, applicant_id, limit=NETWORK_LIMIT)
    labels = _labels(session, [n["id"] for n in graph.nodes])
    fronts = {aid for aid, label in labels.items() if label == 1.0 and aid != applicant_id}
    view = activity_view(detail.activity_hours, detail.claimed_timezone, detail.claimed_country,
                         detail.created_at)
    left = right = None
    shared = None
    dup = detail.nearest_duplicate
    if dup is not None and detail.resume_text and dup.resume_text:
        left, right, shared = side_by_side(detail.resume_text, dup.resume_text)
    return ApplicantPage(
        detail=detail, history=queries.score_history(session, applicant_id),
        links=queries.links(session, applicant_id), proposal_text=_proposal(session, applicant_id),
        chart=activity_svg(view), chart_summary=fit_summary(view),
        network=network_svg(graph.nodes, graph.edges, fronts), network_size=len(graph.nodes),
        network_truncated=graph.truncated, known_fronts=sorted(fronts),
        resume_left=left, resume_right=right, shared_words=shared)

