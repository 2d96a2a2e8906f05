"""Tables of the population store (SQLAlchemy 2.0 declarative; Alembic migrates them).

Personal identifiers (phones, emails, payout accounts, devices, IPs, names used for linking)
are stored only as keyed hashes (HMAC-SHA256 truncated to int64, ``detector.linking.keyed_hash``):
the raw values never reach the database. Resume and proposal texts are applicant-supplied
content the platform already holds; they are kept for the analyst console unless
``DETECTOR_STORE_TEXTS=0``. Every time is naive UTC.

Linking is a set of indexed lookups: ``identifiers (kind, hash)``, ``sessions (ip_hash)``,
``text_keys (field, band_key)`` then ``text_signatures (applicant_pk, field)``, ``photo_keys
(band, value)`` and ``applicants (component_id, pk, ...)``; the component id is an incremental
union-find persisted on the applicant.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import JSON

#: Roles of console users, least to most privileged.
ROLES = ("analyst", "lead", "admin")
#: Scopes an API key can hold.
SCOPES = ("score", "read", "decide", "admin")
#: Analyst decisions; the first two become labels for retraining.
DECISIONS = ("front", "legitimate", "needs_more_info")
#: Identifier kinds kept as keyed hashes. Linking kinds link profiles; ``name`` (profile and
#: payout holder names, normalised) only counts distinct names in a component.
#: ``email_suffix3`` ... ``email_suffix6``: webmail digit runs by length (``linking.email_digits``);
#: rows of the older kind ``email_suffix`` (before the length was kept) link nobody.
IDENTIFIER_KINDS = ("payout", "phone", "email", "device", "email_suffix3", "email_suffix4",
                    "email_suffix5", "email_suffix6", "name")
#: Texts with LSH band keys.
TEXT_FIELDS = ("resume", "proposal")


class Base(DeclarativeBase):
    pass


def _id() -> Mapped[int]:
    return mapped_column(Integer, primary_key=True, autoincrement=True)


class Applicant(Base):
    """One profile: what the console shows, and the per-profile facts linking needs."""

    __tablename__ = "applicants"
    pk: Mapped[int] = _id()
    applicant_id: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime | None] = mapped_column(DateTime)
    stored_at: Mapped[datetime] = mapped_column(DateTime)
    full_name: Mapped[str | None] = mapped_column(String(300))
    claimed_country: Mapped[str | None] = mapped_column(String(2))
    claimed_city: Mapped[str | None] = mapped_column(String(200))
    claimed_timezone: Mapped[str | None] = mapped_column(String(64))
    hourly_rate_usd: Mapped[float | None] = mapped_column(Float)
    github_url: Mapped[str | None] = mapped_column(String(500))
    shipping_country: Mapped[str | None] = mapped_column(String(2))
    agency_id: Mapped[str | None] = mapped_column(String(200))
    # keyed hash of the normalised name: "different identity" checks without the raw name
    name_hash: Mapped[int] = mapped_column(BigInteger, default=0)
    resume_text: Mapped[str | None] = mapped_column(Text)  # None when DETECTOR_STORE_TEXTS=0
    proposal_text: Mapped[str | None] = mapped_column(Text)  # latest proposal
    resume_signature: Mapped[bytes | None] = mapped_column(LargeBinary)  # 128 x uint32 MinHash
    proposal_signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    photo_hash: Mapped[int | None] = mapped_column(BigInteger, index=True)  # 64-bit pHash, signed
    # 24 session-hour counts by UTC hour (activity chart)
    activity_hours: Mapped[list | None] = mapped_column(JSON)
    label: Mapped[float | None] = mapped_column(Float)  # 1 front, 0 legitimate (input or decision)
    # Current feature values: link features of members are kept current as profiles join their
    # component, so the others' risk of the next one matches batch scoring.
    features: Mapped[dict | None] = mapped_column(JSON)
    component_id: Mapped[int] = mapped_column(Integer)
    rules_risk: Mapped[float | None] = mapped_column(Float)  # hand-set red-flag score (others_risk)
    # Latest score, denormalised for the review queue.
    score: Mapped[float | None] = mapped_column(Float)
    band: Mapped[str | None] = mapped_column(String(16))
    scored_at: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | decided
    __table_args__ = (Index("ix_applicants_queue", "status", "band", "score"),
                      Index("ix_applicants_agency", "agency_id", "rules_risk"),
                      # a network's members with what its statistics read (``component_stats``)
                      Index("ix_applicants_component_members", "component_id", "pk", "label",
                            "rules_risk", "claimed_country"))


class Identifier(Base):
    """A keyed hash of one identifier an applicant holds (phone, email, payout account ...)."""

    __tablename__ = "identifiers"
    pk: Mapped[int] = _id()
    applicant_pk: Mapped[int] = mapped_column(ForeignKey("applicants.pk", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    hash: Mapped[int] = mapped_column(BigInteger)
    __table_args__ = (
        Index("ix_identifiers_lookup", "kind", "hash", "applicant_pk"),
        UniqueConstraint("applicant_pk", "kind", "hash", name="uq_identifiers"),
    )


class StoredSession(Base):
    """One login session: hashed IP and device, its network, ASN, country and anonymiser flag."""

    __tablename__ = "sessions"
    pk: Mapped[int] = _id()
    applicant_pk: Mapped[int] = mapped_column(ForeignKey("applicants.pk", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    ip_hash: Mapped[int] = mapped_column(BigInteger)
    network: Mapped[str | None] = mapped_column(String(64))  # e.g. 203.0.113.0/24, 2001:db8::/48
    asn: Mapped[int | None] = mapped_column(BigInteger)
    asn_org: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2))
    anonymiser: Mapped[str | None] = mapped_column(String(32))  # vpn, hosting, tor, proxy ... or None
    residential: Mapped[bool] = mapped_column(Boolean)  # not anonymised: links by shared IP
    device_hash: Mapped[int] = mapped_column(BigInteger, default=0)
    browser_timezone: Mapped[str | None] = mapped_column(String(64))
    remote_access: Mapped[float | None] = mapped_column(Float)
    duration_s: Mapped[float | None] = mapped_column(Float)
    __table_args__ = (Index("ix_sessions_ip", "ip_hash", "residential", "applicant_pk", "started_at"),)


class Payout(Base):
    """A payout method: the account only as a keyed hash (also in ``identifiers``)."""

    __tablename__ = "payouts"
    pk: Mapped[int] = _id()
    applicant_pk: Mapped[int] = mapped_column(ForeignKey("applicants.pk", ondelete="CASCADE"), index=True)
    method: Mapped[str | None] = mapped_column(String(32))
    account_hash: Mapped[int] = mapped_column(BigInteger)
    account_country: Mapped[str | None] = mapped_column(String(2))


class TextKey(Base):
    """One LSH band key of a resume or the latest proposal (32 per text)."""

    __tablename__ = "text_keys"
    pk: Mapped[int] = _id()
    applicant_pk: Mapped[int] = mapped_column(ForeignKey("applicants.pk", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(16))
    band_key: Mapped[int] = mapped_column(BigInteger)
    __table_args__ = (Index("ix_text_keys_lookup", "field", "band_key", "applicant_pk"),)


class TextSignature(Base):
    """The MinHash signature of an applicant's resume or latest proposal, in a narrow table.

    The same bytes as the applicant row's ``*_signature`` column: a near-duplicate check reads
    the signatures of its candidates (about a hundred per text at a million profiles), and
    from the wide applicant rows each one meant walking past the texts stored before it.
    Here each is one probe of the narrow (applicant, field) index and one row read. (An
    ordinary rowid table on SQLite: as a WITHOUT ROWID table, revisions 0003-0005, the
    signatures sat in the key's interior pages and the b-tree was 8 levels deep.)
    """

    __tablename__ = "text_signatures"
    applicant_pk: Mapped[int] = mapped_column(ForeignKey("applicants.pk", ondelete="CASCADE"), primary_key=True)
    field: Mapped[str] = mapped_column(String(16), primary_key=True)
    signature: Mapped[bytes] = mapped_column(LargeBinary)  # 128 x uint32


class PhotoKey(Base):
    """One of 4 bands of a photo hash: photos within 6 bits differ in at most one bit of one band.

    The whole hash is repeated here, in the lookup index, so comparing the candidates of a band
    reads only that index, not the wide applicant rows (hundreds of random reads per lookup).
    """

    __tablename__ = "photo_keys"
    pk: Mapped[int] = _id()
    applicant_pk: Mapped[int] = mapped_column(ForeignKey("applicants.pk", ondelete="CASCADE"), index=True)
    band: Mapped[int] = mapped_column(SmallInteger)
    value: Mapped[int] = mapped_column(BigInteger)
    photo_hash: Mapped[int | None] = mapped_column(BigInteger)  # the applicant's, signed
    __table_args__ = (Index("ix_photo_keys_lookup", "band", "value", "applicant_pk", "photo_hash"),)


class FactChange(Base):
    """One row per applicant whose linking facts (identifiers, keys, signatures, photo) were
    written: new or replaced. A server process that keeps the lookups' rows in memory
    (``detector.store.working_set``) reads the rows after the last one it has seen at each
    lookup, and so sees what other processes (and batch imports) wrote. Writers hold the
    store's write lock, so the numbers are committed in order."""

    __tablename__ = "fact_changes"
    seq: Mapped[int] = _id()
    applicant_pk: Mapped[int] = mapped_column(ForeignKey("applicants.pk", ondelete="CASCADE"))


class Link(Base):
    """A concealed link between two profiles (a_pk < b_pk), with its kind and similarity."""

    __tablename__ = "links"
    pk: Mapped[int] = _id()
    a_pk: Mapped[int] = mapped_column(ForeignKey("applicants.pk", ondelete="CASCADE"), index=True)
    b_pk: Mapped[int] = mapped_column(ForeignKey("applicants.pk", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    similarity: Mapped[float] = mapped_column(Float, default=1.0)
    found_at: Mapped[datetime] = mapped_column(DateTime)
    __table_args__ = (UniqueConstraint("a_pk", "b_pk", "kind", name="uq_links"),)


class Score(Base):
    """Every score ever given, with its reasons, model version and feature values."""

    __tablename__ = "scores"
    pk: Mapped[int] = _id()
    applicant_pk: Mapped[int] = mapped_column(ForeignKey("applicants.pk", ondelete="CASCADE"), index=True)
    scored_at: Mapped[datetime] = mapped_column(DateTime)
    score: Mapped[float] = mapped_column(Float)
    band: Mapped[str] = mapped_column(String(16))
    reasons: Mapped[list] = mapped_column(JSON)  # [{code, contribution, evidence}]
    model_version: Mapped[str] = mapped_column(String(100))
    features: Mapped[dict | None] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(16))  # api | import | batch


class User(Base):
    """A console user; the password only as an argon2id hash."""

    __tablename__ = "users"
    pk: Mapped[int] = _id()
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # analyst | lead | admin
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)


class ConsoleSession(Base):
    """A server-side console login: the cookie holds a random token, the table its sha256."""

    __tablename__ = "console_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_pk: Mapped[int] = mapped_column(ForeignKey("users.pk", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class ApiKey(Base):
    """An API key: a public prefix to find it and the sha256 of the whole random key."""

    __tablename__ = "api_keys"
    pk: Mapped[int] = _id()
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    scopes: Mapped[str] = mapped_column(String(100))  # comma-separated SCOPES
    created_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)


class Decision(Base):
    """An analyst's decision on a profile, with the note that justifies it."""

    __tablename__ = "decisions"
    pk: Mapped[int] = _id()
    applicant_pk: Mapped[int] = mapped_column(ForeignKey("applicants.pk", ondelete="CASCADE"), index=True)
    decision: Mapped[str] = mapped_column(String(32))  # DECISIONS
    note: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(200))  # "user:alice" or "key:ab12cd34"
    decided_at: Mapped[datetime] = mapped_column(DateTime)
    score_pk: Mapped[int | None] = mapped_column(ForeignKey("scores.pk"))  # the score seen


class Assignment(Base):
    """Who reviews a profile now (one row per assigned profile; history in the audit log)."""

    __tablename__ = "assignments"
    applicant_pk: Mapped[int] = mapped_column(ForeignKey("applicants.pk", ondelete="CASCADE"),
                                              primary_key=True)
    user_pk: Mapped[int] = mapped_column(ForeignKey("users.pk", ondelete="CASCADE"), index=True)
    assigned_by: Mapped[str] = mapped_column(String(200))
    assigned_at: Mapped[datetime] = mapped_column(DateTime)


class AuditEntry(Base):
    """Append-only log of every change and every sensitive read (triggers refuse edits)."""

    __tablename__ = "audit_log"
    pk: Mapped[int] = _id()
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64))
    applicant_id: Mapped[str | None] = mapped_column(String(200), index=True)
    detail: Mapped[dict | None] = mapped_column(JSON)
