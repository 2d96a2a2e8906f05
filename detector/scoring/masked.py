"""Phone numbers and email addresses as evidence shows them: checkable, not copyable.

Scores files, the store and API responses are kept and passed around long after the
decision, so evidence never repeats a contact identifier in full. What an analyst needs to
check the reason stays: the country calling code and the last two digits of a phone number
(enough to match it on the platform's profile page), and for an email the first letter, the
trailing digits (the point of the name+digits pattern) and the domain (webmail or not).
"""

from __future__ import annotations

import re

import phonenumbers

_HIDDEN = "x"
_TRAILING_DIGITS = re.compile(r"\d*$")


def masked_phone(phone: object) -> str:
    """``'+1 415 555 0134'`` -> ``'+1 xxx xxx xx34'``: prefix and last two digits kept."""
    if not isinstance(phone, str):
        return "?"
    digit_positions = [i for i, ch in enumerate(phone) if ch.isdigit()]
    if len(digit_positions) <= 4:
        return phone  # too short to identify anyone; shown as typed so the analyst sees why it failed
    keep = set(digit_positions[:_prefix_digits(phone)]) | set(digit_positions[-2:])
    return "".join(ch if not ch.isdigit() or i in keep else _HIDDEN for i, ch in enumerate(phone))


def masked_email(email: object) -> str:
    """``'jsmith1987@gmail.com'`` -> ``'jxxxxx1987@gmail.com'``: first letter, digits, domain."""
    if not isinstance(email, str) or "@" not in email:
        return "?"
    local, domain = email.rsplit("@", 1)
    digits = _TRAILING_DIGITS.search(local).group()  # type: ignore[union-attr]
    letters = local[: len(local) - len(digits)]
    return letters[:1] + _HIDDEN * max(len(letters) - 1, 0) + digits + "@" + domain


def _prefix_digits(phone: str) -> int:
    """Digits of the international prefix worth showing: the calling code after a '+', else none."""
    if not phone.strip().startswith("+"):
        return 0
    try:
        return len(str(phonenumbers.parse(phone, None).country_code))
    except phonenumbers.NumberParseException:
        return 0
