"""Evidence sentences for reason codes, with the concrete numbers and linked profile ids."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import numpy as np
import pandas as pd

from detector.features.catalogue import FEATURES
from detector.scoring.masked import masked_email, masked_phone
from detector.signals.session_geo import OPERATOR_COUNTRIES

MAX_IDS = 8
LINK_KIND_OF_CODE = {
    "PAYOUT_SHARED": "payout", "PHONE_SHARED": "phone", "EMAIL_SHARED": "email",
    "DEVICE_SHARED": "device", "IP_FARM": "residential_ip", "RESUME_REUSED": "resume",
    "PROPOSAL_REUSED": "proposal", "PHOTO_REUSED": "photo",
}
LINK_WORDS = {
    "payout": "share a payout account", "phone": "share the phone number",
    "email": "share the email address", "device": "were seen on the same device",
    "residential_ip": "used the same residential IP in the same period",
    "resume": "have a near-duplicate resume under a different name",
    "proposal": "sent near-duplicate proposals under a different name",
    "photo": "use a near-identical profile photo under a different name",
}
ACCOUNT_CHANGES = {f.reason_code: f.name for f in FEATURES if f.family == "account"}  # code -> feature
ACCOUNT_WORDS = {
    "ACCOUNT_NEW_DEVICES": "came from devices", "ACCOUNT_NEW_NETWORKS": "came from networks (ASNs)",
    "ACCOUNT_NEW_BROWSER_ZONE": "reported a browser time zone",
}


class _Rows:
    """Some rows of a table, read column by column (an applicant's sessions or payouts).

    Sentences only count values in a column or two: cutting a DataFrame per applicant (as a
    groupby yields them) cost more than writing all the sentences of a chunk.
    """

    def __init__(self, columns: dict[str, Any], positions: np.ndarray) -> None:
        self._columns = columns
        self._positions = positions

    def __len__(self) -> int:
        return len(self._positions)

    def values(self, column: str) -> np.ndarray:
        """The column's present values in row order (what ``frame[column].dropna()`` holds)."""
        if column not in self._columns or not len(self._positions):
            return np.zeros(0, dtype=object)
        found = np.asarray(self._columns[column][self._positions])
        return found[~pd.isna(found)]

    def where(self, column: str) -> _Rows:
        """The rows whose boolean ``column`` is true."""
        flags = np.asarray(self._columns[column][self._positions], dtype=bool)
        return _Rows(self._columns, self._positions[flags])

    def home(self, country: str) -> _Rows:
        """The sessions located in ``country`` and not through an anonymiser."""
        if "country" not in self._columns or not len(self._positions):
            return _Rows(self._columns, self._positions[:0])
        located = np.array([isinstance(c, str) and c == country
                            for c in self._columns["country"][self._positions]], dtype=bool)
        clean = ~np.asarray(self._columns["anonymised"][self._positions], dtype=bool)
        return _Rows(self._columns, self._positions[located & clean])


class _RowsOf:
    """Each wanted applicant's rows of a table, in table order (groupby positions)."""

    def __init__(self, table: pd.DataFrame, wanted: set) -> None:
        table = table[table["applicant_id"].isin(wanted)]
        self._columns = {name: column.to_numpy() for name, column in table.items()}
        self._positions: dict = (table.groupby("applicant_id", sort=False).indices
                                 if len(table) else {})

    def __call__(self, aid: Any) -> _Rows:
        return _Rows(self._columns, self._positions.get(aid, np.zeros(0, dtype=np.int64)))


class _OneApplicantRows:
    """One applicant's rows of a table given as columns (``_RowsOf`` of a one-applicant table)."""

    def __init__(self, aid: Any, columns: dict[str, np.ndarray]) -> None:
        self._aid = aid
        self._columns = columns
        self._positions = np.arange(len(next(iter(columns.values()), ())), dtype=np.int64)

    def __call__(self, aid: Any) -> _Rows:
        return _Rows(self._columns, self._positions if aid == self._aid else self._positions[:0])


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _offset(x: float) -> str:
    return "UTC?" if np.isnan(x) else f"UTC{x:+.0f}" if float(x).is_integer() else f"UTC{x:+.1f}"


def _counts(rows: _Rows, column: str) -> Counter:
    """How often each known value of ``column`` occurs in ``rows`` (an applicant's sessions)."""
    return Counter(str(v) for v in rows.values(column))


def _ids(ids: list[str], total: int | None = None) -> str:
    """The first ``MAX_IDS`` ids and how many more (``total``: how many ``ids`` stands for)."""
    total = len(ids) if total is None else total
    shown = ", ".join(ids[:MAX_IDS])
    return shown + (f" and {total - MAX_IDS} more" if total > MAX_IDS else "")


def _providers(anon: _Rows) -> str:
    """Anonymiser services named by MaxMind Anonymous Plus, with its confidence (1-99)."""
    names = _counts(anon, "provider_name")
    if not names:
        return ""
    confidence = anon.values("anonymizer_confidence")
    listing = ", ".join(f"{p} ({c})" for p, c in names.most_common(3))
    sure = f"; MaxMind anonymizer confidence up to {confidence.max():.0f}/99" if len(confidence) else ""
    return f"; provider {listing}{sure}"


def _by_column(frame: pd.DataFrame) -> dict[str, Any]:
    """Each column's values, indexed by position as ``frame.iloc[row][column]`` gives them
    (time-zone-aware times as Timestamps, missing text as NaN)."""
    return {name: (column.array if isinstance(column.dtype, pd.DatetimeTZDtype)
                   else column.to_numpy())
            for name, column in frame.items()}


class EvidenceWriter:
    """Writes the evidence sentence of a reason code for one applicant row."""

    def __init__(self, applicants: pd.DataFrame, features: pd.DataFrame, context: pd.DataFrame,
                 sessions: pd.DataFrame, payouts: pd.DataFrame, pairs: pd.DataFrame,
                 components: np.ndarray, rows: np.ndarray, all_ids: np.ndarray | None = None,
                 first_row: int = 0):
        """``rows`` are positions in ``applicants``.

        ``pairs`` and ``components`` may cover a larger population than ``applicants``: the
        batch path explains one chunk against the links of the whole population. Then
        ``all_ids`` holds that population's ids and ``first_row`` the position of the chunk's
        first applicant in it.
        """
        self.applicants = applicants.reset_index(drop=True)
        self.features = features
        self.context = context
        own_ids = self.applicants["applicant_id"].to_numpy()
        ids = own_ids if all_ids is None else np.asarray(all_ids, dtype=object)
        self.ids = ids
        self.first_row = first_row
        self._last_row: tuple[int, dict, dict, dict] | None = None
        self._columns: tuple[dict[str, Any], dict[str, Any], dict[str, Any]] | None = None
        wanted = set(own_ids[rows])
        self.sessions = _RowsOf(sessions, wanted)
        self.payouts = _RowsOf(payouts, wanted)
        self.links: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        global_rows = np.asarray(rows, dtype=np.int64) + first_row
        row_set = set(global_rows.tolist())
        if len(pairs):
            sub = pairs[pairs["a"].isin(row_set) | pairs["b"].isin(row_set)]
            for a, b, kind in zip(sub["a"], sub["b"], sub["kind"], strict=True):
                if a in row_set and ids[b] not in self.links[a - first_row][kind]:
                    self.links[a - first_row][kind].append(ids[b])
                if b in row_set and ids[a] not in self.links[b - first_row][kind]:
                    self.links[b - first_row][kind].append(ids[a])
        self.components = components
        wanted_comps = np.unique(components[global_rows])
        in_wanted = np.flatnonzero(np.isin(components, wanted_comps))
        self.members = {c: ids[idx.to_numpy()].tolist() for c, idx in
                        pd.Series(in_wanted).groupby(components[in_wanted])}

    @classmethod
    def for_one(cls, applicant: dict[str, Any], features: dict[str, Any], context: dict[str, Any],
                sessions: dict[str, np.ndarray], payouts: dict[str, np.ndarray],
                links: list[tuple[str, str]], members: list[str]) -> EvidenceWriter:
        """The writer of one applicant (row 0) from plain values, without frames: the same
        sentences the frame constructor gives for a population of this applicant and the
        profiles it links to (the scoring API explaining one flagged sign-up).

        ``applicant``, ``features``, ``context``: name -> value; ``sessions``, ``payouts``:
        column -> the applicant's values in order; ``links``: (kind, other profile id) in
        link order; ``members``: the other profiles of its network, in order."""
        writer = cls.__new__(cls)
        aid = applicant["applicant_id"]
        writer.first_row = 0
        writer._last_row = None
        writer._columns = tuple({name: [value] for name, value in values.items()}  # type: ignore[assignment]
                                for values in (applicant, features, context))
        writer.sessions = _OneApplicantRows(aid, sessions)  # type: ignore[assignment]
        writer.payouts = _OneApplicantRows(aid, payouts)  # type: ignore[assignment]
        writer.links = defaultdict(lambda: defaultdict(list))
        for kind, other in links:
            if other not in writer.links[0][kind]:
                writer.links[0][kind].append(other)
        writer.components = np.zeros(1, dtype=np.int64)
        writer.members = {0: [aid, *members]}
        return writer

    def _other_members(self, row: int, aid: str) -> tuple[list[str], int]:
        """The first ``MAX_IDS`` other members of the row's network and how many there are.

        A network can hold tens of thousands of profiles: listing all of them for every
        sentence made scoring a chunk grow with the population.
        """
        members = self.members.get(self.components[row + self.first_row], [])
        shown = [m for m in members[:MAX_IDS + 1] if m != aid][:MAX_IDS]
        # The row is a member of its own network, and ids are unique (validation rejects copies).
        return shown, len(members) - 1

    def _row(self, row: int) -> tuple[dict, dict, dict]:
        """The row's applicant, features and context (column -> the value ``iloc`` gives),
        kept for the row's next reason. Read from whole columns: ``iloc`` builds a Series per
        row and frame, which cost more than the sentences themselves."""
        if self._columns is None:
            self._columns = (_by_column(self.applicants), _by_column(self.features),
                             _by_column(self.context))
        if self._last_row is None or self._last_row[0] != row:
            app, features, context = ({name: values[row] for name, values in columns.items()}
                                      for columns in self._columns)
            self._last_row = (row, app, features, context)
        return self._last_row[1], self._last_row[2], self._last_row[3]

    def sentence(self, row: int, code: str) -> str:
        app, f, ctx = self._row(row)
        aid = app["applicant_id"]
        cc = app["claimed_country"]
        sess = self.sessions(aid)
        n = len(sess)
        if code in LINK_KIND_OF_CODE:
            kind = LINK_KIND_OF_CODE[code]
            others = self.links[row].get(kind, [])
            extra = ""
            if kind in ("resume", "proposal") and code == "RESUME_REUSED":
                extra = f" (highest similarity {f['link_resume_max_similarity']:.2f})"
            if kind == "proposal":
                extra = f" (highest similarity {f['link_proposal_max_similarity']:.2f})"
            return f"{len(others)} other profile(s) {LINK_WORDS[kind]}{extra}: {_ids(others)}"
        if code == "NETWORK_SIZE" or code == "NETWORK_NAMES" or code == "NETWORK_COUNTRIES":
            shown, count = self._other_members(row, aid)
            return (f"linked network of {int(f['link_component_size'])} profiles with "
                    f"{int(f['link_component_distinct_names'])} distinct names and "
                    f"{int(f['link_component_distinct_countries'])} claimed countries: "
                    f"{_ids(shown, count)}")
        if code == "LINKS_OF_SEVERAL_KINDS":
            kinds = {k: len(v) for k, v in self.links[row].items() if k != "proposal"}
            listing = ", ".join(f"{LINK_WORDS.get(k, k).split(' ', 1)[-1]}: {c}" for k, c in sorted(kinds.items()))
            return (f"concealed links of {int(f['link_evidence_kinds'])} different kinds to other profiles "
                    f"({listing or 'shared webmail digit suffix'})")
        if code == "NETWORK_RED_FLAGS":
            shown, count = self._other_members(row, aid)
            return (f"the {count} linked profile(s) show red flags themselves (mean red-flag "
                    f"score {f['link_component_others_risk']:.2f} of 1): {_ids(shown, count)}")
        if code == "AGENCY_RED_FLAGS":
            return (f"the other profiles of declared agency '{app['agency_id']}' show red flags themselves "
                    f"(mean red-flag score {f['agency_others_risk']:.2f} of 1): links inside a declared "
                    f"agency are not counted, its members' own signals are")
        if code == "LINKED_TO_FRONT":
            return (f"linked network contains {int(f['link_known_fronts'])} profile(s) already "
                    f"confirmed as fronts; network members: "
                    f"{_ids(*self._other_members(row, aid))}")
        if code == "EMAIL_SUFFIX_SHARED":
            return (f"{int(f['link_email_suffix_shared'])} other profile(s) use a webmail address "
                    f"ending in the same digits '{ctx.get('_email_suffix')}'")
        if code == "NET_ANONYMISER":
            anon = sess.where("anonymised") if n else sess
            orgs, src = _counts(anon, "as_org"), _counts(anon, "anonymiser_source")
            top = ", ".join(f"{o} ({c})" for o, c in orgs.most_common(3))
            how = ", ".join(s for s, _ in src.most_common(2))
            return (f"{_pct(f['net_anonymiser_share'])} of {n} sessions came through VPN, proxy, "
                    f"Tor or hosting networks: {top or 'unknown network'}" + _providers(anon)
                    + (f" [flagged by {how}]" if how else ""))
        if code in ("NET_FOREIGN_IP", "NET_MANY_COUNTRIES"):
            countries = _counts(sess, "country")
            listing = ", ".join(f"{c} {k}" for c, k in countries.most_common(5))
            if code == "NET_FOREIGN_IP":
                return (f"{_pct(f['net_foreign_share'])} of {n} sessions came from outside the claimed "
                        f"country {cc} (sessions by country: {listing})")
            return f"sessions from {int(f['net_distinct_countries'])} countries: {listing}"
        if code in ("NET_OPERATOR_COUNTRY", "NET_EARLY_OPERATOR_COUNTRY"):
            ops = Counter({c: k for c, k in _counts(sess, "country").items()
                           if c in OPERATOR_COUNTRIES and c != cc})
            listing = ", ".join(f"{c} {k}" for c, k in ops.most_common())
            if code == "NET_EARLY_OPERATOR_COUNTRY":
                return (f"{_pct(f['net_early_operator_country'])} of the first sessions came from "
                        f"CN/RU/KP/LA networks ({listing}) before activity moved; claimed country {cc}")
            return (f"{_pct(f['net_operator_country_share'])} of sessions came from CN/RU/KP/LA "
                    f"networks ({listing}) while the claimed country is {cc}")
        if code == "NET_MANY_ASNS":
            return f"sessions from {int(f['net_distinct_asns'])} different networks (ASNs) in {n} sessions"
        if code == "NET_MANY_HOME_NETWORKS":
            home = sess.home(cc)
            listing = ", ".join(f"{o} ({c})" for o, c in _counts(home, "as_org").most_common(5))
            return (f"{len(home)} of {n} sessions came from inside the claimed country {cc} without a VPN "
                    f"or hosting address, over {int(f['net_home_asns'])} different networks (ASNs): "
                    f"{listing or 'unknown networks'}; a person usually has a home line and a phone, a "
                    "rotating residential proxy shows many")
        if code == "NET_IMPOSSIBLE_TRAVEL":
            return f"consecutive sessions imply travel at {f['net_max_travel_kmh']:,.0f} km/h"
        zone = app.get("claimed_timezone")
        tz = f"zone {zone}" if isinstance(zone, str) and zone else f"zone of {cc}"
        best, claimed = ctx.get("_best_offset", np.nan), ctx.get("_claimed_offset", np.nan)
        if code == "TZ_NIGHT_ACTIVITY":
            return f"{_pct(f['tz_night_share'])} of session time falls between 00:00 and 06:00 in the claimed {tz}"
        if code == "TZ_OFFSET_GAP":
            return (f"activity hours fit {_offset(best)} best while the claimed {tz} is "
                    f"{_offset(claimed)}: {f['tz_offset_gap_hours']:.0f} h apart")
        if code == "TZ_OPERATOR_HOURS":
            return (f"activity hours fit a working day at UTC+7..+10 (DPRK operator hours) better than "
                    f"one in the claimed {tz} ({_offset(claimed)})"
                    + ("" if np.isnan(best) else f"; best-fit offset {_offset(best)}")
                    + f"; log-likelihood ratio {f['tz_operator_hours_llr']:.1f}")
        if code == "TZ_BROWSER_MISMATCH":
            zones = _counts(sess, "browser_timezone")
            listing = ", ".join(f"{z} {k}" for z, k in zones.most_common(3))
            return (f"{_pct(f['tz_browser_mismatch_share'])} of sessions report a browser time zone "
                    f"at another offset than the claimed {tz} ({listing})")
        if code == "TZ_IP_ZONE_GAP":
            return f"IP locations are typically {f['tz_ip_zone_gap_hours']:.0f} h from the claimed {tz}"
        if code == "TZ_LONG_DAYS":
            return f"{f['tz_hours_per_active_day']:.1f} hours of sessions per active day"
        if code == "TZ_SIX_DAY_WEEKS":
            return f"active {f['tz_active_days_per_week']:.1f} days per week"
        if code == "ID_PHONE_INVALID":
            return f"phone number '{masked_phone(app.get('phone'))}' is not a valid number"
        if code == "ID_PHONE_VOIP":
            return f"phone number '{masked_phone(app.get('phone'))}' is a VoIP number"
        if code == "ID_PHONE_REGION":
            return f"phone number is registered in {ctx.get('_phone_region')} while the claimed country is {cc}"
        if code == "ID_EMAIL_PATTERN":
            return f"webmail address of the form name+digits ('{masked_email(app.get('email'))}')"
        pays = self.payouts(aid)
        if code == "PAYOUT_COUNTRY":
            abroad = sorted({str(c) for c in pays.values("account_country") if c != cc})
            return (f"{_pct(f['pay_country_mismatch_share'])} of payout accounts are outside the claimed "
                    f"country {cc} ({', '.join(abroad)})")
        if code == "PAYOUT_HOLDER":
            holders = sorted({str(h) for h in pays.values("holder_name")})
            return (f"payout holder name(s) {', '.join(repr(h) for h in holders)} do not match the "
                    f"profile name {app.get('full_name')!r} (similarity {1 - f['pay_holder_name_mismatch']:.2f})")
        if code == "PAYOUT_CRYPTO":
            return f"{_pct(f['pay_crypto_share'])} of payout methods are crypto wallets"
        if code == "PAYOUT_MANY_METHODS":
            return f"{int(f['pay_method_count'])} payout methods on the profile"
        if code == "DEVICE_REMOTE_ACCESS":
            return f"remote-desktop or KVM-over-IP tool detected in {_pct(f['dev_remote_access_share'])} of sessions"
        if code == "DEVICE_SHIPPING_COUNTRY":
            return f"equipment to be shipped to {app.get('shipping_country')} while the claimed country is {cc}"
        if code in ACCOUNT_CHANGES:
            pause = (f"after a pause of {ctx.get('_acct_pause_days', np.nan):.0f} days, "
                     f"{int(ctx.get('_acct_sessions_after', 0))} later sessions")
            if code == "ACCOUNT_HOURS_SHIFT":
                return (f"{pause} started on average {f['acct_late_hour_shift']:.1f} h away in the day "
                        "from the sessions before the pause (another person's working hours?)")
            if code == "ACCOUNT_REMOTE_ACCESS_RISE":
                return (f"{pause}: the share with a remote-desktop or KVM-over-IP tool rose by "
                        f"{100 * f['acct_late_remote_rise']:.0f} percentage points")
            return (f"{pause}: {_pct(f[ACCOUNT_CHANGES[code]])} of them {ACCOUNT_WORDS[code]} "
                    "never seen before the pause (a rented, bought or lent account?)")
        return code
