"""The feature catalogue: one place that names, documents and constrains every model feature.

The model's monotonic constraints, the model card's feature list, the reason codes and the
artifact's compatibility check all read this list. ``direction`` is +1 when a larger value can
only raise the risk, -1 when it can only lower it, 0 when unconstrained.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FeatureSpec:
    name: str
    family: str
    description: str
    direction: int
    reason_code: str
    # Raised when a feature keeps its name but is computed differently: a model trained on the
    # old values must not load (the artifact check compares revisions with the model card's).
    revision: int = 1


def _f(name: str, family: str, direction: int, reason_code: str, description: str,
       revision: int = 1) -> FeatureSpec:
    return FeatureSpec(name, family, description, direction, reason_code, revision)


FEATURES: tuple[FeatureSpec, ...] = (
    # Network and anonymisers
    _f("net_anonymiser_share", "network", +1, "NET_ANONYMISER",
       "Share of sessions from VPN, proxy, Tor or hosting networks."),
    _f("net_foreign_share", "network", +1, "NET_FOREIGN_IP",
       "Share of sessions whose IP country differs from the claimed country."),
    _f("net_operator_country_share", "network", +1, "NET_OPERATOR_COUNTRY",
       "Share of sessions from CN, RU, KP or LA networks while the claimed country is another."),
    _f("net_early_operator_country", "network", +1, "NET_EARLY_OPERATOR_COUNTRY",
       "Share of the first sessions (first fifth) from CN, RU, KP or LA networks while claiming another country."),
    _f("net_distinct_countries", "network", +1, "NET_MANY_COUNTRIES",
       "Number of distinct IP countries across sessions."),
    _f("net_distinct_asns", "network", +1, "NET_MANY_ASNS",
       "Number of distinct networks (ASNs) across sessions."),
    _f("net_home_asns", "network", +1, "NET_MANY_HOME_NETWORKS",
       "Number of distinct networks (ASNs) among sessions from the claimed country without an anonymiser "
       "(a rotating residential proxy shows as many home ISPs; a person has a home line and a phone)."),
    _f("net_max_travel_kmh", "network", +1, "NET_IMPOSSIBLE_TRAVEL",
       "Highest implied travel speed between consecutive sessions, km/h (country centroids where no coordinates)."),
    # Time zone and rhythm
    _f("tz_night_share", "timezone", +1, "TZ_NIGHT_ACTIVITY",
       "Share of session time between 00:00 and 06:00 in the claimed time zone."),
    _f("tz_offset_gap_hours", "timezone", +1, "TZ_OFFSET_GAP",
       "Circular distance in hours between the best-fit UTC offset of the activity curve and the claimed offset."),
    _f("tz_operator_hours_llr", "timezone", +1, "TZ_OPERATOR_HOURS",
       "Log-likelihood ratio of the activity hours under a working day at UTC+7..+10 (DPRK operator hours) "
       "versus a working day in the claimed zone; grows with the evidence, 0 when there is none or the claim is in that band."),
    _f("tz_browser_mismatch_share", "timezone", +1, "TZ_BROWSER_MISMATCH",
       "Share of sessions whose browser time zone offset differs from the claimed zone's offset."),
    _f("tz_ip_zone_gap_hours", "timezone", +1, "TZ_IP_ZONE_GAP",
       "Median gap in hours between the IP country's zone offset and the claimed offset."),
    _f("tz_hours_per_active_day", "timezone", +1, "TZ_LONG_DAYS",
       "Session hours per active day (local to the claimed zone)."),
    _f("tz_active_days_per_week", "timezone", +1, "TZ_SIX_DAY_WEEKS",
       "Active days per week over the observed span."),
    # Identity and contact
    _f("id_phone_invalid", "identity", +1, "ID_PHONE_INVALID",
       "1 when a phone number is given but is not a valid number."),
    _f("id_phone_voip", "identity", +1, "ID_PHONE_VOIP",
       "1 when the phone number is a VoIP number."),
    _f("id_phone_region_mismatch", "identity", +1, "ID_PHONE_REGION",
       "1 when the phone number's region differs from the claimed country."),
    _f("id_email_name_digits", "identity", +1, "ID_EMAIL_PATTERN",
       "1 when the email is a webmail address of the form name+digits."),
    # Payout
    _f("pay_country_mismatch_share", "payout", +1, "PAYOUT_COUNTRY",
       "Share of payout accounts in another country than the claimed one."),
    _f("pay_holder_name_mismatch", "payout", +1, "PAYOUT_HOLDER",
       "1 minus the best similarity between the profile name and a payout holder name."),
    _f("pay_crypto_share", "payout", +1, "PAYOUT_CRYPTO",
       "Share of payout methods that are crypto wallets."),
    _f("pay_method_count", "payout", +1, "PAYOUT_MANY_METHODS",
       "Number of payout methods on the profile."),
    # Devices and remote access
    _f("dev_remote_access_share", "devices", +1, "DEVICE_REMOTE_ACCESS",
       "Share of sessions with a remote-desktop or KVM-over-IP tool."),
    _f("dev_shipping_mismatch", "devices", +1, "DEVICE_SHIPPING_COUNTRY",
       "1 when equipment is to be shipped to another country than the claimed one."),
    # Account history: a profile taken over after a pause (rented, bought or lent accounts)
    _f("acct_late_new_device_share", "account", +1, "ACCOUNT_NEW_DEVICES",
       "Share of the sessions after the longest pause on devices never seen before it."),
    _f("acct_late_new_network_share", "account", +1, "ACCOUNT_NEW_NETWORKS",
       "Share of the sessions after the longest pause from networks (ASNs) never seen before it."),
    _f("acct_late_new_browser_zone_share", "account", +1, "ACCOUNT_NEW_BROWSER_ZONE",
       "Share of the sessions after the longest pause with a browser time zone never seen before it."),
    _f("acct_late_hour_shift", "account", +1, "ACCOUNT_HOURS_SHIFT",
       "Hours between the mean time of day of the sessions before and after the longest pause."),
    _f("acct_late_remote_rise", "account", +1, "ACCOUNT_REMOTE_ACCESS_RISE",
       "Rise in the remote-access share after the longest pause."),
    # Cross-applicant linking
    _f("link_payout_shared", "linking", +1, "PAYOUT_SHARED",
       "Other profiles (outside the declared agency) paid to the same payout account."),
    _f("link_phone_shared", "linking", +1, "PHONE_SHARED",
       "Other profiles (outside the declared agency) with the same phone number."),
    _f("link_email_shared", "linking", +1, "EMAIL_SHARED",
       "Other profiles with the same email address."),
    _f("link_device_shared", "linking", +1, "DEVICE_SHARED",
       "Other profiles (outside the declared agency) seen on the same device."),
    _f("link_residential_ip_shared", "linking", +1, "IP_FARM",
       "Other profiles on the same residential IP in the same period (laptop-farm pattern)."),
    # Revision 2: a run links only when more profiles share it than chance explains among the
    # population's runs of its length (revision 1 linked any two holders of a 3+ digit run).
    _f("link_email_suffix_shared", "linking", +1, "EMAIL_SUFFIX_SHARED",
       "Other profiles (outside the declared agency) whose webmail address ends in the same digit run of 3+ digits, "
       "when more profiles share the run than chance explains.", revision=2),
    _f("link_resume_max_similarity", "linking", +1, "RESUME_REUSED",
       "Highest resume similarity to a profile with a different identity."),
    _f("link_resume_near_duplicates", "linking", +1, "RESUME_REUSED",
       "Number of profiles with a different identity and a near-duplicate resume."),
    _f("link_proposal_max_similarity", "linking", +1, "PROPOSAL_REUSED",
       "Highest proposal similarity to a profile with a different identity."),
    _f("link_photo_reused", "linking", +1, "PHOTO_REUSED",
       "Profiles with a different name whose photo hash is within a few bits."),
    _f("link_evidence_kinds", "linking", +1, "LINKS_OF_SEVERAL_KINDS",
       "Kinds of concealed links the profile has (payout, phone, email, device, IP, resume, photo, email digits): "
       "a household shares a connection, a front cell shares several things.", revision=2),
    _f("link_component_size", "linking", +1, "NETWORK_SIZE",
       "Profiles in the linkage component (concealed links only)."),
    _f("link_component_distinct_names", "linking", +1, "NETWORK_NAMES",
       "Distinct names on profiles and payout holders in the component, per profile."),
    _f("link_component_distinct_countries", "linking", +1, "NETWORK_COUNTRIES",
       "Distinct claimed countries in the component."),
    # Revision 2: the members' own signals only (revision 1 counted their links as well).
    _f("link_component_others_risk", "linking", +1, "NETWORK_RED_FLAGS",
       "Mean rules-baseline red-flag score of the other profiles in the component, from their own "
       "signals, links left out (faint tells add up across a cell).", revision=2),
    _f("link_known_fronts", "linking", +1, "LINKED_TO_FRONT",
       "Profiles in the component already labelled as fronts (own label never used)."),
    _f("agency_others_risk", "linking", +1, "AGENCY_RED_FLAGS",
       "Mean rules-baseline red-flag score of the other profiles that declare the same agency, from "
       "their own signals: a declared agency excuses its shared accounts, not a membership that "
       "shows the tells of a cell."),
)

FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in FEATURES)
FEATURES_BY_NAME: dict[str, FeatureSpec] = {f.name: f for f in FEATURES}
FAMILIES: tuple[str, ...] = tuple(dict.fromkeys(f.family for f in FEATURES))


def monotonic_constraints() -> list[int]:
    """Per-feature monotonic constraints in catalogue order, for the gradient-boosted model."""
    return [f.direction for f in FEATURES]
