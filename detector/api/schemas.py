"""Request and response bodies of the HTTP API (they make the OpenAPI document).

Request models check only the JSON shape; the input contract's rules (timestamps, countries,
IPs, ...) are checked by ``detector.io`` exactly as for files, and both kinds of problem come
back in one error shape (``ErrorBody``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Text = str | None


class SessionIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    started_at: str = Field(description="RFC 3339 timestamp", max_length=64)
    ip: str = Field(description="IPv4 or IPv6 address", max_length=64)
    device_id: Text = Field(default=None, max_length=500)
    browser_timezone: Text = Field(default=None, max_length=64)
    remote_access: bool | None = None
    duration_s: float | None = None


class PayoutIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    method: str = Field(description="bank, paypal, payoneer, wise, crypto or other", max_length=32)
    account_ref: str = Field(max_length=500)
    account_country: Text = Field(default=None, max_length=8)
    holder_name: Text = Field(default=None, max_length=500)


class ProposalIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    submitted_at: str = Field(max_length=64)
    text: str = Field(max_length=100_000)


class ApplicantIn(BaseModel):
    """One applicant in the nested form of INPUT.md; unknown extra fields are ignored."""

    model_config = ConfigDict(extra="allow")
    applicant_id: str = Field(min_length=1, max_length=200)
    created_at: str = Field(description="RFC 3339 timestamp", max_length=64)
    claimed_country: str = Field(description="ISO 3166-1 alpha-2", max_length=8)
    full_name: Text = Field(default=None, max_length=500)
    email: Text = Field(default=None, max_length=500)
    phone: Text = Field(default=None, max_length=64)
    claimed_city: Text = Field(default=None, max_length=200)
    claimed_timezone: Text = Field(default=None, max_length=64)
    resume_text: Text = Field(default=None, max_length=100_000)
    photo_phash: Text = Field(default=None, max_length=32)
    github_url: Text = Field(default=None, max_length=500)
    hourly_rate_usd: float | None = None
    shipping_country: Text = Field(default=None, max_length=8)
    agency_id: Text = Field(default=None, max_length=200)
    label: Literal[0, 1] | None = None
    sessions: list[SessionIn] = Field(default_factory=list, max_length=5000)
    payouts: list[PayoutIn] = Field(default_factory=list, max_length=100)
    proposals: list[ProposalIn] = Field(default_factory=list, max_length=1000)


class Reason(BaseModel):
    code: str
    contribution: float
    evidence: str


class LinkedProfile(BaseModel):
    applicant_id: str
    link: str = Field(description="what links them: payout, phone, email, device, residential_ip, "
                                  "resume, proposal, photo")
    similarity: float


class SanctionsHit(BaseModel):
    """One OFAC SDN match (docs/OUTPUT_EXTENSIONS.md)."""

    ent_num: int
    sdn_name: str
    programs: list[str]
    field: str
    value: str
    match_kind: str
    similarity: float


class ScoreResult(BaseModel):
    """OUTPUT.md's fields plus the stored profiles this applicant is linked to."""

    applicant_id: str
    score: float
    band: Literal["low", "review", "high"]
    reasons: list[Reason]
    model_version: str
    sanctions_hits: list[SanctionsHit] | None = Field(
        None, description="OFAC SDN matches; null when no SDN list is loaded (not screened)")
    feed_versions: dict[str, str] = Field(default_factory=dict,
                                          description="intel feeds and geolocation databases used")
    linked_profiles: list[LinkedProfile]
    component_size: int


class ScoreResponse(BaseModel):
    results: list[ScoreResult]


class Problem(BaseModel):
    field: str
    reason: str
    record: str | None = None


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    problems: list[Problem] = Field(default_factory=list)


class ErrorBody(BaseModel):
    error: ErrorDetail


class ScoreOut(BaseModel):
    scored_at: datetime
    score: float
    band: str
    reasons: list[Reason]
    model_version: str
    source: str


class DecisionOut(BaseModel):
    decision: str
    note: str
    actor: str
    decided_at: datetime


class ApplicantOut(BaseModel):
    applicant_id: str
    full_name: str | None
    created_at: datetime | None
    claimed_country: str | None
    claimed_city: str | None
    claimed_timezone: str | None
    agency_id: str | None
    status: str
    label: float | None
    score: ScoreOut | None
    component_size: int
    assignee: str | None
    decisions: list[DecisionOut]


class LinkOut(BaseModel):
    applicant_id: str
    link: str
    similarity: float
    band: str | None
    score: float | None


class LinksOut(BaseModel):
    applicant_id: str
    component_size: int
    links: list[LinkOut]


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    decision: Literal["front", "legitimate", "needs_more_info"]
    note: str = Field(min_length=1, max_length=5000, description="what the analyst checked")


class LabelRow(BaseModel):
    applicant_id: str
    label: int
    decided_at: datetime
    actor: str


class LabelsOut(BaseModel):
    labels: list[LabelRow]


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    store: str
    model_version: str
