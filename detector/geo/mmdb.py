"""Open MaxMind DB files and turn every failure into a GeoDatabaseError that says how to fix it."""

from __future__ import annotations

from pathlib import Path

import maxminddb
from maxminddb.errors import InvalidDatabaseError

from detector.errors import GeoDatabaseError

__all__ = ["open_mmdb"]


def open_mmdb(path: Path, setting: str) -> maxminddb.Reader:
    """Open ``path`` memory-mapped (C extension when installed); ``setting`` names the option."""
    fix = f"point {setting} at a readable GeoIP2/GeoLite2 .mmdb file or leave it unset"
    path = Path(path)
    if not path.is_file():
        raise GeoDatabaseError(f"GeoIP database {path} does not exist; {fix}")
    try:
        reader = maxminddb.open_database(str(path), maxminddb.MODE_AUTO)
    except (InvalidDatabaseError, OSError, ValueError, TypeError) as error:
        raise GeoDatabaseError(f"GeoIP database {path} cannot be read ({error}); {fix}") from error
    try:
        probe = "::1" if reader.metadata().ip_version == 6 else "127.0.0.1"
        reader.get(probe)
    except InvalidDatabaseError as error:
        reader.close()
        raise GeoDatabaseError(f"GeoIP database {path} is corrupt ({error}); {fix}") from error
    return reader
