"""Payout signals: account country and holder against the claim, crypto share, method count."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.linking.keyed_hash import normalise_identifier
from detector.signals.names import name_similarity


def payout_signals(applicants: pd.DataFrame, payouts: pd.DataFrame,
                   agency_shared: np.ndarray | None = None) -> pd.DataFrame:
    """Per-applicant payout features; NaN shares for applicants without payout methods.

    ``agency_shared`` (one flag per payout row) marks accounts held by two or more members of
    the row's declared agency; by default it is worked out from ``payouts`` itself. The batch
    path passes it from the whole population when an agency spans chunks.
    """
    ids = pd.Index(applicants["applicant_id"], name="applicant_id")
    out = pd.DataFrame(index=ids)
    names = pd.Series(applicants["full_name"].to_numpy(), index=ids)
    claimed = pd.Series(applicants["claimed_country"].to_numpy(), index=ids)
    p = payouts[["applicant_id", "method", "account_ref", "account_country", "holder_name"]].copy()
    # An account shared by members of one declared agency is the agency's own account: its
    # holder and country say nothing about the member's identity.
    agency = p["applicant_id"].map(pd.Series(applicants["agency_id"].to_numpy(), index=ids))
    account = p["account_ref"].map(lambda ref: normalise_identifier(ref, "payout"))
    members = pd.DataFrame({"agency": agency, "account": account, "aid": p["applicant_id"]})
    sharing = members.dropna(subset=["agency"]).groupby(["agency", "account"])["aid"].nunique()
    key = pd.MultiIndex.from_arrays([agency, account])
    agency_account = agency.notna().to_numpy() & (sharing.reindex(key).fillna(0).to_numpy() >= 2)
    if agency_shared is not None:
        agency_account = np.asarray(agency_shared, dtype=bool)
    p.loc[agency_account, ["account_country", "holder_name"]] = None
    # Members of a declared agency are routinely paid through the agency: another holder name
    # on their own accounts is not a sign of a rented identity either.
    p.loc[agency.notna().to_numpy(), "holder_name"] = None
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

