"""Small builders for inline test populations (validated-table shape of detector.io.population)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.io.population import (
    APPLICANT_COLUMNS,
    PAYOUT_COLUMNS,
    PROPOSAL_COLUMNS,
    SESSION_COLUMNS,
    Population,
)


def table(rows: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(columns))
    for name, dtype in columns.items():
        if dtype.startswith("datetime"):
            df[name] = pd.to_datetime(df[name], utc=True)
        elif dtype == "float64":
            df[name] = pd.to_numeric(df[name], errors="coerce").astype(float)
        else:
            df[name] = df[name].astype(object).where(df[name].notna(), None)
    return df


_SPELLED_DIGITS = str.maketrans("0123456789", "abcdefghij")


def applicant(aid: str, **fields) -> dict:
    # Digits spelled as letters: names compare as letters, and profiles "f1" and "f2" must
    # stay different people (links between same-name profiles do not count).
    base = {"applicant_id": aid, "created_at": "2026-01-05T10:00:00Z", "claimed_country": "US",
            "claimed_timezone": "America/Chicago", "full_name": f"Person {aid.translate(_SPELLED_DIGITS)}",
            "label": np.nan}
    base.update(fields)
    return base


def population(applicants: list[dict], sessions=(), payouts=(), proposals=()) -> Population:
    return Population(
        applicants=table(list(applicants), APPLICANT_COLUMNS),
        sessions=table(list(sessions), SESSION_COLUMNS),
        payouts=table(list(payouts), PAYOUT_COLUMNS),
        proposals=table(list(proposals), PROPOSAL_COLUMNS),
    )


def work_sessions(aid: str, utc_start_hour: int, days: int = 20, hours: float = 8, ip: str = "8.8.8.8",
                  start: str = "2026-03-02", **extra) -> list[dict]:
    """One session a day starting at ``utc_start_hour`` UTC lasting ``hours``."""
    first = pd.Timestamp(start, tz="UTC")
    return [{"applicant_id": aid,
             "started_at": first + pd.Timedelta(days=d, hours=utc_start_hour),
             "ip": ip, "duration_s": hours * 3600, **extra} for d in range(days)]
