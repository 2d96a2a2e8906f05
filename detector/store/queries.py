"""What the API and the console ask of the store: the review queue, one applicant, its links,
score history, decisions, assignments, the audit log and the labels export.

Every function takes an open SQLAlchemy ``Session`` (``Store.session()``) and returns plain
dataclasses, so callers never write SQL. Writes add their audit entry in the same transaction.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import pandas as pd
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from detector.errors import InputError
from detector.store.audit import audit, utcnow
from detector.store.schema import (
    DECISIONS,
    Applicant,
    Assignment,
    AuditEntry,
    Decision,
    Link,
    Score,
    StoredSession,
    User,
)

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class NotFound(LookupError):
    """No applicant (or user) with that id in the store."""


@dataclass
class QueueFilters:
    """Review-queue filters; None means any."""

    band: str | None = None  # low | review | high
    status: str | None = "open"  # open | decided
    assignee: str | None = None  # username; "" means unassigned
    country: str | None = None  # claimed country
    min_score: float | None = None
    search: str | None = None  # applicant id prefix


@dataclass
class QueueItem:
    applicant_id: str
    full_name: str | None
    claimed_country: str | None
    score: float | None
    band: str | None
    status: str
    scored_at: datetime | None
    assignee: str | None
    component_size: int
    top_reasons: list[str]


@dataclass
class QueuePage:
    items: list[QueueItem]
    total: int
    page: int
    page_size: int


@dataclass
class ScoreEntry:
    scored_at: datetime
    score: float
    band: str
    reasons: list[dict]
    model_version: str
    source: str
    score_id: int


@dataclass
class DecisionEntry:
    decision: str
    note: str
    actor: str
    decided_at: datetime


@dataclass
class LinkEntry:
    """A concealed link from this applicant to another, by the kind of identifier they share."""

    other_id: str
    kind: str  # payout, phone, email, device, residential_ip, resume, proposal, photo
    similarity: float
    other_name: str | None
    other_band: str | None
    other_score: float | None


@dataclass
class SessionGroup:
    country: str | None
    asn: int | None
    asn_org: str | None
    anonymiser: str | None
    sessions: int


@dataclass
class NearestDuplicate:
    applicant_id: str
    full_name: str | None
    similarity: float
    resume_text: str | None


@dataclass
class ApplicantDetail:
    applicant_id: str
    full_name: str | None
    created_at: datetime | None
    claimed_country: str | None
    claimed_city: str | None
    claimed_timezone: str | None
    hourly_rate_usd: float | None
    github_url: str | None
    agency_id: str | None
    status: str
    label: float | None
    score: ScoreEntry | None
    activity_hours: list[float]  # 24 values, session hours by UTC hour
    sessions_by_network: list[SessionGroup]
    session_countries: dict[str, int]
    resume_text: str | None
    nearest_duplicate: NearestDuplicate | None
    assignee: str | None
    component_size: int
    decisions: list[DecisionEntry] = field(default_factory=list)


@dataclass
class Graph:
    """The applicant's component (up to a limit) as nodes and link edges, for the network view."""

    nodes: list[dict]  # {id, name, band, score, is_focus}
    edges: list[dict]  # {source, target, kind, similarity}
    truncated: bool


def _applicant(session: Session, applicant_id: str) -> Applicant:
    row = session.scalar(select(Applicant).where(Applicant.applicant_id == applicant_id))
    if row is None:
        raise NotFound(f"no applicant {applicant_id!r} in the store")
    return row


def _assignees(session: Session, pks: list[int]) -> dict[int, str]:
    if not pks:
        return {}
    rows = session.execute(select(Assignment.applicant_pk, User.username)
                           .join(User, User.pk == Assignment.user_pk)
                           .where(Assignment.applicant_pk.in_(pks)))
    return {pk: name for pk, name in rows}


def _component_sizes(session: Session, component_ids: list[int]) -> dict[int, int]:
    if not component_ids:
        return {}
    rows = session.execute(select(Applicant.component_id, func.count())
                           .where(Applicant.component_id.in_(set(component_ids)))
                           .group_by(Applicant.component_id))
    return {c: n for c, n in rows}


def review_queue(session: Session, filters: QueueFilters | None = None, page: int = 1,
                 page_size: int = PAGE_SIZE) -> QueuePage:
    """Scored applicants, highest score first, filtered and paged."""
    filters = filters or QueueFilters()
    page, page_size = max(1, page), min(max(1, page_size), MAX_PAGE_SIZE)
    query = select(Applicant).where(Applicant.score.is_not(None))
    if filters.band:
        query = query.where(Applicant.band == filters.band)
    if filters.status:
        query = query.where(Applicant.status == filters.status)
    if filters.country:
        query = query.where(Applicant.claimed_country == filters.country.upper())
    if filters.min_score is not None:
        query = query.where(Applicant.score >= filters.min_score)
    if filters.search:
        query = query.where(Applicant.applicant_id.startswith(filters.search, autoescape=True))
    if filters.assignee is not None:
        assigned = select(Assignment.applicant_pk)
        if filters.assignee == "":
            query = query.where(Applicant.pk.not_in(assigned))
        else:
            query = query.where(Applicant.pk.in_(
                assigned.join(User, User.pk == Assignment.user_pk)
                .where(User.username == filters.assignee)))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = list(session.scalars(query.order_by(Applicant.score.desc(), Applicant.pk)
                                .offset((page - 1) * page_size).limit(page_size)))
    assignees = _assignees(session, [r.pk for r in rows])
    sizes = _component_sizes(session, [r.component_id for r in rows])
    latest = _latest_scores(session, [r.pk for r in rows])
    items = [QueueItem(applicant_id=r.applicant_id, full_name=r.full_name,
                       claimed_country=r.claimed_country, score=r.score, band=r.band,
                       status=r.status, scored_at=r.scored_at, assignee=assignees.get(r.pk),
                       component_size=sizes.get(r.component_id, 1),
                       top_reasons=_top_codes(latest.get(r.pk)))
             for r in rows]
    return QueuePage(items=items, total=total, page=page, page_size=page_size)


def _top_codes(entry: ScoreEntry | None, n: int = 3) -> list[str]:
    return [r["code"] for r in entry.reasons[:n]] if entry is not None else []


def _latest_scores(session: Session, pks: list[int]) -> dict[int, ScoreEntry]:
    if not pks:
        return {}
    newest = (select(Score.applicant_pk, func.max(Score.pk).label("pk"))
              .where(Score.applicant_pk.in_(pks)).group_by(Score.applicant_pk).subquery())
    rows = session.scalars(select(Score).join(newest, Score.pk == newest.c.pk))
    return {s.applicant_pk: _score_entry(s) for s in rows}


def _score_entry(s: Score) -> ScoreEntry:
    return ScoreEntry(scored_at=s.scored_at, score=s.score, band=s.band, reasons=list(s.reasons or []),
                      model_version=s.model_version, source=s.source, score_id=s.pk)


def score_history(session: Session, applicant_id: str) -> list[ScoreEntry]:
    """Every score of the applicant, oldest first."""
    app = _applicant(session, applicant_id)
    return [_score_entry(s) for s in session.scalars(
        select(Score).where(Score.applicant_pk == app.pk).order_by(Score.pk))]


def _link_rows(session: Session, pk: int) -> list[tuple[int, str, float]]:
    rows = session.execute(select(Link.a_pk, Link.b_pk, Link.kind, Link.similarity)
                           .where(or_(Link.a_pk == pk, Link.b_pk == pk)))
    return [(b if a == pk else a, kind, sim) for a, b, kind, sim in rows]


def links(session: Session, applicant_id: str) -> list[LinkEntry]:
    """The applicant's direct concealed links, strongest kinds first."""
    app = _applicant(session, applicant_id)
    rows = _link_rows(session, app.pk)
    others = {a.pk: a for a in session.scalars(
        select(Applicant).where(Applicant.pk.in_({o for o, _, _ in rows})))} if rows else {}
    out = [LinkEntry(other_id=others[o].applicant_id, kind=kind, similarity=round(float(sim), 4),
                     other_name=others[o].full_name, other_band=others[o].band,
                     other_score=others[o].score) for o, kind, sim in rows if o in others]
    return sorted(out, key=lambda e: (e.kind, -e.similarity, e.other_id))


def network(session: Session, applicant_id: str, limit: int = 200) -> Graph:
    """The applicant's linked component: members (up to ``limit``) and the links between them."""
    app = _applicant(session, applicant_id)
    members = list(session.scalars(select(Applicant).where(Applicant.component_id == app.component_id)
                                   .order_by((Applicant.pk == app.pk).desc(), Applicant.score.desc())
                                   .limit(limit + 1)))
    truncated = len(members) > limit
    members = members[:limit]
    by_pk = {m.pk: m for m in members}
    edges = session.execute(select(Link.a_pk, Link.b_pk, Link.kind, Link.similarity)
                            .where(Link.a_pk.in_(by_pk), Link.b_pk.in_(by_pk)))
    return Graph(
        nodes=[{"id": m.applicant_id, "name": m.full_name, "band": m.band, "score": m.score,
                "is_focus": m.pk == app.pk} for m in members],
        edges=[{"source": by_pk[a].applicant_id, "target": by_pk[b].applicant_id, "kind": k,
                "similarity": round(float(s), 4)} for a, b, k, s in edges],
        truncated=truncated)


def _anonymiser_groups(session: Session, pk: int) -> list[SessionGroup]:
    rows = session.execute(
        select(StoredSession.country, StoredSession.asn, StoredSession.asn_org,
               StoredSession.anonymiser, func.count())
        .where(StoredSession.applicant_pk == pk)
        .group_by(StoredSession.country, StoredSession.asn, StoredSession.asn_org,
                  StoredSession.anonymiser))
    groups = [SessionGroup(country=c, asn=a, asn_org=o, anonymiser=an, sessions=n)
              for c, a, o, an, n in rows]
    return sorted(groups, key=lambda g: -g.sessions)


def nearest_duplicate(session: Session, app: Applicant) -> NearestDuplicate | None:
    """The linked profile whose resume is most similar to this one's."""
    best = [(o, s) for o, kind, s in _link_rows(session, app.pk) if kind == "resume"]
    if not best:
        return None
    other_pk, sim = max(best, key=lambda x: x[1])
    other = session.get(Applicant, other_pk)
    if other is None:
        return None
    return NearestDuplicate(applicant_id=other.applicant_id, full_name=other.full_name,
                            similarity=round(float(sim), 4), resume_text=other.resume_text)


def applicant_detail(session: Session, applicant_id: str) -> ApplicantDetail:
    """Everything the applicant page shows."""
    app = _applicant(session, applicant_id)
    groups = _anonymiser_groups(session, app.pk)
    countries: Counter[str] = Counter()
    for g in groups:
        countries[g.country or "??"] += g.sessions
    latest = _latest_scores(session, [app.pk]).get(app.pk)
    decisions = [DecisionEntry(decision=d.decision, note=d.note, actor=d.actor, decided_at=d.decided_at)
                 for d in session.scalars(select(Decision).where(Decision.applicant_pk == app.pk)
                                          .order_by(Decision.pk))]
    return ApplicantDetail(
        applicant_id=app.applicant_id, full_name=app.full_name, created_at=app.created_at,
        claimed_country=app.claimed_country, claimed_city=app.claimed_city,
        claimed_timezone=app.claimed_timezone, hourly_rate_usd=app.hourly_rate_usd,
        github_url=app.github_url, agency_id=app.agency_id, status=app.status, label=app.label,
        score=latest, activity_hours=[float(x) for x in (app.activity_hours or [0.0] * 24)],
        sessions_by_network=groups, session_countries=dict(countries.most_common()),
        resume_text=app.resume_text, nearest_duplicate=nearest_duplicate(session, app),
        assignee=_assignees(session, [app.pk]).get(app.pk),
        component_size=_component_sizes(session, [app.component_id]).get(app.component_id, 1),
        decisions=decisions)


def record_decision(session: Session, applicant_id: str, decision: str, note: str,
                    actor: str) -> DecisionEntry:
    """Record an analyst decision (a note is required); ``front``/``legitimate`` set the label."""
    if decision not in DECISIONS:
        raise InputError(f"decision {decision!r} is unknown; use one of {', '.join(DECISIONS)}")
    note = (note or "").strip()
    if not note:
        raise InputError("a decision needs a note saying what the analyst checked")
    if len(note) > 5000:
        raise InputError("the note is longer than 5000 characters")
    app = _applicant(session, applicant_id)
    latest = _latest_scores(session, [app.pk]).get(app.pk)
    now = utcnow()
    session.add(Decision(applicant_pk=app.pk, decision=decision, note=note, actor=actor,
                         decided_at=now, score_pk=latest.score_id if latest else None))
    if decision in ("front", "legitimate"):
        app.label = 1.0 if decision == "front" else 0.0
        app.status = "decided"
    audit(session, actor, "decision", applicant_id, {"decision": decision, "note": note})
    return DecisionEntry(decision=decision, note=note, actor=actor, decided_at=now)


def assign(session: Session, applicant_id: str, username: str | None, actor: str) -> None:
    """Assign the applicant to a user (None unassigns); the change is audited."""
    app = _applicant(session, applicant_id)
    current = session.get(Assignment, app.pk)
    before = _assignees(session, [app.pk]).get(app.pk)
    if username is None:
        if current is not None:
            session.delete(current)
    else:
        user = session.scalar(select(User).where(User.username == username))
        if user is None or not user.active:
            raise NotFound(f"no active user {username!r}")
        if current is None:
            session.add(Assignment(applicant_pk=app.pk, user_pk=user.pk, assigned_by=actor,
                                   assigned_at=utcnow()))
        else:
            current.user_pk, current.assigned_by, current.assigned_at = user.pk, actor, utcnow()
    audit(session, actor, "assign", applicant_id, {"from": before, "to": username})


@dataclass
class AuditRow:
    at: datetime
    actor: str
    action: str
    applicant_id: str | None
    detail: dict | None


def audit_log(session: Session, applicant_id: str | None = None, actor: str | None = None,
              page: int = 1, page_size: int = PAGE_SIZE) -> list[AuditRow]:
    """Audit entries, newest first."""
    query = select(AuditEntry)
    if applicant_id:
        query = query.where(AuditEntry.applicant_id == applicant_id)
    if actor:
        query = query.where(AuditEntry.actor == actor)
    page, page_size = max(1, page), min(max(1, page_size), MAX_PAGE_SIZE)
    rows = session.scalars(query.order_by(AuditEntry.pk.desc())
                           .offset((page - 1) * page_size).limit(page_size))
    return [AuditRow(at=r.at, actor=r.actor, action=r.action, applicant_id=r.applicant_id,
                     detail=r.detail) for r in rows]


def labels_table(session: Session, actor: str) -> pd.DataFrame:
    """Analysts' latest front/legitimate decision per applicant, as a labels table for retraining.

    Columns ``applicant_id, label, decided_at, actor`` (INPUT.md's labels table plus provenance).
    """
    newest = (select(Decision.applicant_pk, func.max(Decision.pk).label("pk"))
              .where(Decision.decision.in_(("front", "legitimate")))
              .group_by(Decision.applicant_pk).subquery())
    rows = session.execute(select(Applicant.applicant_id, Decision.decision, Decision.decided_at,
                                  Decision.actor)
                           .join(newest, Decision.pk == newest.c.pk)
                           .join(Applicant, Applicant.pk == Decision.applicant_pk)
                           .order_by(Applicant.applicant_id))
    table = pd.DataFrame(list(rows), columns=["applicant_id", "decision", "decided_at", "actor"])
    table.insert(1, "label", np.where(table["decision"] == "front", 1, 0).astype(int))
    audit(session, actor, "labels.export", detail={"rows": len(table)})
    return table.drop(columns="decision")


def store_counts(session: Session) -> dict[str, int]:
    """Applicants, scored, open, decided: the header numbers of the console and /metrics."""
    total = session.scalar(select(func.count()).select_from(Applicant)) or 0
    by_status = dict(session.execute(select(Applicant.status, func.count()).group_by(Applicant.status)).all())
    by_band = dict(session.execute(select(Applicant.band, func.count())
                                   .where(Applicant.band.is_not(None)).group_by(Applicant.band)).all())
    return {"applicants": total, **{f"status_{k}": v for k, v in by_status.items()},
            **{f"band_{k}": v for k, v in by_band.items()}}
