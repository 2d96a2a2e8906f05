"""Device signals: remote-desktop / KVM-over-IP tools in sessions, equipment shipped abroad."""

from __future__ import annotations

import numpy as np
import pandas as pd


def device_signals(applicants: pd.DataFrame, sessions: pd.DataFrame) -> pd.DataFrame:
    """Remote-access share over sessions where it is known; shipping country vs the claim."""
    ids = pd.Index(applicants["applicant_id"], name="applicant_id")
    out = pd.DataFrame(index=ids)
    out["dev_remote_access_share"] = sessions.groupby("applicant_id", sort=False)["remote_access"].mean()
    ship = pd.Series(applicants["shipping_country"].to_numpy(), index=ids)
    claimed = pd.Series(applicants["claimed_country"].to_numpy(), index=ids)
    out["dev_shipping_mismatch"] = (ship != claimed).astype(float).where(ship.notna(), np.nan)
    return out
