"""Legitimate freelancers: the regular population and the look-alike segments of RED_FLAGS.md
section 3, each consistent about who and where they are, whatever unusual habit they have.
"""

from __future__ import annotations

import phonenumbers

from detector.synth import identity as idt
from detector.synth import texts
from detector.synth.activity import Rhythm
from detector.synth.countries import COUNTRIES, NIGHT_SHIFT_HOMES, TRAVEL_DESTINATIONS, VPN_EXITS
from detector.synth.names import FAMILY, company_name, draw_name, romanisation_variant
from detector.synth.profiles import (
    Ctx,
    Person,
    Place,
    activity,
    city_of,
    created_day,
    devices,
    earlier_life,
    group_window,
    home_place,
    legit_rhythm,
    mobile_place,
    new_person,
    office_place,
    own_payouts,
    payout,
    phone_text,
    vpn_place,
    write_proposals,
)

CLIENT_ZONES = ("America/New_York", "America/New_York", "America/Chicago", "America/Los_Angeles",
                "Europe/London", "Europe/Berlin", "Australia/Sydney")


def _places(ctx: Ctx, p: Person, vpn_p: float | None = None) -> list[Place]:
    """Home line, maybe a phone, an office or coworking space, and casual VPN use."""
    places = [home_place(ctx, p.country, p.home_zone)]
    if ctx.chance(0.4):
        places.append(mobile_place(ctx, p.country, p.home_zone, ctx.between(0.03, 0.3)))
    if ctx.chance(0.18):
        places.append(office_place(ctx, p.country, p.home_zone, ctx.between(0.1, 0.6)))
    if ctx.chance(ctx.s.casual_vpn_rate if vpn_p is None else vpn_p):
        exits = [p.country] * 3 + list(VPN_EXITS)
        places.append(vpn_place(ctx, exits, p.home_zone, ctx.between(0.03, 0.35)))
    return places


def _trip(ctx: Ctx, p: Person, f0: float, f1: float) -> tuple[float, float, Place]:
    dest = ctx.rng.choice([c for c in TRAVEL_DESTINATIONS if c != p.country])
    _, zone = city_of(ctx, dest)
    kind_r = ctx.rng.random()
    btz = zone if ctx.chance(0.55) else p.home_zone
    if kind_r < 0.6:
        place = home_place(ctx, dest, btz)  # a rented flat
    elif kind_r < 0.85:
        place = mobile_place(ctx, dest, btz, 1.0)  # a local SIM
    else:
        place = office_place(ctx, dest, btz, 1.0)  # hotel or coworking
    return (f0, f1, place)


def _remote_p(ctx: Ctx) -> float:
    return ctx.between(0.1, 0.9) if ctx.chance(ctx.s.remote_tool_rate) else ctx.between(0, 0.01)


def _live(ctx: Ctx, p: Person, *, places: list[Place] | None = None, rhythm: Rhythm | None = None,
          devs: list[str] | None = None, payouts: bool = True, trips=None, remote_p=None,
          day0: int | None = None, style=None, drift: float = 0.3) -> Person:
    """Everything after the identity: payouts, sessions, proposals."""
    if ctx.chance(ctx.s.invalid_phone_rate):
        p.phone = phone_text(ctx, idt.invalid_phone(ctx.rng, p.country), p.country)
    if payouts:
        own_payouts(ctx, p)
        if p.payouts and ctx.chance(ctx.s.family_account_rate):
            # paid into a relative's or a partner's account, who may carry another family name
            given, family = draw_name(ctx.rng, p.culture, p.family if ctx.chance(0.6) else None)
            p.payouts[0]["holder_name"] = f"{given} {family}"
    if trips is None and ctx.chance(ctx.s.travel_rate):
        f0 = ctx.between(0.1, 0.8)
        trips = [_trip(ctx, p, f0, f0 + ctx.between(0.05, 0.25))]
    places = places or _places(ctx, p)
    activity(ctx, p, rhythm or legit_rhythm(ctx, p.zone), places,
             devs or devices(ctx), day0=created_day(ctx) if day0 is None else day0,
             remote_p=_remote_p(ctx) if remote_p is None else remote_p, trips=trips)
    if ctx.chance(NEW_SETUP_RATE):
        _new_setup(ctx, p, places[0])
    write_proposals(ctx, p, style, drift)
    return p


NEW_SETUP_RATE = 0.15


def _new_setup(ctx: Ctx, p: Person, home: Place) -> None:
    """A new laptop, a move or a new ISP part-way through, often after a break: the ordinary
    changes that an account taken over by someone else after a pause shows too."""
    if len(p.sessions) < 4:
        return
    times = [s[0] for s in p.sessions]
    if ctx.chance(0.5):  # back from a break with the new setup
        k = max(range(1, len(times)), key=lambda i: times[i] - times[i - 1])
    else:
        k = ctx.rng.randint(1, len(times) - 1)
    laptop = ctx.token(10) if ctx.chance(0.8) else None
    line = home_place(ctx, p.country, home.btz) if ctx.chance(0.4) else None
    rng = ctx.rng
    for i in range(k, len(p.sessions)):
        t, ip, dev, btz, remote, d = p.sessions[i]
        if line is not None and ip in home.ips:
            ip = line.ips[0] if rng.random() < line.sticky else rng.choice(line.ips)
        p.sessions[i] = (t, ip, laptop or dev, btz, remote, d)


# ---------------------------------------------------------------- segments

def regular(ctx: Ctx) -> list[Person]:
    return [_live(ctx, new_person(ctx, "regular", 0, ctx.country()))]


def privacy_vpn(ctx: Ctx) -> list[Person]:
    p = new_person(ctx, "privacy_vpn", 0, ctx.country())
    places = _places(ctx, p, vpn_p=0.0)
    exits = [p.country] * ctx.rng.randint(0, 4) + ctx.rng.sample(VPN_EXITS, ctx.rng.randint(1, 4))
    share = ctx.between(0.35, 0.98)
    total = sum(pl.weight for pl in places)
    places.append(vpn_place(ctx, exits, p.home_zone, total * share / (1 - share),
                            n_ips=ctx.rng.randint(2, 12), hosting_share=ctx.between(0.1, 0.7)))
    return [_live(ctx, p, places=places)]


def traveller(ctx: Ctx) -> list[Person]:
    p = new_person(ctx, "traveller", 0, ctx.country())
    n = ctx.rng.randint(1, 4)
    cuts = sorted(ctx.between(0, 1) for _ in range(2 * n))
    trips = [_trip(ctx, p, cuts[2 * i], cuts[2 * i + 1]) for i in range(n)]
    return [_live(ctx, p, trips=trips)]


def asia_night_shift(ctx: Ctx) -> list[Person]:
    country = ctx.rng.choice(NIGHT_SHIFT_HOMES)
    p = new_person(ctx, "asia_night_shift", 0, country, dev_bias=0.5)
    base = legit_rhythm(ctx, ctx.rng.choice(CLIENT_ZONES))  # client's daytime = local night
    base.start_hour = ctx.between(7, 11)
    base.night_p = ctx.between(0, 0.05)
    return [_live(ctx, p, rhythm=base)]


_CN_KR_RU = (("CN", "chinese", 0.4), ("KR", "korean", 0.25), ("RU", "russian", 0.35))


# Where people who left Russia or China since live and work, and say so (2022-: GE, AM, KZ,
# RS, TR, AE, CY; Chinese professionals in HK, SG, MY, TW and beyond). Those in the table
# are the countries the generator has networks for.
_EMIGRANT_HOMES = {"RU": ("GE", "RS", "TR", "AE", "DE", "PL"), "CN": ("HK", "SG", "CA", "AU", "US")}


def consistent_cn_kr_ru(ctx: Ctx) -> list[Person]:
    country, culture, _ = ctx.rng.choices(_CN_KR_RU, [w for *_, w in _CN_KR_RU])[0]
    if country in _EMIGRANT_HOMES and ctx.chance(ctx.s.emigrant_rate):
        return [_emigrant(ctx, country, culture)]
    p = new_person(ctx, "consistent_cn_kr_ru", 0, country, culture=culture, dev_bias=0.75)
    vpn_p = {"CN": 0.5, "RU": 0.35, "KR": 0.08}[country]
    places = _places(ctx, p, vpn_p=0.0)
    if ctx.chance(vpn_p):  # reaching the platform through a VPN is routine there
        exits = ["HK", "SG", "JP", "US", "NL", "DE", "KR"]
        places.append(vpn_place(ctx, exits, p.home_zone, ctx.between(0.2, 3.0)))
    return [_live(ctx, p, places=places)]


def _emigrant(ctx: Ctx, origin: str, culture: str) -> Person:
    """Someone who moved from ``origin`` and claims the new country truthfully, but still works
    some weeks from home (family visits), sometimes from before the move."""
    p = new_person(ctx, "consistent_cn_kr_ru", 0, ctx.rng.choice(_EMIGRANT_HOMES[origin]),
                   culture=culture, dev_bias=0.75)
    trips: list[tuple[float, float, Place]] = []
    for _ in range(ctx.rng.randint(1, 2)):
        f0 = 0.0 if not trips and ctx.chance(0.3) else ctx.between(0.05, 0.85)
        _, origin_zone = city_of(ctx, origin)
        place = home_place(ctx, origin, origin_zone if ctx.chance(0.5) else p.home_zone)
        trips.append((f0, min(1.0, f0 + ctx.between(0.04, 0.2)), place))
    devs = devices(ctx)
    _live(ctx, p, trips=trips, devs=devs)
    if ctx.chance(0.35):  # the account from before the move: at home in the origin, then the move
        _, origin_zone = city_of(ctx, origin)
        moved_with = devs if ctx.chance(0.7) else devices(ctx)
        earlier_life(ctx, p, home_place(ctx, origin, origin_zone), origin_zone, moved_with,
                     pause_median_days=30)
    return p


_ROMANISED = {
    "korean": ("KR", "KR", "US", "CA", "AU"), "chinese": ("CN", "SG", "US", "CA", "AU", "HK"),
    "vietnamese": ("VN", "VN", "US", "AU"), "russian": ("RU", "DE", "US", "GE"),
    "ukrainian": ("UA", "UA", "PL", "DE", "CA"), "arabic": ("EG", "MA", "AE", "FR", "GB", "US"),
    "pakistani": ("PK", "PK", "GB", "AE"), "bangladeshi": ("BD",), "brazilian": ("BR", "PT"),
    "hispanic": ("MX", "AR", "CO", "US"),
}


def romanisation(ctx: Ctx) -> list[Person]:
    culture = ctx.rng.choice(tuple(_ROMANISED))
    p = new_person(ctx, "romanisation", 0, ctx.rng.choice(_ROMANISED[culture]), culture=culture)
    own_payouts(ctx, p, n=ctx.rng.choice((1, 1, 2)))
    variant = romanisation_variant(ctx.rng, p.given, p.family, culture)
    for acc in p.payouts[: ctx.rng.randint(1, len(p.payouts))]:
        acc["holder_name"] = variant
    return [_live(ctx, p, payouts=False)]


def voip_user(ctx: Ctx) -> list[Person]:
    p = new_person(ctx, "voip_user", 0, ctx.country())
    r = ctx.rng.random()
    if r < 0.55 and phonenumbers.example_number_for_type(p.country, phonenumbers.PhoneNumberType.VOIP):
        num = ctx.fresh_phone(p.country, "voip")
    elif r < 0.9:  # a US virtual number (Google Voice, TextNow...) used from anywhere
        num = ctx.fresh_phone("US", "mobile")
    else:
        num = ctx.fresh_phone(ctx.rng.choice(("GB", "CA", "NL", "PL")), "voip")
    p.phone = phone_text(ctx, num, p.country)
    return [_live(ctx, p)]


def web3_crypto(ctx: Ctx) -> list[Person]:
    role = "blockchain" if ctx.chance(0.7) else None
    p = new_person(ctx, "web3_crypto", 0, ctx.country(), role=role)
    n_wallets = ctx.rng.choice((1, 1, 2, 3))
    for _ in range(n_wallets):
        p.payouts.append(payout(ctx, "crypto", p.country, None if ctx.chance(0.6) else p.full_name,
                                p.email))
    if ctx.chance(0.4):
        own_payouts(ctx, p, n=1)
    places = _places(ctx, p, vpn_p=0.45)
    return [_live(ctx, p, places=places, payouts=False)]


def shared_household(ctx: Ctx) -> list[Person]:
    """Family members or flatmates on one home connection, sometimes one computer."""
    country = ctx.country()
    size = ctx.rng.choice((2, 2, 2, 3, 3, 4))
    family = ctx.chance(0.6)
    c = COUNTRIES.get(country)
    culture = ctx.rng.choices(*zip(*c.cultures, strict=True))[0] if c else "anglo"
    surname = ctx.rng.choice(FAMILY[culture]).replace("_", " ") if family else None
    first = new_person(ctx, "shared_household", 0, country, culture=culture, family=surname)
    home = home_place(ctx, country, first.home_zone)
    shared_dev = devices(ctx, 1) if ctx.chance(0.3) else None
    group = ctx.token(6)
    day0, spread = group_window(ctx, 200)
    people = []
    for i in range(size):
        p = first if i == 0 else new_person(ctx, "shared_household", 0, country,
                                            culture=culture if family else None, family=surname)
        p.city, p.home_zone, p.zone = first.city, first.home_zone, first.zone
        p.group_id = group
        places = [Place(home.ips, p.home_zone, 1.0, sticky=0.75)] + _places(ctx, p)[1:]
        devs = devices(ctx) + (shared_dev or [])
        if i > 0 and family and first.payouts and ctx.chance(0.15):
            p.payouts.append(dict(first.payouts[0]))  # paid to the spouse's account
        elif i == 0 or not p.payouts:
            own_payouts(ctx, p)
        if i > 0 and first.phone and ctx.chance(0.1):
            p.phone = first.phone
        people.append(_live(ctx, p, places=places, devs=devs, payouts=False,
                            day0=day0 + ctx.rng.randint(0, spread)))
    return people


_AGENCY_HOMES = ("IN", "IN", "PK", "PK", "BD", "UA", "PH", "EG", "NG", "VN", "RO", "PL", "AR",
                 "KE", "LK", "BR", "MX", "RS")


def agency(ctx: Ctx, size: int) -> list[Person]:
    """A declared agency: members share an office, a payout account and templates, openly."""
    rng = ctx.rng
    country = rng.choice(_AGENCY_HOMES)
    agency_id = ctx.token(6)
    firm = company_name(rng, country)
    domain = idt.ascii_slug(firm.split()[0]) + rng.choice((".com", ".io", ".dev", ".co"))
    office_city, office_zone = city_of(ctx, country)
    office = Place([ctx.pools.draw(rng, country, "residential" if ctx.chance(0.8) else "hosting")
                    for _ in range(rng.randint(1, 3))], None, ctx.between(0.5, 3.0), sticky=0.6)
    office_devices = devices(ctx, rng.randint(1, 4)) if ctx.chance(0.25) else None
    shared_payout = payout(ctx, rng.choice(("bank", "bank", "payoneer", "wise")), country, firm, None)
    share_payout_p = ctx.between(0.2, 1.0)
    office_phone = phone_text(ctx, ctx.fresh_phone(country, "fixed"), country) if ctx.chance(0.4) else None
    role = rng.choice(texts.DEV_ROLES + texts.ALL_ROLES)
    template = texts.resume_template(rng, role, rng.randint(3, 12))
    template_p, rewrite = ctx.between(0.0, 0.9), ctx.between(0.0, 0.35)
    style = texts.proposal_style(rng)
    rhythm_zone = rng.choice(CLIENT_ZONES) if ctx.chance(0.4) else office_zone
    day0, spread = group_window(ctx, 300)
    remote = ctx.between(0.0, 0.3)
    people = []
    for _ in range(size):
        p = new_person(ctx, "agency", 0, country, role=role if ctx.chance(0.6) else None)
        p.agency_id, p.group_id = agency_id, agency_id
        if ctx.chance(0.7):
            p.city, p.home_zone, p.zone = office_city, office_zone, office_zone
        if ctx.chance(0.5):
            p.email = ctx.fresh(_agency_email, p, domain)
        if office_phone and ctx.chance(0.6):
            p.phone = office_phone
        if ctx.chance(template_p):
            p.resume = texts.render_template(rng, template, p.writer, rewrite)
        places = [Place(office.ips, p.home_zone, office.weight, sticky=0.6,
                        devices=office_devices)] + _places(ctx, p)
        if ctx.chance(share_payout_p):
            p.payouts.append(dict(shared_payout))
        else:
            own_payouts(ctx, p)
        rhythm = legit_rhythm(ctx, rhythm_zone)
        devs = devices(ctx)
        people.append(_live(ctx, p, places=places, rhythm=rhythm, devs=devs, payouts=False,
                            day0=day0 + rng.randint(0, spread), style=style,
                            drift=ctx.between(0.1, 0.5), remote_p=remote * ctx.rng.random()))
    return people


def remote_desktop(ctx: Ctx) -> list[Person]:
    """IT people who reach their own machine (a desktop at home, a workstation at the office)
    through remote-desktop tools: the platform sees that machine's own line and zone, in their
    own working hours. The FBI's January 2025 advice notes such habits are not uncommon among
    developers; remote access is a laptop farm's tell only together with what a farm hides."""
    p = new_person(ctx, "remote_desktop", 0, ctx.country(), dev_bias=0.85)
    return [_live(ctx, p, remote_p=ctx.between(0.15, 0.8))]


# Cloud regions of the large providers, by where a developer lives: their own country where it
# has one, else the region's hub (a cloud desktop or dev VM runs in the nearest region).
_CLOUD_REGION_COUNTRIES = frozenset((
    "US", "CA", "BR", "MX", "GB", "IE", "DE", "NL", "FR", "SE", "PL", "IT", "ES", "CH", "IN", "SG",
    "JP", "KR", "AU", "HK", "ID", "ZA", "AE"))
_CLOUD_HUBS = {"America": ("US", "US", "BR"), "Europe": ("DE", "NL", "IE", "GB", "FR"),
               "Asia": ("SG", "IN", "JP"), "Africa": ("ZA", "DE", "GB"), "Australia": ("AU",),
               "Pacific": ("AU", "SG")}


def cloud_workstation(ctx: Ctx) -> list[Person]:
    """Developers who work in a cloud desktop or development VM (AWS WorkSpaces, Azure Virtual
    Desktop, a dev box): much of their activity comes from a hosting network in a cloud region
    of their own country or a nearby one, from an address the VM keeps for weeks; some sessions
    are flagged remote (the VM is reached over a remote-display protocol), and the VM's browser
    sometimes keeps the region's clock. Hours, phone, payouts and everything else are their own."""
    p = new_person(ctx, "cloud_workstation", 0, ctx.country(), dev_bias=0.9)
    places = _places(ctx, p)
    if p.country in _CLOUD_REGION_COUNTRIES and ctx.chance(0.8):
        region = p.country
    else:
        region = ctx.rng.choice(_CLOUD_HUBS.get(p.home_zone.split("/")[0], ("US", "DE", "SG")))
    _, region_zone = city_of(ctx, region)
    btz = p.home_zone if ctx.chance(0.75) else region_zone
    share = ctx.between(0.3, 0.9)
    total = sum(pl.weight for pl in places)
    vm = Place([ctx.pools.draw(ctx.rng, region, "hosting") for _ in range(ctx.rng.randint(1, 3))],
               btz, total * share / (1 - share), sticky=0.9, remote_p=ctx.between(0.0, 0.5))
    return [_live(ctx, p, places=places + [vm])]


def _agency_email(rng, p: Person, domain: str) -> str:
    g, f = idt.ascii_slug(p.given.split()[0]), idt.ascii_slug(p.family.split()[-1])
    return f"{g}{rng.choice(('', '.', '_'))}{f[: rng.choice((1, 20))]}@{domain}"


LOOKALIKE_BUILDERS = {
    "privacy_vpn": privacy_vpn, "traveller": traveller, "asia_night_shift": asia_night_shift,
    "consistent_cn_kr_ru": consistent_cn_kr_ru, "romanisation": romanisation,
    "voip_user": voip_user, "web3_crypto": web3_crypto, "shared_household": shared_household,
    "remote_desktop": remote_desktop, "cloud_workstation": cloud_workstation,
}
