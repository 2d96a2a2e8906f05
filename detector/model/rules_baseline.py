"""The red flags as a transparent scorecard: the baseline the learned model has to beat.

Each rule awards hand-set points when one feature crosses a threshold taken from the public red
flags (see ``/work/shared/RED_FLAGS.md``); the score is the points won over the points available,
in [0, 1]. Nothing here is fitted. Weights follow one scale:

- 4: evidence of a concealed tie to a confirmed front;
- 3: a red flag the advisories single out and that has few innocent explanations
  (operator-country networks, operator working hours, shared payout account, shared device,
  reused photo);
- 2: a strong red flag with known look-alikes (VPN majority: privacy users; foreign IPs:
  travellers; shared phone or email: families; resume reuse: agencies' templates);
- 1: a weak or common signal (crypto payouts: web3 work; night activity: Asia-based people
  working for US clients; VoIP numbers; long days);
- 0.5: a pattern that is common among genuine users (webmail name+digits).

A missing feature (NaN) wins no points: the scorecard only counts evidence that is present.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from detector.features.catalogue import FEATURES_BY_NAME
from detector.model.transformers import FeatureColumnsError

_OPS = {">": operator.gt, ">=": operator.ge}


@dataclass(frozen=True)
class Rule:
    feature: str
    op: str
    value: float
    points: float
    why: str

    def fires(self, column: pd.Series) -> np.ndarray:
        values = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float)
        with np.errstate(invalid="ignore"):
            hit = _OPS[self.op](values, self.value)
        return np.where(np.isnan(values), False, hit)

    @property
    def reason_code(self) -> str:
        return FEATURES_BY_NAME[self.feature].reason_code


RULES: tuple[Rule, ...] = (
    # Network and anonymisers
    Rule("net_anonymiser_share", ">", 0.5, 2, "Most sessions via VPN/proxy/Tor/hosting (Astrill VPN is named); privacy users look alike."),
    Rule("net_foreign_share", ">", 0.5, 2, "Most sessions from outside the claimed country; travellers look alike."),
    Rule("net_operator_country_share", ">", 0.0, 3, "Sessions from CN/RU/KP/LA networks while claiming another country."),
    Rule("net_early_operator_country", ">", 0.0, 2, "First sessions from CN/RU/LA before moving to the claimed country (Mandiant UNC5267)."),
    Rule("net_distinct_countries", ">=", 4, 1, "Logins from many countries."),
    Rule("net_max_travel_kmh", ">", 1000, 1, "Impossible travel between consecutive sessions; VPN switching looks alike."),
    # Time zone and rhythm
    Rule("tz_operator_hours_llr", ">=", 5, 3, "Working hours fit UTC+7..+10 (Shenyang, Pyongyang, Vladivostok, Vientiane) instead of the claim."),
    Rule("tz_browser_mismatch_share", ">", 0.5, 2, "Browser time zone differs from the claimed zone in most sessions."),
    Rule("tz_offset_gap_hours", ">=", 4, 1, "Activity curve is 4+ hours away from the claimed zone."),
    Rule("tz_night_share", ">", 0.4, 1, "Much activity in the claimed zone's night; Asia-based night workers look alike."),
    Rule("tz_hours_per_active_day", ">=", 12, 1, "12+ hour working days."),
    Rule("tz_active_days_per_week", ">=", 6, 1, "Six-day weeks."),
    # Identity and contact
    Rule("id_phone_invalid", ">=", 1, 1, "Phone number given but invalid."),
    Rule("id_phone_voip", ">=", 1, 1, "VoIP phone number; common among genuine users too."),
    Rule("id_phone_region_mismatch", ">=", 1, 2, "Phone region differs from the claimed country."),
    Rule("id_email_name_digits", ">=", 1, 0.5, "Webmail name+digits address; very common among genuine users."),
    # Payout
    Rule("pay_country_mismatch_share", ">", 0.0, 2, "Payout account in another country (Chinese and Hong Kong banks are named)."),
    Rule("pay_holder_name_mismatch", ">", 0.5, 2, "Payout holder is someone else (facilitator or rented account)."),
    Rule("pay_crypto_share", ">", 0.0, 1, "Crypto or stablecoin payouts; web3 freelancers look alike."),
    Rule("pay_method_count", ">=", 4, 1, "Many payout methods (frequent payout changes)."),
    # Devices and remote access
    Rule("dev_remote_access_share", ">", 0.2, 2, "Remote-desktop or KVM-over-IP tools in sessions (laptop farms)."),
    Rule("dev_shipping_mismatch", ">=", 1, 2, "Equipment shipped to another country than the claimed home."),
    # Cross-applicant linking
    Rule("link_payout_shared", ">=", 1, 3, "Payout account shared with other profiles outside a declared agency."),
    Rule("link_phone_shared", ">=", 1, 2, "Phone number shared with other profiles; families look alike."),
    Rule("link_email_shared", ">=", 1, 2, "Email address shared with other profiles."),
    Rule("link_device_shared", ">=", 1, 3, "Device fingerprint shared with other profiles outside a declared agency."),
    Rule("link_residential_ip_shared", ">=", 2, 2, "Several unrelated profiles on one residential IP (laptop farm); flatmates look alike."),
    Rule("link_resume_near_duplicates", ">=", 1, 2, "Resume near-duplicate of a profile with another identity."),
    Rule("link_proposal_max_similarity", ">=", 0.8, 1, "Proposal text near-duplicate of another identity's."),
    Rule("link_photo_reused", ">=", 1, 3, "Profile photo reused under another name."),
    Rule("link_component_size", ">=", 3, 2, "Part of a network of 3+ concealed-linked profiles."),
    Rule("link_known_fronts", ">=", 1, 4, "Linked to a profile already confirmed as a front."),
)


def _check_columns(features: pd.DataFrame) -> None:
    if not isinstance(features, pd.DataFrame):
        raise TypeError("features must be a pandas DataFrame with the catalogue's columns")
    missing = sorted({rule.feature for rule in RULES} - set(map(str, features.columns)))
    if missing:
        raise FeatureColumnsError(
            f"the rules baseline needs features {missing}, which the table lacks; build the "
            "table with the detector's feature builder"
        )


def rule_hits(features: pd.DataFrame) -> pd.DataFrame:
    """Which rules fire for each row (bool columns named ``feature op value``)."""
    _check_columns(features)
    return pd.DataFrame(
        {f"{r.feature} {r.op} {r.value:g}": r.fires(features[r.feature]) for r in RULES},
        index=features.index,
    )


def rules_score(features: pd.DataFrame) -> np.ndarray:
    """Points won over points available, in [0, 1], one per row."""
    _check_columns(features)
    return _points_won(features, RULES)


OWN_RULES = tuple(r for r in RULES if FEATURES_BY_NAME[r.feature].family != "linking")


def own_red_flags(features: pd.DataFrame) -> np.ndarray:
    """The scorecard over a profile's own signals only (no rule on links to other profiles), in
    [0, 1]: what a network member shows by itself, so that the link that put it in the network
    is not counted again as its red flag."""
    return _points_won(features.reindex(columns=[r.feature for r in OWN_RULES]), OWN_RULES)


def _points_won(features: pd.DataFrame, rules: tuple[Rule, ...]) -> np.ndarray:
    hits = np.column_stack([r.fires(features[r.feature]) for r in rules]).astype(float)
    points = np.array([r.points for r in rules])
    return hits @ points / points.sum()


def rules_table() -> pd.DataFrame:
    """The scorecard as a table (for the model card and analysts)."""
    return pd.DataFrame([
        {"feature": r.feature, "condition": f"{r.op} {r.value:g}", "points": r.points,
         "reason_code": r.reason_code, "why": r.why}
        for r in RULES
    ])
