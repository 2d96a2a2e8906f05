"""The building blocks every segment uses: a person, the places they connect from, their
payout accounts and their texts. Legitimate profiles and fronts go through the same code with
different parameters, so no format, rate or count differs between them unless a segment or a
tactic says so on purpose.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
from dataclasses import dataclass, field, replace

import numpy as np

from detector.synth import identity as idt
from detector.synth import texts
from detector.synth.activity import EPOCH_S, Rhythm, session_times
from detector.synth.countries import COUNTRIES, main_zone
from detector.synth.ip_pools import IpPools
from detector.synth.names import culture_for, draw_name, full_name, holder_rendering
from detector.synth.world import SynthSettings


@dataclass
class Place:
    """Where sessions come from: a set of addresses, the browser's zone there, and habits."""

    ips: list[str]
    btz: str | None
    weight: float = 1.0
    sticky: float = 0.0  # chance a session reuses the place's first address
    remote_p: float | None = None  # overrides the person's remote-access rate
    devices: list[str] | None = None  # overrides the person's own devices (a farm's machines)


@dataclass
class Person:
    segment: str
    label: int
    country: str
    zone: str  # claimed time zone (also used when claimed_timezone is not written)
    city: str
    home_zone: str  # the zone of the place the person really is
    given: str
    family: str
    culture: str
    full_name: str
    email: str | None
    phone: str | None
    role: str
    writer: texts.Writer
    resume: str = ""
    phash: str | None = None
    github: str | None = None
    rate: float | None = None
    shipping: str | None = None
    agency_id: str | None = None
    tactic: str | None = None
    cell_id: str | None = None
    group_id: str | None = None
    created: int = 0
    sessions: list[tuple] = field(default_factory=list)
    payouts: list[dict] = field(default_factory=list)
    proposals: list[tuple[int, str]] = field(default_factory=list)
    style: texts.ProposalStyle | None = None


class Ctx:
    """Random sources, settings and shared lookups of one generation run."""

    def __init__(self, settings: SynthSettings, seed: int, pools: IpPools,
                 taken: set[str] | None = None) -> None:
        self.s = settings
        self.rng = random.Random(seed)
        self.np = np.random.default_rng(seed)
        self.pools = pools
        self.first_day, self.n_days = settings.day_range()
        weights = settings.country_weights or {c: v.share for c, v in COUNTRIES.items()}
        self.countries = list(weights)
        self.country_w = [weights[c] for c in self.countries]
        self._tokens: set[str] = set()
        self._used: set[str] = set() if taken is None else taken
        self._public_resumes: dict[str, list[texts.Template]] = {}
        self._popular_proposals: list[texts.ProposalStyle] = []

    def public_resume(self, role: str) -> texts.Template:
        """One of a few resume templates of ``role`` that resume builders and writing tools hand
        to strangers alike (the same few per run)."""
        if role not in self._public_resumes:
            rng = random.Random(f"{self.rng.random()}-{role}")
            self._public_resumes[role] = [texts.resume_template(rng, role, rng.randint(2, 10))
                                          for _ in range(3)]
        return self.rng.choice(self._public_resumes[role])

    def popular_proposal(self) -> texts.ProposalStyle:
        """A cover-letter template that circulates among freelancers (guides, courses, forum
        posts): the world's pool holds ``popular_proposal_templates`` of them, and each person who
        adopts one changes a few sentences of it (the drift of their bids)."""
        if not self._popular_proposals:
            rng = random.Random(f"{self.rng.random()}-proposals")
            self._popular_proposals = [replace(texts.proposal_style(rng, 0.0), pasted=True)
                                       for _ in range(self.s.popular_proposal_templates)]
        return self.rng.choice(self._popular_proposals)

    def token(self, nbytes: int = 8) -> str:
        """A fresh opaque random token (device ids, applicant ids, agency ids)."""
        while True:
            t = idt.hex_token(self.rng, nbytes)
            if t not in self._tokens:
                self._tokens.add(t)
                return t

    def fresh(self, make, *args: object) -> str:
        """A value from ``make(rng, *args)`` that nobody else has (emails, handles)."""
        value = make(self.rng, *args)
        for _ in range(6):
            if value not in self._used:
                break
            value = make(self.rng, *args)
        else:
            local, _, domain = value.partition("@")
            value = f"{local}{self.rng.randint(10, 9999)}" + (f"@{domain}" if domain else "")
        self._used.add(value)
        return value

    def fresh_phone(self, region: str, kind: str = "mobile"):
        """A valid phone number of ``region`` that no other person has been given."""
        for _ in range(10):
            num = idt.phone_number(self.rng, region, kind)
            key = f"+{num.country_code}{num.national_number}"
            if key not in self._used:
                break
        self._used.add(key)
        return num

    def country(self) -> str:
        return self.rng.choices(self.countries, self.country_w)[0]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def between(self, lo: float, hi: float) -> float:
        return lo + (hi - lo) * self.rng.random()

    def loguniform(self, lo: float, hi: float) -> float:
        return math.exp(self.between(math.log(lo), math.log(hi)))


# ---------------------------------------------------------------- identity

def city_of(ctx: Ctx, country: str) -> tuple[str, str]:
    c = COUNTRIES.get(country)
    if c is None:
        return "", main_zone(country)
    return ctx.rng.choice(c.cities)


def new_person(ctx: Ctx, segment: str, label: int, country: str, *, culture: str | None = None,
               family: str | None = None, role: str | None = None, dev_bias: float = 0.55,
               email_digits: str | None = None) -> Person:
    """A self-consistent identity living in ``country``: name, contacts, city, rate and texts."""
    rng = ctx.rng
    c = COUNTRIES.get(country)
    culture = culture or culture_for(rng, c.cultures if c else (("anglo", 1.0),))
    given, fam = draw_name(rng, culture, family)
    name = full_name(rng, given, fam, culture)
    city, home_zone = city_of(ctx, country)
    zone = home_zone
    if rng.random() < 0.04 and c is not None:  # works on another zone of the same country
        zone = rng.choice(c.cities)[1]
    if role is None:
        role = rng.choice(texts.DEV_ROLES) if rng.random() < dev_bias else rng.choice(texts.ALL_ROLES)
    years = int(min(25, max(1, rng.lognormvariate(math.log(6), 0.5))))
    n_jobs = rng.choice((0, 1, 1, 2, 2, 2, 3))
    writer = texts.Writer(given.split()[0], name, role, years, city or country, country,
                          [_employer(ctx, country) for _ in range(n_jobs)],
                          rng.choice(texts.ROLES[role][0]))
    p = Person(segment, label, country, zone, city, home_zone, given, fam, culture, name,
               ctx.fresh(idt.email_address, given, fam, country, email_digits,
                         ctx.s.name_digits_email_rate),
               None, role, writer)
    p.phone = phone_text(ctx, ctx.fresh_phone(country, "mobile" if rng.random() < 0.9 else "fixed"),
                         country)
    p.resume = (texts.render_template(rng, ctx.public_resume(role), writer, ctx.between(0.2, 0.6))
                if rng.random() < ctx.s.public_resume_rate else texts.resume(rng, writer))
    p.style = (ctx.popular_proposal() if rng.random() < ctx.s.popular_proposal_rate
               else texts.proposal_style(rng, ctx.s.stock_proposal_rate))
    p.phash = idt.photo_hash(rng) if rng.random() > ctx.s.stock_photo_rate else rng.choice(_STOCK)
    if rng.random() < (ctx.s.github_rate if texts.ROLES[role][2] else ctx.s.github_rate * 0.2):
        p.github = ctx.fresh(idt.github_url, given, fam)
    rate = (c.rate_usd if c else 30) * rng.lognormvariate(0, 0.45) * (0.6 + 0.08 * min(years, 10))
    p.rate = float(round(max(5.0, min(250.0, rate)) / (5 if rate > 40 else 1)) * (5 if rate > 40 else 1))
    if rng.random() < ctx.s.shipping_rate:
        p.shipping = country if rng.random() > 0.06 else rng.choice(("US", "GB", "DE", "CA", "AE"))
    return p


_STOCK = tuple(f"{(i * 0x9E3779B97F4A7C15) & (2**64 - 1):016x}" for i in range(1, 40))


def _employer(ctx: Ctx, country: str) -> str:
    from detector.synth.names import company_name
    return company_name(ctx.rng, country)


def phone_text(ctx: Ctx, number, claimed: str) -> str:
    import phonenumbers
    region = phonenumbers.region_code_for_number(number)
    return idt.format_phone(number, ctx.rng.random(), national_ok=(region == claimed))


# ---------------------------------------------------------------- payouts

def own_payouts(ctx: Ctx, p: Person, country: str | None = None, n: int | None = None,
                method: str | None = None, holder: str | None = None) -> None:
    """Payout accounts in the person's own name (bank rendering variants) and country."""
    rng = ctx.rng
    country = country or p.country
    if n is None:
        n = rng.choices((0, 1, 2, 3), ctx.s.payout_count_weights)[0]
    used = {acc["method"] for acc in p.payouts}
    for i in range(n):
        m = method if (method and i == 0) else idt.payout_method(rng, country)
        if m in used and m != "crypto":
            m = rng.choice([x for x in ("bank", "payoneer", "wise", "paypal", "other") if x not in used])
        used.add(m)
        p.payouts.append(payout(ctx, m, country, holder or holder_rendering(rng, p.given, p.family,
                                                                             p.full_name), p.email))


def payout(ctx: Ctx, method: str, country: str, holder: str | None, email: str | None) -> dict:
    rng = ctx.rng
    return {"method": method, "account_ref": idt.account_ref(rng, method, country, email),
            "account_country": idt.account_country(rng, method, country), "holder_name": holder}


# ---------------------------------------------------------------- places

def home_place(ctx: Ctx, country: str, btz: str | None, weight: float = 1.0) -> Place:
    """A residential line: a few dynamic addresses of one ISP, mostly the current one."""
    rng = ctx.rng
    ver = 6 if rng.random() < ctx.s.ipv6_share else 4
    block = ctx.pools.block(rng, country, "residential", ver)
    ips = [ctx.pools.address(rng, block) for _ in range(rng.choice((1, 1, 2, 2, 3, 4)))]
    return Place(ips, btz, weight, sticky=0.75)


def mobile_place(ctx: Ctx, country: str, btz: str | None, weight: float) -> Place:
    rng = ctx.rng
    block = ctx.pools.block(rng, country, "residential", 6 if rng.random() < 0.3 else 4)
    return Place([ctx.pools.address(rng, block) for _ in range(6)], btz, weight)


def office_place(ctx: Ctx, country: str, btz: str | None, weight: float) -> Place:
    kind = "residential" if ctx.rng.random() < 0.7 else "hosting"
    return Place([ctx.pools.draw(ctx.rng, country, kind)], btz, weight, sticky=1.0)


def vpn_place(ctx: Ctx, exits: list[str], btz: str | None, weight: float, n_ips: int = 6,
              hosting_share: float = 0.3) -> Place:
    """Commercial VPN or VPS exits: addresses change often, in the exit countries."""
    rng = ctx.rng
    ips = [ctx.pools.draw(rng, rng.choice(exits), "hosting" if rng.random() < hosting_share else "vpn")
           for _ in range(n_ips)]
    return Place(ips, btz, weight, sticky=0.3)


def devices(ctx: Ctx, n: int | None = None) -> list[str]:
    n = n or ctx.rng.choices((1, 2, 3), (0.55, 0.35, 0.1))[0]
    return [ctx.token(10) for _ in range(n)]


# ---------------------------------------------------------------- activity

def legit_rhythm(ctx: Ctx, zone: str) -> Rhythm:
    """An ordinary working rhythm: daytime, some evenings, some weekends, varied lengths."""
    rng = ctx.rng
    owl = rng.random() < 0.1
    weekend = rng.choice((0.05, 0.15, 0.3, 0.5, 0.8))
    return Rhythm(
        zone=zone,
        start_hour=ctx.between(12, 16) if owl else min(13.0, max(5.5, rng.gauss(9, 1.4))),
        block_hours=ctx.between(4, 11),
        evening_p=ctx.between(0.02, 0.35), night_p=ctx.loguniform(0.002, 0.12),
        day_weights=(1, 1, 1, 1, ctx.between(0.6, 1), weekend, weekend * ctx.between(0.5, 1)),
        duration_median_min=ctx.loguniform(12, 150), duration_sigma=ctx.between(0.6, 1.2),
        sessions_per_day=ctx.between(1, 3), jitter_hours=ctx.between(0.3, 1.8),
    )


def session_count(ctx: Ctx) -> int:
    """Same distribution for everybody: some new sign-ups with none, a long tail of regulars."""
    s = ctx.s
    if ctx.rng.random() < s.zero_session_rate:
        return 0
    n = ctx.rng.lognormvariate(math.log(s.sessions_median), s.sessions_sigma)
    return int(min(s.sessions_max, max(1, round(n))))


def created_day(ctx: Ctx, lo: int = 0, hi: int | None = None) -> int:
    """A sign-up day within the world's window, a little more often late (growth)."""
    hi = ctx.n_days if hi is None else hi
    u = ctx.rng.random() ** (1 / (1 + ctx.s.growth))
    return ctx.first_day + lo + int(u * max(1, hi - lo))


def group_window(ctx: Ctx, max_spread: int) -> tuple[int, int]:
    """(first day, spread) of a group's sign-ups, kept inside the world's window."""
    spread = min(int(ctx.loguniform(3, max_spread)), ctx.n_days - 1)
    return created_day(ctx, 0, ctx.n_days - spread), spread


def activity(ctx: Ctx, p: Person, rhythm: Rhythm, places: list[Place], own_devices: list[str],
             *, day0: int, n: int | None = None, remote_p: float = 0.0,
             forced: list[tuple[int, Place, float]] | None = None, span: int | None = None,
             trips: list[tuple[float, float, Place]] | None = None) -> None:
    """Sign-up time, sessions and proposals of ``p``.

    ``forced`` entries ``(k, place, prob)`` send each of the first ``k`` sessions (sign-up
    included) to ``place`` with probability ``prob``: early leaks before the VPN is set up.
    ``trips`` entries ``(from, to, place)`` (fractions of the active span) send the sessions in
    that part of the span to ``place``.
    """
    rng = ctx.rng
    n = session_count(ctx) if n is None else n
    last_day = ctx.first_day + ctx.n_days
    day0 = min(day0, last_day - 1)
    span = span or int(min(300, max(3, rng.lognormvariate(math.log(ctx.s.active_days_median), 0.9))))
    span_avail = max(1, min(span, last_day - day0))
    if span_avail < span and n > 1:
        n = max(1, int(math.ceil(n * span_avail / span)))
    starts, durs = session_times(ctx.np, rhythm, day0, span_avail, max(n, 1))
    p.created = int(starts[0]) - rng.randint(0, 900) if n else int(starts[0])
    if n == 0:
        starts, durs = starts[:0], durs[:0]
    elif rng.random() < 0.75:  # the sign-up itself is a session
        starts[0] = p.created + rng.randint(5, 300)
    cum_places = list(itertools.accumulate(pl.weight for pl in places))
    n_dev = len(own_devices)
    t0 = int(starts[0]) if n else 0
    t_span = max(1, int(starts[-1]) - t0) if n else 1
    rand = rng.random
    for i, (t, d) in enumerate(zip(starts.tolist(), durs.tolist(), strict=True)):
        place = None
        if forced:
            for k, fp, prob in forced:
                if i < k and rand() < prob:
                    place = fp
                    break
        if place is None and trips:
            f = (t - t0) / t_span
            for f0, f1, tp in trips:
                if f0 <= f < f1 and rand() < 0.92:
                    place = tp
                    break
        if place is None:
            place = places[bisect.bisect_right(cum_places, rand() * cum_places[-1])]
        ip = place.ips[0] if rand() < place.sticky else place.ips[int(rand() * len(place.ips))]
        if place.devices:
            dev = place.devices[int(rand() * len(place.devices))]
        else:
            dev = own_devices[0] if n_dev == 1 or rand() < 0.7 else own_devices[1 + int(rand() * (n_dev - 1))]
        rp = place.remote_p if place.remote_p is not None else remote_p
        p.sessions.append((t, ip, dev, place.btz, rand() < rp, d))
    # proposals: during the active period, in the same rhythm
    k = min(25, int(rng.expovariate(1 / ctx.s.proposals_mean))) if rng.random() < 0.8 else 0
    if k:
        times, _ = session_times(ctx.np, rhythm, day0, span_avail, k)
        for t in times.tolist():
            if t <= p.created:
                t = p.created + rng.randint(120, 3 * 86400)
            p.proposals.append((int(t), ""))
        p.proposals.sort()


def earlier_life(ctx: Ctx, p: Person, place: Place, zone: str, own_devices: list[str],
                 pause_median_days: float) -> None:
    """Prepend an earlier period of the account to ``p``'s sessions: an ordinary daytime
    rhythm in ``zone``, from ``place`` on ``own_devices``, ending a pause (5-400 days, lognormal
    around ``pause_median_days``) before the first session; the account was created then."""
    rng = ctx.rng
    if not p.sessions:
        return
    pause = int(min(400, max(5, rng.lognormvariate(math.log(pause_median_days), 0.9))))
    span = rng.randint(20, 500)
    n = max(4, int(rng.lognormvariate(math.log(25), 0.8)))
    first_day = (int(p.sessions[0][0]) - EPOCH_S) // 86400 - pause - span  # days since EPOCH_S
    starts, durs = session_times(ctx.np, legit_rhythm(ctx, zone), first_day, span, n)
    earlier = [(int(t), place.ips[0] if rng.random() < place.sticky else rng.choice(place.ips),
                rng.choice(own_devices), zone, rng.random() < 0.02, int(d))
               for t, d in zip(starts.tolist(), durs.tolist(), strict=True)]
    p.sessions = earlier + p.sessions
    p.created = earlier[0][0] - rng.randint(0, 900)


def write_proposals(ctx: Ctx, p: Person, style: texts.ProposalStyle | None = None,
                    drift: float = 0.3) -> None:
    """Fill the proposal texts (after the identity is final)."""
    style = style or p.style or texts.proposal_style(ctx.rng)
    if style.pasted:
        drift = min(drift, ctx.between(0.0, 0.25))
    p.proposals = [(t, texts.proposal(ctx.rng, style, p.writer, drift)) for t, _ in p.proposals]
