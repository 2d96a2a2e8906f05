"""Country facts the generator needs: platform share, cities with their IANA zones, name mix.

Shares are a rough picture of who sells work on large freelance platforms (many in South Asia,
Eastern Europe, Africa and Latin America; many buyers and sellers in the US). Every world
perturbs them (see ``world.py``), so no detector can lean on the exact mix.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    code: str
    share: float  # share of the legitimate freelancer population before per-world noise
    cities: tuple[tuple[str, str], ...]  # (city, IANA zone)
    cultures: tuple[tuple[str, float], ...]  # name cultures and their weights
    rate_usd: float  # median asked hourly rate
    iban: str | None = None  # IBAN country prefix where the country uses IBANs


def _c(code, share, cities, cultures, rate, iban=None):
    return Country(code, share, tuple(cities), tuple(cultures), rate, iban)


_NY, _CH, _LA, _DE = "America/New_York", "America/Chicago", "America/Los_Angeles", "America/Denver"

COUNTRIES: dict[str, Country] = {c.code: c for c in (
    _c("US", 0.15, [("New York", _NY), ("Chicago", _CH), ("Los Angeles", _LA), ("Houston", _CH),
                    ("Phoenix", "America/Phoenix"), ("Philadelphia", _NY), ("San Diego", _LA),
                    ("Dallas", _CH), ("Austin", _CH), ("Seattle", _LA), ("Denver", _DE),
                    ("Boston", _NY), ("Atlanta", _NY), ("Miami", _NY), ("Portland", _LA),
                    ("Minneapolis", _CH), ("Raleigh", _NY), ("Detroit", "America/Detroit"),
                    ("Salt Lake City", _DE), ("Nashville", _CH), ("Columbus", _NY),
                    ("San Jose", _LA), ("Indianapolis", "America/Indiana/Indianapolis"),
                    ("Charlotte", _NY), ("Tampa", _NY), ("Pittsburgh", _NY)],
       [("anglo", 0.68), ("hispanic", 0.1), ("indian", 0.06), ("chinese", 0.04), ("korean", 0.02),
        ("vietnamese", 0.02), ("arabic", 0.02), ("russian", 0.03), ("nigerian", 0.03)], 55),
    _c("IN", 0.14, [(c, "Asia/Kolkata") for c in ("Bengaluru", "Mumbai", "Delhi", "Hyderabad",
                    "Pune", "Chennai", "Kolkata", "Ahmedabad", "Jaipur", "Noida", "Kochi",
                    "Indore", "Gurugram", "Chandigarh", "Lucknow")], [("indian", 1.0)], 18),
    _c("PK", 0.07, [(c, "Asia/Karachi") for c in ("Lahore", "Karachi", "Islamabad", "Rawalpindi",
                    "Faisalabad", "Peshawar", "Multan")], [("pakistani", 1.0)], 15, "PK"),
    _c("UA", 0.05, [(c, "Europe/Kyiv") for c in ("Kyiv", "Lviv", "Kharkiv", "Odesa", "Dnipro",
                    "Vinnytsia", "Zaporizhzhia", "Ivano-Frankivsk")],
       [("ukrainian", 0.85), ("russian", 0.15)], 30, "UA"),
    _c("PH", 0.06, [(c, "Asia/Manila") for c in ("Manila", "Quezon City", "Cebu City",
                    "Davao City", "Makati", "Baguio", "Iloilo City")], [("filipino", 1.0)], 10),
    _c("NG", 0.04, [(c, "Africa/Lagos") for c in ("Lagos", "Abuja", "Ibadan", "Port Harcourt",
                    "Enugu", "Benin City")], [("nigerian", 1.0)], 15),
    _c("BD", 0.04, [(c, "Asia/Dhaka") for c in ("Dhaka", "Chittagong", "Sylhet", "Khulna",
                    "Rajshahi")], [("bangladeshi", 1.0)], 12),
    _c("GB", 0.04, [(c, "Europe/London") for c in ("London", "Manchester", "Birmingham", "Leeds",
                    "Glasgow", "Bristol", "Edinburgh", "Liverpool", "Brighton")],
       [("anglo", 0.78), ("indian", 0.07), ("pakistani", 0.05), ("polish", 0.04),
        ("arabic", 0.03), ("nigerian", 0.03)], 50, "GB"),
    _c("DE", 0.025, [(c, "Europe/Berlin") for c in ("Berlin", "Munich", "Hamburg", "Cologne",
                     "Frankfurt", "Stuttgart", "Leipzig")],
       [("german", 0.82), ("turkish", 0.1), ("russian", 0.04), ("polish", 0.04)], 55, "DE"),
    _c("BR", 0.03, [("São Paulo", "America/Sao_Paulo"), ("Rio de Janeiro", "America/Sao_Paulo"),
                    ("Belo Horizonte", "America/Sao_Paulo"), ("Curitiba", "America/Sao_Paulo"),
                    ("Porto Alegre", "America/Sao_Paulo"), ("Recife", "America/Recife"),
                    ("Fortaleza", "America/Fortaleza"), ("Florianópolis", "America/Sao_Paulo"),
                    ("Manaus", "America/Manaus")], [("brazilian", 1.0)], 25, "BR"),
    _c("EG", 0.03, [(c, "Africa/Cairo") for c in ("Cairo", "Alexandria", "Giza", "Mansoura",
                    "Tanta")], [("arabic", 1.0)], 15, "EG"),
    _c("RO", 0.015, [(c, "Europe/Bucharest") for c in ("Bucharest", "Cluj-Napoca", "Iași",
                     "Timișoara", "Brașov")], [("romanian", 1.0)], 35, "RO"),
    _c("PL", 0.02, [(c, "Europe/Warsaw") for c in ("Warsaw", "Kraków", "Wrocław", "Gdańsk",
                    "Poznań", "Łódź")], [("polish", 0.92), ("ukrainian", 0.08)], 40, "PL"),
    _c("KE", 0.025, [(c, "Africa/Nairobi") for c in ("Nairobi", "Mombasa", "Kisumu", "Nakuru",
                     "Eldoret")], [("kenyan", 1.0)], 12),
    _c("VN", 0.02, [(c, "Asia/Ho_Chi_Minh") for c in ("Ho Chi Minh City", "Hanoi", "Da Nang",
                    "Hai Phong", "Can Tho")], [("vietnamese", 1.0)], 18),
    _c("CA", 0.03, [("Toronto", "America/Toronto"), ("Vancouver", "America/Vancouver"),
                    ("Montreal", "America/Toronto"), ("Calgary", "America/Edmonton"),
                    ("Ottawa", "America/Toronto"), ("Edmonton", "America/Edmonton"),
                    ("Winnipeg", "America/Winnipeg"), ("Halifax", "America/Halifax")],
       [("anglo", 0.62), ("french", 0.1), ("chinese", 0.08), ("indian", 0.1), ("korean", 0.03),
        ("arabic", 0.04), ("ukrainian", 0.03)], 50),
    _c("AU", 0.02, [("Sydney", "Australia/Sydney"), ("Melbourne", "Australia/Melbourne"),
                    ("Brisbane", "Australia/Brisbane"), ("Perth", "Australia/Perth"),
                    ("Adelaide", "Australia/Adelaide")],
       [("anglo", 0.8), ("chinese", 0.08), ("indian", 0.06), ("vietnamese", 0.03),
        ("korean", 0.03)], 55),
    _c("ES", 0.015, [(c, "Europe/Madrid") for c in ("Madrid", "Barcelona", "Valencia", "Seville",
                     "Málaga", "Bilbao")], [("spanish", 0.95), ("romanian", 0.05)], 35, "ES"),
    _c("AR", 0.02, [("Buenos Aires", "America/Argentina/Buenos_Aires"),
                    ("Córdoba", "America/Argentina/Cordoba"), ("Rosario", "America/Argentina/Buenos_Aires"),
                    ("Mendoza", "America/Argentina/Mendoza"), ("La Plata", "America/Argentina/Buenos_Aires")],
       [("hispanic", 0.85), ("italian", 0.15)], 25),
    _c("MX", 0.02, [("Mexico City", "America/Mexico_City"), ("Guadalajara", "America/Mexico_City"),
                    ("Monterrey", "America/Monterrey"), ("Tijuana", "America/Tijuana"),
                    ("Mérida", "America/Merida"), ("Puebla", "America/Mexico_City")],
       [("hispanic", 1.0)], 25),
    _c("ID", 0.02, [("Jakarta", "Asia/Jakarta"), ("Bandung", "Asia/Jakarta"),
                    ("Surabaya", "Asia/Jakarta"), ("Yogyakarta", "Asia/Jakarta"),
                    ("Denpasar", "Asia/Makassar"), ("Makassar", "Asia/Makassar")],
       [("indonesian", 1.0)], 12),
    _c("FR", 0.015, [(c, "Europe/Paris") for c in ("Paris", "Lyon", "Marseille", "Toulouse",
                     "Nantes", "Lille", "Bordeaux")], [("french", 0.85), ("arabic", 0.15)], 50, "FR"),
    _c("TR", 0.015, [(c, "Europe/Istanbul") for c in ("Istanbul", "Ankara", "Izmir", "Bursa")],
       [("turkish", 1.0)], 25, "TR"),
    _c("IT", 0.01, [(c, "Europe/Rome") for c in ("Milan", "Rome", "Turin", "Bologna", "Naples")],
       [("italian", 1.0)], 45, "IT"),
    _c("NL", 0.008, [(c, "Europe/Amsterdam") for c in ("Amsterdam", "Rotterdam", "Utrecht",
                     "Eindhoven")], [("dutch", 0.85), ("turkish", 0.08), ("arabic", 0.07)], 60, "NL"),
    _c("RS", 0.01, [(c, "Europe/Belgrade") for c in ("Belgrade", "Novi Sad", "Niš")],
       [("serbian", 1.0)], 30, "RS"),
    _c("LK", 0.01, [(c, "Asia/Colombo") for c in ("Colombo", "Kandy", "Galle")],
       [("srilankan", 1.0)], 15),
    _c("ZA", 0.01, [(c, "Africa/Johannesburg") for c in ("Johannesburg", "Cape Town", "Durban",
                    "Pretoria")], [("anglo", 0.5), ("southafrican", 0.5)], 25),
    _c("MA", 0.008, [(c, "Africa/Casablanca") for c in ("Casablanca", "Rabat", "Marrakesh",
                     "Tangier")], [("arabic", 1.0)], 18),
    _c("NP", 0.008, [(c, "Asia/Kathmandu") for c in ("Kathmandu", "Pokhara", "Lalitpur")],
       [("nepali", 1.0)], 12),
    _c("CN", 0.01, [(c, "Asia/Shanghai") for c in ("Beijing", "Shanghai", "Shenzhen", "Guangzhou",
                    "Hangzhou", "Chengdu", "Wuhan", "Xi'an", "Nanjing", "Dalian", "Shenyang")],
       [("chinese", 1.0)], 30),
    _c("KR", 0.005, [(c, "Asia/Seoul") for c in ("Seoul", "Busan", "Incheon", "Daejeon",
                     "Seongnam")], [("korean", 1.0)], 45),
    _c("RU", 0.015, [("Moscow", "Europe/Moscow"), ("Saint Petersburg", "Europe/Moscow"),
                     ("Novosibirsk", "Asia/Novosibirsk"), ("Yekaterinburg", "Asia/Yekaterinburg"),
                     ("Kazan", "Europe/Moscow"), ("Krasnodar", "Europe/Moscow"),
                     ("Vladivostok", "Asia/Vladivostok")], [("russian", 1.0)], 30),
    _c("JP", 0.006, [(c, "Asia/Tokyo") for c in ("Tokyo", "Osaka", "Fukuoka", "Yokohama",
                     "Sapporo")], [("japanese", 1.0)], 50),
    _c("SG", 0.004, [("Singapore", "Asia/Singapore")],
       [("chinese", 0.7), ("indian", 0.15), ("indonesian", 0.15)], 55),
    _c("HK", 0.002, [("Hong Kong", "Asia/Hong_Kong")], [("chinese", 1.0)], 45),
    _c("TH", 0.004, [("Bangkok", "Asia/Bangkok"), ("Chiang Mai", "Asia/Bangkok")],
       [("thai", 1.0)], 20),
    _c("PT", 0.006, [("Lisbon", "Europe/Lisbon"), ("Porto", "Europe/Lisbon")],
       [("brazilian", 0.6), ("spanish", 0.1), ("anglo", 0.3)], 40, "PT"),
    _c("CO", 0.008, [("Bogotá", "America/Bogota"), ("Medellín", "America/Bogota"),
                     ("Cali", "America/Bogota")], [("hispanic", 1.0)], 22),
    _c("GE", 0.003, [("Tbilisi", "Asia/Tbilisi"), ("Batumi", "Asia/Tbilisi")],
       [("russian", 0.5), ("anglo", 0.2), ("ukrainian", 0.3)], 30, "GE"),
    _c("AE", 0.003, [("Dubai", "Asia/Dubai"), ("Abu Dhabi", "Asia/Dubai")],
       [("arabic", 0.4), ("indian", 0.3), ("pakistani", 0.15), ("anglo", 0.15)], 45, "AE"),
)}

# Where DPRK IT-worker operators sit, by the public record: China (Shenyang, Dandong), Russia
# (Vladivostok), Laos, and the DPRK itself.
OPERATOR_SITES: tuple[tuple[str, str, float], ...] = (
    ("CN", "Asia/Shanghai", 0.62), ("RU", "Asia/Vladivostok", 0.18),
    ("LA", "Asia/Vientiane", 0.08), ("KP", "Asia/Pyongyang", 0.05), ("CN", "Asia/Shanghai", 0.07),
)

# Countries fronts claim, by the public record (mostly the US, also Canada, Western and Eastern
# Europe, Japan, Singapore, Australia).
FRONT_CLAIMS: dict[str, float] = {
    "US": 0.46, "CA": 0.06, "GB": 0.06, "DE": 0.03, "PL": 0.04, "UA": 0.05, "RO": 0.02,
    "JP": 0.05, "SG": 0.03, "AU": 0.03, "FR": 0.02, "ES": 0.02, "IT": 0.02, "NL": 0.02,
    "MX": 0.02, "BR": 0.01, "VN": 0.01, "PH": 0.01,
}

# Popular places to travel or work from for a while.
TRAVEL_DESTINATIONS: tuple[str, ...] = (
    "TH", "ID", "PT", "ES", "MX", "GE", "TR", "AE", "CO", "VN", "DE", "GB", "US", "FR", "IT",
    "NL", "JP", "SG", "AR", "BR", "PL",
)

# Exit countries privacy VPN users pick besides their own.
VPN_EXITS: tuple[str, ...] = ("US", "NL", "DE", "GB", "SG", "CH", "SE", "CA", "FR", "JP", "HK")

# Places the look-alike night-shift workers live in.
NIGHT_SHIFT_HOMES: tuple[str, ...] = ("PH", "VN", "IN", "CN", "KR", "ID", "PK", "BD", "LK", "TH")

CAPITAL_ZONE: dict[str, str] = {
    "LA": "Asia/Vientiane", "KP": "Asia/Pyongyang", "CH": "Europe/Zurich", "SE": "Europe/Stockholm",
}


def country(code: str) -> Country | None:
    return COUNTRIES.get(code)


def main_zone(code: str) -> str:
    """The zone of the country's first (largest) city, or a known capital zone."""
    c = COUNTRIES.get(code)
    if c is not None:
        return c.cities[0][1]
    return CAPITAL_ZONE.get(code, "UTC")
