"""Identity and contact signals: phone validity, type and region; webmail name+digits emails."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import phonenumbers
from phonenumbers import PhoneNumberType

WEBMAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
    "yahoo.com", "ymail.com", "aol.com", "icloud.com", "me.com", "proton.me", "protonmail.com",
    "gmx.com", "gmx.net", "mail.com", "yandex.ru", "yandex.com", "mail.ru", "qq.com", "163.com",
    "126.com", "naver.com", "zoho.com", "tutanota.com", "inbox.ru", "rambler.ru",
})
NAME_DIGITS = re.compile(r"^[a-z]+[._-]?[a-z]*[._-]?(\d{2,})$")


def parse_phone(raw: object, region: object) -> tuple[float, float, str | None]:
    """(invalid, voip, region_code) of one phone; NaNs when no phone is given."""
    if not isinstance(raw, str) or not raw.strip():
        return np.nan, np.nan, None
    try:
        number = phonenumbers.parse(raw, region if isinstance(region, str) else None)
    except phonenumbers.NumberParseException:
        return 1.0, np.nan, None
    if not phonenumbers.is_valid_number(number):
        # An invalid number still names its country through the calling code.
        region_code = phonenumbers.region_code_for_country_code(number.country_code or 0)
        return 1.0, np.nan, None if region_code == "ZZ" else region_code
    kind = phonenumbers.number_type(number)
    # Regions sharing a numbering plan (FI/AX, US/CA/PR, GB/GG/JE ...): valid for the claimed
    # region counts as that region.
    found: str | None
    if isinstance(region, str) and phonenumbers.is_valid_number_for_region(number, region):
        found = region
    else:
        found = phonenumbers.region_code_for_number(number)
    return 0.0, float(kind == PhoneNumberType.VOIP), found


def email_digit_suffix(email: object) -> str | None:
    """The trailing digit run of a webmail local part shaped like name+digits, else None."""
    if not isinstance(email, str) or "@" not in email:
        return None
    local, _, domain = email.strip().lower().rpartition("@")
    if domain not in WEBMAIL_DOMAINS:
        return None
    local = local.split("+", 1)[0]
    match = NAME_DIGITS.match(local)
    return match.group(1) if match else None


def identity_signals(applicants: pd.DataFrame) -> pd.DataFrame:
    """Per-applicant identity features (phone and email)."""
    ids = pd.Index(applicants["applicant_id"], name="applicant_id")
    parsed: dict[tuple, tuple] = {}
    rows = []
    for phone, region in zip(applicants["phone"].to_numpy(dtype=object),
                             applicants["claimed_country"].to_numpy(dtype=object), strict=True):
        key = (phone, region)
        if key not in parsed:
            parsed[key] = parse_phone(phone, region)
        rows.append(parsed[key])
    invalid, voip, region_code = (list(col) for col in zip(*rows, strict=True)) if rows else ([], [], [])
    out = pd.DataFrame(index=ids)
    out["id_phone_invalid"] = np.array(invalid, dtype=float)
    out["id_phone_voip"] = np.array(voip, dtype=float)
    region_arr = pd.Series(region_code, index=ids, dtype=object)
    claimed = pd.Series(applicants["claimed_country"].to_numpy(), index=ids)
    mismatch = (region_arr != claimed).astype(float)
    out["id_phone_region_mismatch"] = mismatch.where(region_arr.notna(), np.nan)
    emails = pd.Series(applicants["email"].to_numpy(), index=ids)
    suffix = emails.map(email_digit_suffix)
    has_email = emails.map(lambda e: isinstance(e, str) and "@" in e)
    out["id_email_name_digits"] = suffix.notna().astype(float).where(has_email, np.nan)
    out["_email_suffix"] = suffix
    out["_phone_region"] = region_arr
    return out
