"""Payout signals corrected for agency accounts shared across chunks: recomputing only the
holders of such accounts gives what recomputing the whole chunk gives."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.batch.passes import corrected_signals
from detector.io.read_input import load_population_from_records
from detector.linking.keyed_hash import normalise_identifier
from detector.signals.payout import payout_signals
from detector.synth import generate_population


def test_correcting_the_holders_equals_recomputing_every_applicant() -> None:
    records, _ = generate_population(3000, seed=31)
    population = load_population_from_records(records).population
    applicants = population.applicants.reset_index(drop=True)
    payouts = population.payouts.reset_index(drop=True)
    signals = payout_signals(applicants, payouts).assign(other=1.5)  # as spilled by pass 1
    members = payouts["applicant_id"].map(applicants.set_index("applicant_id")["agency_id"])
    # Shared in the whole population: every account shared within the chunk, and others.
    account = payouts["account_ref"].map(lambda ref: normalise_identifier(ref, "payout"))
    holders = pd.DataFrame({"agency": members, "account": account, "aid": payouts["applicant_id"]})
    local = (holders.groupby(["agency", "account"])["aid"].transform("nunique") >= 2)
    local = local.fillna(False).to_numpy(dtype=bool) & members.notna().to_numpy()
    # ... and agency accounts shared with other chunks: all the other agency rows but one
    elsewhere = members.notna().to_numpy() & ~local
    elsewhere[np.flatnonzero(elsewhere)[:1]] = False
    shared = local | elsewhere
    assert local.sum() > 0 and elsewhere.sum() >= 5
    assert (shared & ~local).sum() < (members.notna().to_numpy() & ~local).sum()

    whole = signals.copy()
    fixed = payout_signals(applicants, payouts, shared)
    whole[fixed.columns] = fixed.reindex(whole.index)
    corrected = corrected_signals(signals, applicants, payouts, shared)

    pd.testing.assert_frame_equal(corrected, whole, check_exact=True)
    assert not corrected.equals(signals)  # the correction changed something
    assert corrected_signals(signals, applicants, payouts, None) is signals
