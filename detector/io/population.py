"""The internal representation of applicant data: validated tables joined by applicant_id.

Every reader produces a :class:`Population`; every later stage (signals, linking, model)
consumes one. Columns and dtypes are fixed here so stages never guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

# Column order and pandas dtypes of each validated table.
APPLICANT_COLUMNS: dict[str, str] = {
    "applicant_id": "object",
    "created_at": "datetime64[ns, UTC]",
    "full_name": "object",
    "email": "object",
    "phone": "object",
    "claimed_country": "object",
    "claimed_city": "object",
    "claimed_timezone": "object",  # filled from the country where it has one zone
    "resume_text": "object",
    "photo_phash": "object",  # 16 lowercase hex digits or None
    "github_url": "object",
    "hourly_rate_usd": "float64",
    "shipping_country": "object",
    "agency_id": "object",
    "label": "float64",  # 1.0 front, 0.0 cleared, NaN unlabelled
    "decided_at": "datetime64[ns, UTC]",  # when the label was decided, NaT unknown
}
SESSION_COLUMNS: dict[str, str] = {
    "applicant_id": "object",
    "started_at": "datetime64[ns, UTC]",
    "ip": "object",  # normalised textual form
    "device_id": "object",
    "browser_timezone": "object",
    "remote_access": "float64",  # 1.0 / 0.0 / NaN (unknown)
    "duration_s": "float64",
}
PAYOUT_COLUMNS: dict[str, str] = {
    "applicant_id": "object",
    "method": "object",
    "account_ref": "object",
    "account_country": "object",
    "holder_name": "object",
}
PROPOSAL_COLUMNS: dict[str, str] = {
    "applicant_id": "object",
    "submitted_at": "datetime64[ns, UTC]",
    "text": "object",
}
REJECT_COLUMNS: list[str] = ["applicant_id", "record", "field", "reason"]


def empty_table(columns: dict[str, str]) -> pd.DataFrame:
    """An empty table with the given columns and dtypes."""
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns.items()})


@dataclass
class Population:
    """Validated applicant data. ``applicants`` has one row per applicant, in input order."""

    applicants: pd.DataFrame
    sessions: pd.DataFrame = field(default_factory=lambda: empty_table(SESSION_COLUMNS))
    payouts: pd.DataFrame = field(default_factory=lambda: empty_table(PAYOUT_COLUMNS))
    proposals: pd.DataFrame = field(default_factory=lambda: empty_table(PROPOSAL_COLUMNS))

    @property
    def ids(self) -> pd.Index:
        return pd.Index(self.applicants["applicant_id"], name="applicant_id")

    def __len__(self) -> int:
        return len(self.applicants)

    def subset(self, applicant_ids) -> Population:
        """The applicants with the given ids and their sessions, payouts and proposals."""
        keep = set(applicant_ids)
        return Population(
            applicants=self.applicants[self.applicants["applicant_id"].isin(keep)].reset_index(drop=True),
            sessions=self.sessions[self.sessions["applicant_id"].isin(keep)].reset_index(drop=True),
            payouts=self.payouts[self.payouts["applicant_id"].isin(keep)].reset_index(drop=True),
            proposals=self.proposals[self.proposals["applicant_id"].isin(keep)].reset_index(drop=True),
        )


@dataclass
class LoadResult:
    """A validated population and the records rejected on the way (one row per problem)."""

    population: Population
    rejects: pd.DataFrame  # columns REJECT_COLUMNS
