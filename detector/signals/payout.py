"""Payout signals: account country and holder against the claim, crypto share, method count."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.signals.names import name_similarity


def payout_signals(applicants: pd.DataFrame, payouts: pd.DataFrame) -> pd.DataFrame:
    """Per-applicant payout features; NaN shares for applicants without payout methods."""
    ids = pd.Index(applicants["applicant_id"], name="applicant_id")
    out = pd.DataFrame(index=ids)
    names = pd.Series(applicants["full_name"].to_numpy(), index=ids)
    claimed = pd.Series(applicants["claimed_country"].to_numpy(), index=ids)
    p = payouts[["applicant_id", "method", "account_country", "holder_name"]].copy()
    p["mismatch"] = np.where(p["account_country"].notna(),
                             (p["account_country"] != p["applicant_id"].map(claimed)).astype(float),
                             np.nan)
    p["crypto"] = (p["method"] == "crypto").astype(float)
    p["similarity"] = [name_similarity(h, n) for h, n in
                       zip(p["holder_name"], p["applicant_id"].map(names), strict=True)]
    g = p.groupby("applicant_id", sort=False)
    out["pay_country_mismatch_share"] = g["mismatch"].mean()
    best = g["similarity"].max()
    out["pay_holder_name_mismatch"] = 1 - best
    out["pay_crypto_share"] = g["crypto"].mean()
    out["pay_method_count"] = g.size()
    out["pay_method_count"] = out["pay_method_count"].fillna(0)
    return out

