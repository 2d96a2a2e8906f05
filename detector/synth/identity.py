"""Contact details and account references: phones, emails, code-hosting links, payout accounts,
device and photo tokens. Every segment draws them from these same functions, so formats and
rates never tell a front from a legitimate profile by themselves.
"""

from __future__ import annotations

import random
import unicodedata
from functools import cache

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from detector.synth.countries import COUNTRIES

_ASCII = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "ß": "ss", "đ": "d", "Đ": "D", "ı": "i"})


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters of a name, as people type them into handles."""
    text = unicodedata.normalize("NFKD", text.translate(_ASCII))
    return "".join(c for c in text.lower() if c.isascii() and c.isalnum())


# ---------------------------------------------------------------- phones

@cache
def _phone_template(region: str, kind: int) -> tuple[int, str] | None:
    ex = phonenumbers.example_number_for_type(region, kind)
    if ex is None:
        return None
    return int(ex.country_code or 0), str(ex.national_number)


_OK = {
    "mobile": {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE},
    "fixed": {PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE},
    "voip": {PhoneNumberType.VOIP},
}


def _slow_phone(rng: random.Random, region: str, kind: str) -> phonenumbers.PhoneNumber | None:
    """Redraw the example number's trailing digits until the number is valid for the region."""
    types = {"mobile": PhoneNumberType.MOBILE, "fixed": PhoneNumberType.FIXED_LINE,
             "voip": PhoneNumberType.VOIP}
    tpl = _phone_template(region, types[kind])
    if tpl is None:
        return None
    cc, national = tpl
    keep = 1
    for attempt in range(60):
        digits = national[:keep] + "".join(rng.choice("0123456789") for _ in national[keep:])
        num = phonenumbers.PhoneNumber(country_code=cc, national_number=int(digits))
        if (phonenumbers.is_valid_number_for_region(num, region)
                and phonenumbers.number_type(num) in _OK[kind]):
            return num
        if attempt % 10 == 9:
            keep = min(keep + 1, len(national) - 3)
    return None


@cache
def _prefixes(region: str, kind: str) -> tuple[int, tuple[str, ...], int]:
    """Number-range prefixes learned from valid random numbers: (country code, prefixes, tail)."""
    rng = random.Random(f"phone-{region}-{kind}")
    found = [n for n in (_slow_phone(rng, region, kind) for _ in range(40)) if n is not None]
    if not found:
        return _prefixes(region, "mobile") if kind != "mobile" else _prefixes("US", "mobile")
    nationals = [str(n.national_number) for n in found]
    tail = max(3, min(6, min(len(x) for x in nationals) - 3))
    return int(found[0].country_code or 0), tuple(sorted({x[:-tail] for x in nationals})), tail


def phone_number(rng: random.Random, region: str, kind: str = "mobile") -> phonenumbers.PhoneNumber:
    """A valid number of ``region`` and ``kind`` (mobile, fixed or voip): a number-range prefix
    learned from the region's metadata and random trailing digits, checked for validity. Falls
    back to mobile, then to the US, where the region has no number of that kind."""
    cc, prefixes, tail = _prefixes(region, kind)
    lo = 10 ** (tail - 1)
    for _ in range(20):
        nat = f"{rng.choice(prefixes)}{rng.randrange(lo, 10 * lo):0{tail}d}"
        num = phonenumbers.PhoneNumber(country_code=cc, national_number=int(nat))
        if phonenumbers.is_valid_number_for_region(num, region):
            return num
    return num


def invalid_phone(rng: random.Random, region: str) -> phonenumbers.PhoneNumber:
    """A number with the region's code that no numbering plan allows (typo, made up)."""
    cc = phonenumbers.country_code_for_region(region) or 1
    for _ in range(40):
        length = rng.randint(6, 11)
        n = phonenumbers.PhoneNumber(country_code=cc, national_number=int(
            str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(length))))
        if not phonenumbers.is_valid_number(n):
            return n
    return phonenumbers.PhoneNumber(country_code=cc, national_number=12)


def format_phone(num: phonenumbers.PhoneNumber, style: float, national_ok: bool = True) -> str:
    """How the number is written on the profile; ``style`` in [0, 1) picks the habit. National
    format only where the number belongs to the claimed country (it is read in that region)."""
    if style < 0.5:
        return phonenumbers.format_number(num, PhoneNumberFormat.E164)
    if style < 0.8 or not national_ok or not phonenumbers.is_valid_number(num):
        return phonenumbers.format_number(num, PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(num, PhoneNumberFormat.NATIONAL)


# ---------------------------------------------------------------- emails

WEBMAIL = (("gmail.com", 0.58), ("outlook.com", 0.09), ("hotmail.com", 0.05), ("yahoo.com", 0.07),
           ("proton.me", 0.04), ("icloud.com", 0.04), ("protonmail.com", 0.01), ("aol.com", 0.005))
LOCAL_WEBMAIL = {"RU": ("yandex.ru", "mail.ru"), "CN": ("qq.com", "163.com", "126.com"),
                 "KR": ("naver.com", "daum.net"), "DE": ("web.de", "gmx.de"), "FR": ("orange.fr",),
                 "IN": ("yahoo.co.in", "rediffmail.com"), "UA": ("ukr.net", "i.ua"),
                 "PL": ("wp.pl", "onet.pl"), "JP": ("yahoo.co.jp",), "BR": ("uol.com.br",),
                 "GB": ("yahoo.co.uk", "btinternet.com"), "TR": ("yandex.com.tr",)}
TLDS = (".com", ".dev", ".io", ".me", ".net", ".co", ".tech", ".pro")


def email_address(rng: random.Random, given: str, family: str, country: str,
                  digits: str | None = None, name_digits_p: float = 0.25) -> str:
    """A contact email; ``digits`` forces the name+digits form with that suffix."""
    g, f = ascii_slug(given.split()[0]) or "user", ascii_slug(family.split()[-1]) or "mail"
    if digits is None and rng.random() < 0.08:  # own domain
        dom = rng.choice((f"{g}{f}", f"{f}", f"{g}-{f}", f"{g}{f[0]}", f"{f}dev")) + rng.choice(TLDS)
        return f"{rng.choice(('hello', 'contact', g, 'me', 'info', g[0] + f))}@{dom}"
    local_opts = rng.random() < 0.15 and LOCAL_WEBMAIL.get(country)
    domain = rng.choice(local_opts) if local_opts else rng.choices(*zip(*WEBMAIL, strict=True))[0]
    sep = rng.choice(("", ".", ".", "_", ""))
    if digits is not None or rng.random() < name_digits_p:
        if digits is None:
            digits = rng.choice((str(rng.randint(1975, 2004)), str(rng.randint(75, 99)),
                                 str(rng.randint(1, 99)), str(rng.randint(100, 9999))))
        base = rng.choice((f"{g}{sep}{f}", f"{g}{f}", f"{g[0]}{f}", f"{g}{sep}{f[0]}", f"{g}"))
        return f"{base}{digits}@{domain}"
    base = rng.choice((f"{g}{sep}{f}", f"{g}.{f}", f"{f}{sep}{g}", f"{g[0]}{sep}{f}",
                       f"{g}{sep}{f}.{rng.choice(('dev', 'work', 'pro', 'design', 'official'))}",
                       f"{rng.choice(('the', 'its', 'im', 'hey'))}{g}{f}"))
    return f"{base}@{domain}"


def github_url(rng: random.Random, given: str, family: str) -> str:
    g, f = ascii_slug(given.split()[0]) or "dev", ascii_slug(family.split()[-1]) or "code"
    handle = rng.choice((f"{g}{f}", f"{g}-{f}", f"{g[0]}{f}", f"{g}{f[0]}", f"{f}{g}",
                         f"{g}-dev", f"{g}{f}{rng.randint(1, 99)}", f"{g}-{f}-{rng.randint(1, 9)}",
                         f"{rng.choice(('code', 'dev', 'the', 'hack'))}{g}"))
    return f"https://github.com/{handle}"


# ---------------------------------------------------------------- tokens

def hex_token(rng: random.Random, nbytes: int) -> str:
    return f"{rng.getrandbits(8 * nbytes):0{2 * nbytes}x}"


def photo_hash(rng: random.Random) -> str:
    return hex_token(rng, 8)


def near_photo_hash(rng: random.Random, base: str, max_bits: int) -> str:
    """A perceptual hash within ``max_bits`` bits of ``base`` (the same photo re-encoded)."""
    x = int(base, 16)
    for _ in range(rng.randint(0, max_bits)):
        x ^= 1 << rng.randrange(64)
    return f"{x:016x}"


# ---------------------------------------------------------------- payout accounts

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_IBAN_LEN = {"GB": 22, "DE": 22, "FR": 27, "ES": 24, "PL": 28, "RO": 24, "UA": 29, "PK": 24,
             "EG": 29, "BR": 29, "TR": 26, "IT": 27, "NL": 18, "RS": 22, "PT": 25, "GE": 22,
             "AE": 23, "BE": 16, "LT": 20}
_BANK_CODES = {"GB": ("NWBK", "BARC", "HBUK", "LOYD", "MONZ", "REVO"), "NL": ("INGB", "ABNA", "RABO"),
               "PK": ("MEZN", "HABB", "UNIL", "ALFH"), "RO": ("BTRL", "RNCB", "INGB"),
               "AE": ("033", "026"), "GE": ("BG", "TB"), "BE": ("967",), "LT": ("32500",)}


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def iban(rng: random.Random, country: str) -> str:
    """An IBAN with correct check digits (mod 97)."""
    length = _IBAN_LEN.get(country, 22)
    code = _BANK_CODES.get(country)
    bban = (rng.choice(code) if code else "") + _digits(rng, length - 4 - (len(rng.choice(code)) if code else 0))
    bban = bban[: length - 4].ljust(length - 4, "0")
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(numeric) % 97
    return f"{country}{check:02d}{bban}"


_LOCAL_BANK = {
    "US": lambda r: f"{r.choice(('021000021', '026009593', '121000248', '111000025', '322271627', '071000013'))}-{_digits(r, r.randint(9, 12))}",
    "IN": lambda r: f"{r.choice(('HDFC', 'ICIC', 'SBIN', 'UTIB', 'KKBK'))}0{_digits(r, 6)}-{_digits(r, r.randint(11, 14))}",
    "CN": lambda r: f"62{r.choice(('2202', '2848', '1700', '2588', '1483'))}{_digits(r, 13)}",
    "HK": lambda r: f"{r.choice(('004', '012', '024', '003'))}-{_digits(r, 3)}-{_digits(r, 6)}-{_digits(r, 3)}",
    "CA": lambda r: f"{_digits(r, 5)}-{r.choice(('001', '002', '003', '004', '006'))}-{_digits(r, 7)}",
    "AU": lambda r: f"{_digits(r, 3)}-{_digits(r, 3)} {_digits(r, 8)}",
    "KR": lambda r: f"{_digits(r, 3)}-{_digits(r, 2)}-{_digits(r, 6)}",
    "RU": lambda r: f"40817810{_digits(r, 12)}",
    "JP": lambda r: f"{_digits(r, 4)}-{_digits(r, 3)}-{_digits(r, 7)}",
}


def bank_account(rng: random.Random, country: str) -> str:
    if country in _IBAN_LEN:
        return iban(rng, country)
    make = _LOCAL_BANK.get(country)
    if make:
        return make(rng)
    return f"{country}{_digits(rng, 2)}{rng.choice('ABCDEFGHJK')}{_digits(rng, rng.randint(9, 14))}"


def wallet(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.5:
        return "0x" + hex_token(rng, 20)
    if r < 0.85:
        return "T" + "".join(rng.choice(_B58) for _ in range(33))
    return "bc1q" + "".join(rng.choice("023456789acdefghjklmnpqrstuvwxyz") for _ in range(38))


def account_ref(rng: random.Random, method: str, country: str, email: str | None) -> str:
    """An account reference in the format the method uses."""
    if method == "bank":
        return bank_account(rng, country)
    if method == "paypal":
        return email if email and rng.random() < 0.7 else f"pp-{hex_token(rng, 6)}@{rng.choice(('gmail.com', 'outlook.com', 'yahoo.com'))}"
    if method == "payoneer":
        return f"PYN{_digits(rng, 8)}"
    if method == "wise":
        return f"P{_digits(rng, 8)}" if rng.random() < 0.6 else iban(rng, rng.choice(("GB", "BE", "LT")))
    if method == "crypto":
        return wallet(rng)
    return f"{rng.choice(('skrill', 'gcash', 'upi', 'payeer', 'revolut'))}:{hex_token(rng, 5)}"


# Payout method weights by claimed country, then a global default.
METHODS = ("bank", "paypal", "payoneer", "wise", "crypto", "other")
_METHOD_W = {
    "US": (0.6, 0.3, 0.04, 0.03, 0.015, 0.015), "GB": (0.55, 0.25, 0.05, 0.12, 0.015, 0.015),
    "CA": (0.55, 0.3, 0.05, 0.07, 0.02, 0.01), "AU": (0.55, 0.3, 0.04, 0.08, 0.02, 0.01),
    "IN": (0.45, 0.12, 0.3, 0.08, 0.01, 0.04), "PK": (0.3, 0.02, 0.45, 0.15, 0.03, 0.05),
    "BD": (0.25, 0.02, 0.5, 0.08, 0.03, 0.12), "NG": (0.25, 0.05, 0.35, 0.2, 0.1, 0.05),
    "PH": (0.25, 0.35, 0.2, 0.05, 0.02, 0.13), "UA": (0.3, 0.05, 0.35, 0.25, 0.04, 0.01),
    "EG": (0.35, 0.1, 0.4, 0.1, 0.03, 0.02), "KE": (0.3, 0.15, 0.3, 0.1, 0.05, 0.1),
    "VN": (0.4, 0.1, 0.3, 0.15, 0.03, 0.02), "CN": (0.5, 0.1, 0.2, 0.1, 0.08, 0.02),
    "RU": (0.35, 0.02, 0.2, 0.05, 0.3, 0.08), "KR": (0.6, 0.2, 0.1, 0.08, 0.02, 0.0),
}
_DEFAULT_W = (0.45, 0.2, 0.18, 0.12, 0.03, 0.02)


def payout_method(rng: random.Random, country: str) -> str:
    return rng.choices(METHODS, _METHOD_W.get(country, _DEFAULT_W))[0]


def account_country(rng: random.Random, method: str, home: str) -> str | None:
    """Where the account sits: home, but Payoneer and Wise hand out US/GB/EU receiving accounts."""
    if method == "crypto":
        return None
    if method in ("payoneer", "wise") and rng.random() < 0.18:
        return rng.choice(("US", "US", "GB", "BE", "DE"))
    return home


def known_country(code: str) -> bool:
    return code in COUNTRIES
