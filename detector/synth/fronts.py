"""Front cells: 5-30 personas run by one team of operators, each cell with a dominant evasion
tactic, a per-cell mix, and per-cell habits that decide which tells survive.

Every cell draws a ``care`` level (from the world's ``difficulty``): careful cells share fewer
identifiers, leak less, spoof the browser zone and mimic their clients' hours, so some fronts
carry only faint tells, as the public record says the good ones do.
"""

from __future__ import annotations

import math
from typing import Any

from detector.synth import identity as idt
from detector.synth import texts
from detector.synth.activity import Rhythm
from detector.synth.countries import COUNTRIES, FRONT_CLAIMS, OPERATOR_SITES, VPN_EXITS
from detector.synth.names import company_name, draw_name, holder_rendering
from detector.synth.profiles import (
    Ctx,
    Person,
    Place,
    activity,
    city_of,
    devices,
    earlier_life,
    group_window,
    home_place,
    legit_rhythm,
    new_person,
    payout,
    phone_text,
    vpn_place,
    write_proposals,
)

FRONT_ROLES = ("fullstack", "frontend", "backend", "mobile", "blockchain", "blockchain", "game",
               "web_cms", "java_net", "devops", "data", "design")


class Cell:
    """The shared resources and habits of one front cell."""

    def __init__(self, ctx: Ctx, cell_id: str, size: int, dominant: str | None = None) -> None:
        rng = self.rng = ctx.rng
        s = ctx.s
        self.ctx, self.id, self.size = ctx, cell_id, size
        d = s.difficulty
        self.care = rng.betavariate(1 + 4 * d, 1 + 4 * (1 - d))
        careless = 1 - self.care
        mix = {t: w * ctx.between(0.2, 1.0) for t, w in s.tactic_mix.items() if w > 0}
        self.dominant = dominant or rng.choices(list(mix), list(mix.values()))[0]
        self.dominant_w = ctx.between(0.6, 1.0)
        self.mix = mix
        site = rng.choices(OPERATOR_SITES, [w for *_, w in OPERATOR_SITES])[0]
        self.op_country, self.op_zone = site[0], site[1]
        self.claims = _claims(ctx, self.dominant)
        self.roles = rng.sample(FRONT_ROLES, rng.randint(1, 3))
        # working hours: operator day, client day (night shift), or each persona its own
        r = rng.random()
        self.hours = ("operator" if r < 0.75 * careless + 0.1 else
                      "night_shift" if r < 0.85 else "mixed")
        self.mimic_legit = self.care > 0.75 and ctx.chance(0.5)
        self.op_start = ctx.between(7, 10.5)
        self.op_block = ctx.between(10, 16)
        self.rest_w = ctx.between(0.02, 0.35)
        self.dur_median = ctx.loguniform(40, 240)
        self.btz_operator_p = careless * ctx.between(0.1, 1.0)
        # shared identifiers
        self.facilitators = [self._facilitator() for _ in range(rng.randint(1, 4))]
        self.share_payout_p = ctx.between(0.05, 1.0) * (1 - 0.6 * self.care)
        self.crypto_p = ctx.between(0.0, 0.45)
        self.phones = [ctx.fresh_phone(c, "voip" if ctx.chance(0.5) else "mobile")
                       for c in rng.sample(list(self.claims), 1) for _ in range(rng.randint(1, 3))]
        self.share_phone_p = ctx.between(0.0, 0.5) * careless
        self.voip_p = ctx.between(0.0, 0.6) * (1 - 0.5 * self.care)
        self.invalid_p = ctx.between(0.0, 0.2) * careless
        self.foreign_phone_p = ctx.between(0.0, 0.15) * careless
        self.op_devices = devices(ctx, rng.randint(2, 6))
        self.share_device_p = ctx.between(0.0, 0.8) * careless
        self.owner_history_p = ctx.between(0.2, 1.0)  # rented identities with the holder's own past
        self.template = texts.resume_template(rng, self.roles[0], rng.randint(4, 12))
        self.template_p = ctx.between(0.15, 1.0) * (1 - 0.5 * self.care)
        self.rewrite = ctx.between(0.0, 0.5) * (0.3 + self.care)
        self.style = texts.proposal_style(rng)
        self.style_p = ctx.between(0.3, 1.0) * (1 - 0.4 * self.care)  # a copy-pasted bid script
        self.drift = ctx.between(0.0, 0.3)
        self.photo = idt.photo_hash(rng)
        self.photo_p = ctx.between(0.0, 0.6) * careless
        self.digits = (str(rng.choice((rng.randint(1, 99), rng.randint(100, 999), rng.randint(1980, 2003))))
                       if ctx.chance(0.7 * careless + 0.1) else None)
        self.digits_p = ctx.between(0.3, 1.0)
        self.leak_p = ctx.between(0.05, 0.9) * careless
        self.agency_id = ctx.token(6) if ctx.chance(ctx.s.sham_agency_rate) else None
        self.day0, self.spread = group_window(ctx, 300)
        self.farms: list[tuple[str, str, Place, list[str]]] = []
        self.farm_remote = ctx.between(0.3, 0.97)
        self.farm_ship_p = ctx.between(0.1, 0.8)
        self.proxy_rotating = ctx.chance(0.4 * careless + 0.1)

    # ------------------------------------------------------------ shared resources

    def _facilitator(self) -> dict:
        ctx, rng = self.ctx, self.rng
        r = rng.random()
        if r < 0.35:  # a Chinese or Hong Kong bank account
            country = rng.choice(("CN", "HK", "HK"))
            holder = " ".join(draw_name(rng, "chinese")[::-1]) if ctx.chance(0.6) else company_name(rng, country)
            return payout(ctx, "bank", country, holder, None)
        if r < 0.6:  # a facilitator in the claimed country
            country = rng.choice(list(self.claims))
            c = COUNTRIES.get(country)
            culture = rng.choices(*zip(*c.cultures, strict=True))[0] if c else "anglo"
            holder = " ".join(draw_name(rng, culture)) if ctx.chance(0.7) else company_name(rng, country)
            return payout(ctx, rng.choice(("bank", "bank", "paypal", "wise")), country, holder, None)
        if r < 0.8:
            holder = " ".join(draw_name(rng, rng.choice(("chinese", "anglo", "russian"))))
            return payout(ctx, rng.choice(("payoneer", "wise")), rng.choice(("US", "HK", "GB", "SG")), holder, None)
        return payout(ctx, "crypto", "US", None, None)

    def farm(self, country: str) -> tuple[str, str, Place, list[str]]:
        """A laptop farm in ``country``: a home line, the host's machines, its city and zone."""
        for f in self.farms:
            if f[0] == country and (len(self.farms) > 2 or self.ctx.chance(0.8)):
                return f
        city, zone = city_of(self.ctx, country)
        line = home_place(self.ctx, country, zone)
        self.farms.append((country, city, line, devices(self.ctx, self.rng.randint(1, 4))))
        return self.farms[-1]

    def tactic(self) -> str:
        if self.ctx.chance(self.dominant_w):
            return self.dominant
        return self.rng.choices(list(self.mix), list(self.mix.values()))[0]

    def rhythm(self, p: Person) -> Rhythm:
        ctx = self.ctx
        if self.mimic_legit:
            return legit_rhythm(ctx, p.zone)
        mode = self.hours if self.hours != "mixed" else self.rng.choice(("operator", "night_shift"))
        rest = self.rng.randrange(7)
        w = [1.0] * 7
        w[6 if ctx.chance(0.7) else rest] = self.rest_w
        common: dict[str, Any] = dict(evening_p=ctx.between(0.0, 0.1), night_p=ctx.between(0.0, 0.04),
                      day_weights=tuple(w), duration_median_min=self.dur_median * ctx.between(0.7, 1.4),
                      duration_sigma=ctx.between(0.5, 1.0), sessions_per_day=ctx.between(1.2, 4),
                      jitter_hours=ctx.between(0.3, 1.2))
        if mode == "operator":
            return Rhythm(self.op_zone, self.op_start, self.op_block * ctx.between(0.8, 1.1), **common)
        return Rhythm(p.zone, ctx.between(7, 10), ctx.between(8, 13), **common)

    def btz(self, p: Person) -> str:
        return self.op_zone if self.ctx.chance(self.btz_operator_p) else p.zone


def _claims(ctx: Ctx, dominant: str) -> dict[str, float]:
    names, weights = zip(*FRONT_CLAIMS.items(), strict=True)
    if dominant in ("laptop_farm", "rented_identity") and ctx.chance(0.7):
        return {"US": 1.0} if ctx.chance(0.75) else {ctx.rng.choices(names, weights)[0]: 1.0}
    k = ctx.rng.choice((1, 1, 2, 2, 3))
    picks = {ctx.rng.choices(names, weights)[0] for _ in range(k)}
    return {c: ctx.between(0.3, 1.0) for c in sorted(picks)}


# ---------------------------------------------------------------- personas

def front_cell(ctx: Ctx, cell_id: str, size: int, dominant: str | None = None) -> list[Person]:
    """The personas of one cell; ``dominant`` fixes the cell's main tactic."""
    cell = Cell(ctx, cell_id, size, dominant)
    return [_persona(ctx, cell) for _ in range(size)]


def _persona(ctx: Ctx, cell: Cell) -> Person:
    rng = ctx.rng
    tactic = cell.tactic()
    countries, weights = zip(*cell.claims.items(), strict=True)
    country = rng.choices(countries, weights)[0]
    farm = cell.farm(country) if tactic == "laptop_farm" else None
    digits = cell.digits if cell.digits and ctx.chance(cell.digits_p) else None
    p = new_person(ctx, "front", 1, country, role=rng.choice(cell.roles), email_digits=digits)
    p.tactic, p.cell_id = tactic, cell.id
    if farm is not None and ctx.chance(0.5):  # the persona "lives" where the farm is
        p.city, p.home_zone = farm[1], farm[2].btz or p.home_zone
        p.zone = p.home_zone
    _contacts(ctx, cell, p, tactic)
    _texts(ctx, cell, p)
    _payouts(ctx, cell, p, tactic)
    if cell.agency_id and ctx.chance(0.7):
        p.agency_id = cell.agency_id
    places, forced, remote_p, devs = _network(ctx, cell, p, tactic, farm)
    if farm is not None:
        p.shipping = farm[0] if ctx.chance(cell.farm_ship_p) else p.shipping
    day0 = cell.day0 + int(rng.random() * cell.spread)
    activity(ctx, p, cell.rhythm(p), places, devs, day0=day0, remote_p=remote_p, forced=forced)
    if tactic == "rented_identity" and ctx.chance(cell.owner_history_p):
        _owner_history(ctx, p, places[0])
    write_proposals(ctx, p, cell.style if ctx.chance(cell.style_p) else None, cell.drift)
    return p


def _contacts(ctx: Ctx, cell: Cell, p: Person, tactic: str) -> None:
    if tactic == "rented_identity":
        return  # a real person's own number and mailbox
    if ctx.chance(cell.share_phone_p):
        p.phone = phone_text(ctx, ctx.rng.choice(cell.phones), p.country)
    elif ctx.chance(cell.invalid_p):
        p.phone = phone_text(ctx, idt.invalid_phone(ctx.rng, p.country), p.country)
    elif ctx.chance(cell.voip_p):
        region = p.country if ctx.chance(0.6) else "US"
        kind = "voip" if region != "US" else "mobile"
        p.phone = phone_text(ctx, ctx.fresh_phone(region, kind), p.country)
    elif ctx.chance(cell.foreign_phone_p):
        p.phone = phone_text(ctx, ctx.fresh_phone(cell.op_country), p.country)


def _texts(ctx: Ctx, cell: Cell, p: Person) -> None:
    if ctx.chance(cell.template_p):
        p.resume = texts.render_template(ctx.rng, cell.template, p.writer, cell.rewrite)
    if ctx.chance(cell.photo_p):
        p.phash = idt.near_photo_hash(ctx.rng, cell.photo, ctx.rng.choice((0, 1, 2, 3, 4, 6)))


def _payouts(ctx: Ctx, cell: Cell, p: Person, tactic: str) -> None:
    rng = ctx.rng
    n = rng.choices((0, 1, 2, 3), ctx.s.payout_count_weights)[0]
    share = cell.share_payout_p * (0.4 if tactic == "residential_proxy" else 1.0)
    if tactic == "rented_identity":
        share = max(share, 0.35)
    for _ in range(n):
        if ctx.chance(share):
            p.payouts.append(dict(rng.choice(cell.facilitators)))
        elif ctx.chance(cell.crypto_p):
            p.payouts.append(payout(ctx, "crypto", p.country, None, p.email))
        else:
            holder = holder_rendering(rng, p.given, p.family, p.full_name)
            if tactic == "rented_identity" and ctx.chance(0.3):
                holder = " ".join(draw_name(rng, "anglo"))  # the renter is paid, not the persona
            p.payouts.append(payout(ctx, idt.payout_method(rng, p.country), p.country, holder, p.email))


def _network(ctx: Ctx, cell: Cell, p: Person, tactic: str, farm):
    """Places, forced early sessions, remote-access rate and devices for one persona."""
    rng = ctx.rng
    leaks = ctx.chance(cell.leak_p)
    own = devices(ctx, 1 if cell.care > 0.5 else None)
    devs = own + ([rng.choice(cell.op_devices)] if ctx.chance(cell.share_device_p) else [])
    leak_place = _leak_place(ctx, cell)
    forced = None
    remote_p = 0.0
    btz = cell.btz(p)
    if tactic == "vpn":
        exits = [p.country] * rng.randint(1, 6) + rng.sample(VPN_EXITS, rng.randint(0, 2))
        places = [vpn_place(ctx, exits, btz, 1.0, n_ips=rng.randint(2, 14),
                            hosting_share=ctx.between(0.1, 0.8))]
        if leaks:
            places.append(Place(leak_place.ips, leak_place.btz, ctx.between(0.02, 0.3)))
            forced = [(rng.randint(1, 5), leak_place, ctx.between(0.4, 0.95))]
        remote_p = ctx.between(0.0, 0.15)
    elif tactic == "laptop_farm":
        # the persona's laptop sits at the farm: shared with other personas or its own
        laptop = rng.choice(farm[3]) if ctx.chance(cell.share_device_p) else ctx.token(10)
        line = farm[2]
        places = [Place(line.ips, line.btz, 1.0, sticky=0.8, remote_p=cell.farm_remote,
                        devices=[laptop])]
        if leaks:
            places.append(vpn_place(ctx, [p.country], btz, ctx.between(0.02, 0.2)))
            places.append(Place(leak_place.ips, leak_place.btz, ctx.between(0.01, 0.1)))
    elif tactic == "residential_proxy":
        if cell.proxy_rotating:
            ips = [ctx.pools.draw(rng, p.country, "residential") for _ in range(rng.randint(8, 30))]
            places = [Place(ips, p.zone if ctx.chance(0.8) else btz, 1.0, sticky=0.05)]
        else:
            line = home_place(ctx, p.country, p.zone if ctx.chance(0.8) else btz)
            places = [line]
        if leaks and ctx.chance(0.5):
            places.append(Place(leak_place.ips, leak_place.btz, ctx.between(0.01, 0.08)))
    else:  # rented_identity: the identity holder's own line, driven remotely or by proxy
        line = home_place(ctx, p.country, p.home_zone if ctx.chance(0.7) else btz)
        places = [line]
        remote_p = ctx.between(0.1, 0.8) if ctx.chance(0.6) else ctx.between(0.0, 0.05)
        if leaks:
            places.append(vpn_place(ctx, [p.country] + list(VPN_EXITS[:3]), btz, ctx.between(0.05, 0.4)))
            forced = [(rng.randint(1, 3), leak_place, ctx.between(0.2, 0.8))]
    return places, forced, remote_p, devs


def _owner_history(ctx: Ctx, p: Person, line: Place) -> None:
    """The identity holder's own use of the account before it was rented, sold or lent:
    daytime sessions at home on the holder's devices, then a pause, then the operator."""
    place = line if ctx.chance(0.6) else home_place(ctx, p.country, p.home_zone)
    taken_devices = sorted({s[2] for s in p.sessions})
    own = taken_devices if ctx.chance(0.4) else devices(ctx)  # the operator may drive the holder's machine
    earlier_life(ctx, p, place, p.home_zone, own, pause_median_days=60)


def _leak_place(ctx: Ctx, cell: Cell) -> Place:
    """Sessions straight from the operators' own networks (CN, RU, LA, sometimes KP)."""
    country = cell.op_country if not ctx.chance(0.05) else "KP"
    kind = "residential" if ctx.chance(0.7) else "hosting"
    block = ctx.pools.block(ctx.rng, country, kind)
    n = max(1, int(math.ceil(ctx.rng.random() * 4)))
    return Place([ctx.pools.address(ctx.rng, block) for _ in range(n)], cell.op_zone, 1.0, sticky=0.5)
