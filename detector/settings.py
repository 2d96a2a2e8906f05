"""One typed settings object: every path, secret and threshold comes from here.

Values come from keyword arguments (CLI options) first, then ``DETECTOR_*`` environment
variables, then the shipped defaults. No other module reads the environment.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SHIPPED_GEO_DIR = PACKAGE_DIR / "geo" / "data"
SHIPPED_COUNTRY_DB = SHIPPED_GEO_DIR / "geo-whois-asn-country.mmdb"
SHIPPED_ASN_DB = SHIPPED_GEO_DIR / "asn.mmdb"
DEFAULT_STORE_FILE = "detector-store.sqlite"

def _shipped_model_dir() -> Path:
    """The default model: ``models/default`` in a source checkout, package data when installed."""
    installed = PACKAGE_DIR / "shipped_models" / "default"
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / "models" / "default"


SHIPPED_MODEL_DIR = _shipped_model_dir()


def default_data_dir() -> Path:
    """Where loaded threat-intelligence feeds live: ``$XDG_DATA_HOME/detector`` or ``~/.local/share/detector``."""
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "detector"


def default_registry_dir() -> Path:
    """The model registry: the checkout's ``models/`` folder (beside the shipped default), or a
    per-user data folder when installed, since site-packages is not writable."""
    if not (PACKAGE_DIR / "shipped_models").is_dir() and (PACKAGE_DIR.parent / "models").is_dir():
        return PACKAGE_DIR.parent / "models"
    return default_data_dir() / "models"


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value) if value else None


@dataclass(frozen=True)
class Settings:
    """Configuration of one detector run."""

    geoip_country: Path | None = None  # GeoIP2/GeoLite2 City or Country, or the shipped country DB
    geoip_asn: Path | None = None  # GeoLite2/GeoIP2 ASN, or the shipped ASN DB
    geoip_anonymous: Path | None = None  # GeoIP2 Anonymous IP (optional)
    vpn_cidr_files: tuple[Path, ...] = ()  # one-CIDR-per-line lists of VPN/hosting ranges
    model_dir: Path | None = None
    # Versioned model folders and the promoted one (DETECTOR_MODEL_REGISTRY).
    model_registry: Path | None = None
    # Key for HMAC of identifiers (phones, emails, payout accounts, devices, IPs). A random
    # per-process key is fine for one batch run; a store needs a fixed one.
    hash_key: bytes = field(default=b"", repr=False)
    # Identifiers shared by more profiles than this are treated as hubs (carrier-grade NAT,
    # public Wi-Fi, a payment processor's pooled account) and do not create links.
    hub_cap: int = 40
    # Residential IPs link profiles only when their sessions fall within this many days.
    shared_ip_window_days: int = 30
    # ... and only between profiles that each have at least this share of their residential
    # sessions on that IP: a farm's line carries most of a persona's sessions, while a mobile
    # carrier's NAT address or a cafe's is passed through by strangers.
    farm_ip_min_share: float = 0.5
    resume_similarity_threshold: float = 0.5
    photo_max_bit_distance: int = 6
    # A photo on more profiles than this is a stock image or a default avatar, not a face a cell
    # reuses: fronts reuse one across a few personas (at most 6 of 200,000 synthetic profiles),
    # while stock avatars gather dozens of strangers as the population grows (median 34 there),
    # and joined them into networks with any front that used one too (docs/SYNTHETIC_DATA.md,
    # lesson 14).
    photo_hub_cap: int = 10
    # Folder holding feeds loaded by `detector intel update` (feeds/ inside it); None = default.
    data_dir: Path | None = None
    # A feed older than this many days is reported as stale by `intel status` and `score`.
    feed_max_age_days: float = 7.0
    # `intel update` refuses a feed whose record count falls by more than this share.
    feed_max_drop: float = 0.5
    # SDN entries screened: "dprk" (DPRK programmes and entries linked to them) or "all".
    sanctions_scope: str = "dprk"
    # Minimum fuzzy name similarity (0-100) reported as a sanctions hit.
    sanctions_name_threshold: float = 90.0
    # Population store and API (issue 3). A SQLAlchemy URL; empty means the embedded SQLite
    # file DEFAULT_STORE_FILE in the working directory. PostgreSQL: postgresql+psycopg://...
    store_url: str = ""
    # Keep resume and proposal texts in the store for the console's side-by-side view.
    store_texts: bool = True
    # Largest accepted API request body, in bytes.
    max_request_bytes: int = 5_000_000
    # Console cookies carry the Secure flag (only sent over HTTPS). Off by default so the console
    # works on http://127.0.0.1; turn on behind TLS.
    console_secure_cookie: bool = False
    # Scoring API micro-batching (detector/api/batcher.py): requests that queue while a scoring
    # transaction runs are scored together in the next one, up to this many requests per
    # transaction (1 scores each request in a transaction of its own).
    score_batch_max: int = 32
    # Once a second request is queued, wait up to this many milliseconds for more before scoring
    # the batch (0: take only what is already queued). A lone request never waits.
    score_batch_wait_ms: float = 0.0
    # Each server process holds the text band keys, signatures and photo keys of the store in
    # memory (detector/store/working_set.py): ~1.9 GB and ~50 s of loading at a million profiles,
    # ~1 ms less CPU per score. Off by default.
    store_working_set: bool = False

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from ``DETECTOR_*`` variables, overridden by non-None keyword arguments."""
        env: dict[str, object] = {
            "geoip_country": _env_path("DETECTOR_GEOIP_COUNTRY"),
            "geoip_asn": _env_path("DETECTOR_GEOIP_ASN"),
            "geoip_anonymous": _env_path("DETECTOR_GEOIP_ANONYMOUS"),
            "model_dir": _env_path("DETECTOR_MODEL_DIR"),
            "data_dir": _env_path("DETECTOR_DATA_DIR"),
            "sanctions_scope": os.environ.get("DETECTOR_SANCTIONS_SCOPE") or None,
            "model_registry": _env_path("DETECTOR_MODEL_REGISTRY"),
        }
        cidrs = os.environ.get("DETECTOR_VPN_CIDR_FILES")
        if cidrs:
            env["vpn_cidr_files"] = tuple(Path(p) for p in cidrs.split(os.pathsep) if p)
        key = os.environ.get("DETECTOR_HASH_KEY")
        if key:
            env["hash_key"] = key.encode()
        for name in ("hub_cap", "shared_ip_window_days", "photo_max_bit_distance", "photo_hub_cap",
                     "score_batch_max"):
            value = os.environ.get(f"DETECTOR_{name.upper()}")
            if value:
                env[name] = int(value)
        for name in ("feed_max_age_days", "feed_max_drop", "sanctions_name_threshold",
                     "farm_ip_min_share", "score_batch_wait_ms"):
            value = os.environ.get(f"DETECTOR_{name.upper()}")
            if value:
                try:
                    env[name] = float(value)
                except ValueError:
                    from detector.errors import ConfigurationError

                    raise ConfigurationError(f"DETECTOR_{name.upper()}={value!r} is not a number; "
                                             "set it to e.g. 7 or 0.5") from None
        if os.environ.get("DETECTOR_STORE_URL"):
            env["store_url"] = os.environ["DETECTOR_STORE_URL"]
        if os.environ.get("DETECTOR_STORE_WORKING_SET"):
            env["store_working_set"] = (os.environ["DETECTOR_STORE_WORKING_SET"].strip().lower()
                                        not in ("0", "false", "no", "off"))
        if os.environ.get("DETECTOR_STORE_TEXTS"):
            env["store_texts"] = os.environ["DETECTOR_STORE_TEXTS"].strip().lower() not in ("0", "false", "no", "off")
        if os.environ.get("DETECTOR_MAX_REQUEST_BYTES"):
            env["max_request_bytes"] = int(os.environ["DETECTOR_MAX_REQUEST_BYTES"])
        if os.environ.get("DETECTOR_CONSOLE_SECURE_COOKIE"):
            env["console_secure_cookie"] = os.environ["DETECTOR_CONSOLE_SECURE_COOKIE"].strip().lower() in ("1", "true", "yes", "on")
        merged = {k: v for k, v in env.items() if v is not None}
        merged.update({k: v for k, v in overrides.items() if v not in (None, ())})
        known = {f.name for f in fields(cls)}
        unknown = set(merged) - known
        if unknown:
            raise TypeError(f"unknown settings: {sorted(unknown)}")
        return cls(**merged)  # type: ignore[arg-type]

    def registry_dir(self) -> Path:
        """The model registry folder (configured, or the default for how detector runs)."""
        return self.model_registry or default_registry_dir()

    def with_store(self, store_url: str | None) -> Settings:
        """These settings with the store URL given on the command line, if any."""
        return replace(self, store_url=store_url) if store_url else self

    @property
    def photo_link_cap(self) -> int:
        """Most profiles one photo may be on and still link them: ``photo_hub_cap``, or
        ``hub_cap`` when that is lower."""
        return min(self.hub_cap, self.photo_hub_cap)

    def with_defaults(self) -> Settings:
        """Fill unset paths with the shipped data and an unset hash key with a random one.

        An unset model is the registry's promoted version, else the shipped default.
        """
        from detector.registry.models import production_model_dir

        registry = self.registry_dir()
        return replace(
            self,
            geoip_country=self.geoip_country or SHIPPED_COUNTRY_DB,
            geoip_asn=self.geoip_asn or SHIPPED_ASN_DB,
            model_registry=registry,
            model_dir=self.model_dir or production_model_dir(registry) or SHIPPED_MODEL_DIR,
            data_dir=self.data_dir or default_data_dir(),
            hash_key=self.hash_key or secrets.token_bytes(32),
        )
