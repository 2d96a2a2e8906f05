"""The append-only audit log: one row per change (and per export) with who did it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from detector.store.schema import AuditEntry


def utcnow() -> datetime:
    """Naive UTC, the store's one time convention."""
    return datetime.now(UTC).replace(tzinfo=None)


def audit(session: Session, actor: str, action: str, applicant_id: str | None = None,
          detail: dict | None = None) -> None:
    session.add(AuditEntry(at=utcnow(), actor=actor, action=action, applicant_id=applicant_id,
                           detail=detail))
