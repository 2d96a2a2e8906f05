"""Generator knobs (:class:`SynthSettings`) and the per-seed draw of a whole world.

A detector trained on one fixed world learns that world's quirks. ``SynthSettings.randomised``
therefore draws every knob per seed across a wide range: base rate, cell sizes, tactic mix,
look-alike shares, session volumes, field-missing rates, evasion strength, time window.
"""

from __future__ import annotations

import math
import random
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime

import numpy as np

from detector.synth.countries import COUNTRIES

SEGMENTS = ("regular", "privacy_vpn", "traveller", "asia_night_shift", "agency",
            "consistent_cn_kr_ru", "romanisation", "voip_user", "web3_crypto", "shared_household",
            "remote_desktop", "cloud_workstation", "front")
LOOKALIKES = SEGMENTS[1:-1]
TACTICS = ("vpn", "laptop_farm", "residential_proxy", "rented_identity")

DEFAULT_LOOKALIKES = {
    "privacy_vpn": 0.04, "traveller": 0.03, "asia_night_shift": 0.03, "agency": 0.04,
    "consistent_cn_kr_ru": 0.025, "romanisation": 0.02, "voip_user": 0.025, "web3_crypto": 0.02,
    "shared_household": 0.03, "remote_desktop": 0.02, "cloud_workstation": 0.015,
}
DEFAULT_TACTICS = {"vpn": 0.3, "laptop_farm": 0.25, "residential_proxy": 0.2, "rented_identity": 0.25}
# Share of records (or sessions / payouts) whose optional field is left out of the export.
DEFAULT_MISSING = {
    "full_name": 0.01, "email": 0.05, "phone": 0.2, "claimed_city": 0.15,
    "claimed_timezone": 0.3, "resume_text": 0.05, "photo_phash": 0.12, "hourly_rate_usd": 0.08,
    "device_id": 0.02, "browser_timezone": 0.05, "remote_access": 0.2, "duration_s": 0.1,
    "account_country": 0.05, "holder_name": 0.1,
}


@dataclass(frozen=True)
class SynthSettings:
    """Every knob of the generator. Defaults describe a middle-of-the-road world."""

    front_rate: float = 0.04  # share of applicants that are fronts
    cell_size: tuple[int, int] = (5, 30)  # personas per cell
    tactic_mix: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_TACTICS))
    lookalike_shares: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_LOOKALIKES))
    difficulty: float = 0.5  # 0: careless cells with many tells, 1: careful cells with few
    start: str = "2025-01-01"  # first sign-up day
    span_days: int = 420  # sign-ups happen over this many days
    growth: float = 0.3  # later days get more sign-ups
    sessions_median: float = 8.0
    sessions_sigma: float = 0.9
    sessions_max: int = 60
    zero_session_rate: float = 0.06  # new sign-ups with no session yet (every segment)
    active_days_median: float = 45.0
    proposals_mean: float = 3.0
    payout_count_weights: tuple[float, ...] = (0.2, 0.6, 0.16, 0.04)  # 0, 1, 2, 3 accounts
    missing: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_MISSING))
    country_weights: dict[str, float] | None = None  # None: the default platform mix
    name_digits_email_rate: float = 0.25  # legit people use name+digits emails too
    github_rate: float = 0.45  # developers who link a code-hosting profile
    stock_photo_rate: float = 0.01  # stock avatars reused by unrelated people
    stock_proposal_rate: float = 0.05  # people who bid with a stock text copied from the internet
    # People who paste a cover-letter template that circulates among freelancers (guides,
    # courses, forum posts), changing a few sentences: unrelated honest bids that read alike.
    # How common that is differs from platform to platform.
    popular_proposal_rate: float = 0.1
    popular_proposal_templates: int = 60
    family_account_rate: float = 0.02  # legit people paid into a relative's or partner's account
    emigrant_rate: float = 0.2  # of the consistent RU/CN segment: moved abroad, visit home
    public_resume_rate: float = 0.03  # resumes built on a resume builder's or a tool's template
    shipping_rate: float = 0.08  # profiles that asked for equipment to be shipped
    ipv6_share: float = 0.08  # home lines reached over IPv6
    casual_vpn_rate: float = 0.08  # regular people who sometimes use a VPN
    remote_tool_rate: float = 0.03  # regular people who use remote-desktop tools
    travel_rate: float = 0.06  # regular people with a trip abroad
    invalid_phone_rate: float = 0.015  # typos and made-up numbers among legit profiles
    unlabelled_rate: float = 0.0  # applicants written without a label (truth still has it)
    missing_as_null: bool = False  # write missing fields as null instead of leaving them out
    # Front cells that declare an agency to excuse their shared accounts. Not randomised: worlds
    # drawn with 0-15 % or 0-35 % trained models that flagged honest agencies and others more
    # on the independent worlds (docs/SYNTHETIC_DATA.md, lesson 11).
    sham_agency_rate: float = 0.07

    def day_range(self) -> tuple[int, int]:
        """(first sign-up day since the activity epoch, number of days)."""
        from detector.synth.activity import EPOCH
        start = datetime.fromisoformat(self.start).replace(tzinfo=UTC)
        return (start - EPOCH).days, int(self.span_days)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def randomised(cls, rng: random.Random | np.random.Generator | int) -> SynthSettings:
        """A widely varied world: every knob drawn from a broad range."""
        r = _as_random(rng)

        def lu(lo: float, hi: float) -> float:
            return math.exp(r.uniform(math.log(lo), math.log(hi)))

        tactic = {t: r.gammavariate(1.5, 1.0) + 0.05 for t in TACTICS}
        total = sum(tactic.values())
        looks = {k: v * lu(0.3, 2.5) for k, v in DEFAULT_LOOKALIKES.items()}
        scale = r.uniform(0.12, 0.4) / sum(looks.values())
        countries = {c: v.share * r.lognormvariate(0, r.uniform(0.2, 0.9)) for c, v in COUNTRIES.items()}
        lo_cell = r.randint(5, 8)
        year = r.choice((2024, 2025, 2025, 2026))
        missing = {k: min(0.8, v * lu(0.2, 3.0)) for k, v in DEFAULT_MISSING.items()}
        return cls(
            front_rate=lu(0.01, 0.15),
            cell_size=(lo_cell, r.randint(max(lo_cell + 4, 12), 30)),
            tactic_mix={t: v / total for t, v in tactic.items()},
            lookalike_shares={k: v * scale for k, v in looks.items()},
            difficulty=r.betavariate(2, 2),
            start=f"{year}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
            span_days=r.randint(90, 600),
            growth=r.uniform(0, 1.2),
            sessions_median=lu(3, 20),
            sessions_sigma=r.uniform(0.5, 1.2),
            sessions_max=r.randint(30, 80),
            zero_session_rate=r.uniform(0.01, 0.18),
            active_days_median=lu(10, 120),
            proposals_mean=lu(0.5, 8),
            payout_count_weights=(r.uniform(0.05, 0.5), r.uniform(0.4, 0.8), r.uniform(0.05, 0.3),
                                  r.uniform(0.0, 0.08)),
            missing=missing,
            country_weights=countries,
            name_digits_email_rate=r.uniform(0.1, 0.4),
            github_rate=r.uniform(0.15, 0.75),
            stock_photo_rate=r.uniform(0.0, 0.03),
            stock_proposal_rate=lu(0.02, 0.4),
            family_account_rate=r.uniform(0.005, 0.08),
            emigrant_rate=r.uniform(0.05, 0.5),
            public_resume_rate=lu(0.005, 0.2),
            shipping_rate=r.uniform(0.01, 0.25),
            ipv6_share=r.uniform(0.0, 0.25),
            casual_vpn_rate=r.uniform(0.02, 0.18),
            remote_tool_rate=r.uniform(0.005, 0.08),
            travel_rate=r.uniform(0.01, 0.12),
            invalid_phone_rate=r.uniform(0.0, 0.04),
            unlabelled_rate=r.choice((0.0, 0.0, 0.0, r.uniform(0.0, 0.3))),
            missing_as_null=r.random() < 0.3,
            popular_proposal_rate=r.choice((0.0, r.uniform(0.0, 0.3), r.uniform(0.2, 0.85))),
            popular_proposal_templates=int(lu(8, 400)),
        )

    def with_(self, **changes: object) -> SynthSettings:
        return replace(self, **changes)  # type: ignore[arg-type]


def _as_random(rng: random.Random | np.random.Generator | int) -> random.Random:
    if isinstance(rng, random.Random):
        return rng
    if isinstance(rng, np.random.Generator):
        return random.Random(int(rng.integers(0, 2**63 - 1)))
    return random.Random(int(rng))
