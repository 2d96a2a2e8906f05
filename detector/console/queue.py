"""The review queue with the console's filters: band, reason code, scoring date, status, assignee,
id or name.

``queries.review_queue`` covers band, status and assignee; the console also filters by the
reason codes of the latest score and by when it was scored. Reasons are stored as a JSON list
on each score, and JSON operators differ between SQLite and PostgreSQL, so the reason filter
matches the serialised text (``"code": "X"``) of the latest score, which both back ends store
the same way. Codes are checked against the catalogue first, so the pattern is never user text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Text, cast, func, or_, select
from sqlalchemy.orm import Session

from detector.errors import InputError
from detector.features.catalogue import FEATURES
from detector.store import queries
from detector.store.schema import Applicant, Assignment, Score, User

REASON_CODES: tuple[str, ...] = tuple(sorted({f.reason_code for f in FEATURES}))
QUEUE_BANDS = ("review", "high")
PAGE_SIZE = 25


@dataclass
class ConsoleFilters:
    """Queue filters as the form sends them; empty strings mean any."""

    band: str = ""  # "" = review and high; "high", "review", "low", "all"
    reason: str = ""
    scored_from: date | None = None
    scored_to: date | None = None
    status: str = "open"  # open | decided | "" (any)
    assignee: str = ""  # username, "-" unassigned, "" any
    search: str = ""  # applicant id prefix or part of the name

    def check(self) -> None:
        if self.band not in ("", "all", "low", *QUEUE_BANDS):
            raise InputError(f"band {self.band!r} is unknown; use high, review, low or all")
        if self.reason and self.reason not in REASON_CODES:
            raise InputError(f"reason code {self.reason!r} is unknown")
        if self.status not in ("", "open", "decided"):
            raise InputError(f"status {self.status!r} is unknown; use open or decided")


def _latest_score_pks():
    return select(func.max(Score.pk)).group_by(Score.applicant_pk)


def console_queue(session: Session, filters: ConsoleFilters, page: int = 1,
                  page_size: int = PAGE_SIZE) -> queries.QueuePage:
    """Scored applicants matching ``filters``, highest score first, one page and the total."""
    filters.check()
    page = max(1, page)
    query = select(Applicant).where(Applicant.score.is_not(None))
    if filters.band == "":
        query = query.where(Applicant.band.in_(QUEUE_BANDS))
    elif filters.band != "all":
        query = query.where(Applicant.band == filters.band)
    if filters.status:
        query = query.where(Applicant.status == filters.status)
    if filters.scored_from:
        query = query.where(Applicant.scored_at >= datetime.combine(filters.scored_from, time()))
    if filters.scored_to:
        query = query.where(Applicant.scored_at < datetime.combine(filters.scored_to + timedelta(days=1), time()))
    if filters.reason:
        pattern = f'%"code": "{filters.reason}"%'
        query = query.where(Applicant.pk.in_(
            select(Score.applicant_pk).where(Score.pk.in_(_latest_score_pks()),
                                             cast(Score.reasons, Text).like(pattern))))
    if filters.search.strip():
        text = filters.search.strip()
        query = query.where(or_(Applicant.applicant_id.startswith(text, autoescape=True),
                                func.lower(Applicant.full_name).contains(text.lower(), autoescape=True)))
    if filters.assignee == "-":
        query = query.where(Applicant.pk.not_in(select(Assignment.applicant_pk)))
    elif filters.assignee:
        query = query.where(Applicant.pk.in_(
            select(Assignment.applicant_pk).join(User, User.pk == Assignment.user_pk)
            .where(User.username == filters.assignee)))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = list(session.scalars(query.order_by(Applicant.score.desc(), Applicant.pk)
                                .offset((page - 1) * page_size).limit(page_size)))
    return queries.QueuePage(items=_items(session, rows), total=total, page=page, page_size=page_size)


def _items(session: Session, rows: list[Applicant]) -> list[queries.QueueItem]:
    """Queue rows as ``queries.review_queue`` builds them (same assignee, network and reasons)."""
    pks = [r.pk for r in rows]
    assignees = queries._assignees(session, pks)
    sizes = queries._component_sizes(session, [r.component_id for r in rows])
    latest = queries._latest_scores(session, pks)
    return [queries.QueueItem(applicant_id=r.applicant_id, full_name=r.full_name,
                              claimed_country=r.claimed_country, score=r.score, band=r.band,
                              status=r.status, scored_at=r.scored_at, assignee=assignees.get(r.pk),
                              component_size=sizes.get(r.component_id, 1),
                              top_reasons=queries._top_codes(latest.get(r.pk)))
            for r in rows]
