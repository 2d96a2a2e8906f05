"""The detector's feed folder: validated copies of each feed plus a JSON manifest per feed.

Layout under ``<data_dir>/feeds``::

    sdn.json                      manifest of the current version (source, sha256, dates, count)
    sdn/2024-05-03-1a2b3c4d5e6f/  the installed files of that version
    vpn_cidrs.json, vpn_cidrs/...

A version folder is complete before the manifest points to it, and the manifest is replaced
atomically (``os.replace``), so a scoring run reads either the old or the new version, never a
half-written one. The previous version is kept for runs that started before the switch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from detector.errors import InputError
from detector.intel.feed_formats import (
    FeedContent,
    installed_file,
    read_asn_feed,
    read_cidr_feed,
    read_sdn_feed,
    read_tor_exits,
    sdn_files,
)
from detector.io.file_digest import file_sha256


@dataclass(frozen=True)
class FeedKind:
    """One feed: how its download maps to installed files and how a copy is validated."""

    name: str
    title: str
    files: Callable[[Path], dict[str, Path]]  # source path -> {installed name: source file}
    read: Callable[[Path], FeedContent]  # installed (or staged) folder -> content, or InputError


def _single(name: str) -> Callable[[Path], dict[str, Path]]:
    def files(path: Path) -> dict[str, Path]:
        if Path(path).is_dir():
            raise InputError(f"{path} is a folder; give the {name} list file itself")
        return {name + (".gz" if path.name.endswith(".gz") else ""): Path(path)}
    return files


FEEDS: dict[str, FeedKind] = {
    "sdn": FeedKind("sdn", "OFAC SDN list", sdn_files, lambda folder: read_sdn_feed(folder)[1]),
    "vpn_cidrs": FeedKind("vpn_cidrs", "VPN IP ranges", _single("vpn_cidrs.txt"),
                          lambda folder: read_cidr_feed(installed_file(folder))[1]),
    "hosting_asns": FeedKind("hosting_asns", "hosting ASNs", _single("hosting_asns.txt"),
                             lambda folder: read_asn_feed(installed_file(folder))[1]),
    "tor_exits": FeedKind("tor_exits", "Tor exit addresses", _single("tor_exits.txt"),
                          lambda folder: read_tor_exits(installed_file(folder))[1]),
}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class FeedStatus:
    """One feed as ``intel status`` reports it; ``manifest`` is None when nothing is loaded."""

    feed: str
    manifest: dict | None
    age_days: float | None
    stale: bool


@dataclass(frozen=True)
class UpdateResult:
    feed: str
    action: str  # "installed" or "unchanged"
    manifest: dict
    previous_records: int | None


class FeedStore:
    """Read and replace the feeds under ``<data_dir>/feeds``."""

    def __init__(self, data_dir: Path):
        self.root = Path(data_dir) / "feeds"

    def manifest(self, feed: str) -> dict | None:
        path = self.root / f"{feed}.json"
        if not path.is_file():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"feed manifest {path} is unreadable ({exc}); load the feed again with "
                             f"detector intel update --{feed.replace('_', '-')} FILE") from exc

    def folder(self, feed: str) -> Path | None:
        """The installed files of the current version of ``feed``; None when not loaded."""
        manifest = self.manifest(feed)
        if manifest is None:
            return None
        folder = self.root / feed / manifest["version"]
        if not folder.is_dir():
            raise InputError(f"feed {feed} version {manifest['version']} is missing from {folder.parent}; "
                             f"load it again with detector intel update --{feed.replace('_', '-')} FILE")
        return folder

    # ------------------------------------------------------------------ update
    def update(self, sources: Mapping[str, Path], *, max_drop: float = 0.5, force: bool = False,
               published: dt.date | None = None, now: dt.datetime | None = None) -> list[UpdateResult]:
        """Validate every given feed, then install them; nothing is installed if one is refused.

        A feed's age counts from the date the file states (``sdn_advanced.xml``'s DateOfIssue),
        else ``published`` (the date the team downloaded it), else the file's modification time.
        """
        now = now or _now()
        self.root.mkdir(parents=True, exist_ok=True)
        staged: list[tuple[str, Path, dict]] = []
        try:
            for feed, source in sources.items():
                staged.append((feed, *self._stage(feed, Path(source), now, published)))
            checked = [(feed, folder, manifest, self._check_drop(feed, manifest, max_drop, force))
                       for feed, folder, manifest in staged]
            return [self._install(feed, folder, manifest, previous)
                    for feed, folder, manifest, previous in checked]
        finally:
            for _feed, folder, _manifest in staged:
                if folder.exists():
                    shutil.rmtree(folder, ignore_errors=True)

    def _stage(self, feed: str, source: Path, now: dt.datetime,
               published: dt.date | None) -> tuple[Path, dict]:
        """Copy the download into a private folder and validate the copy fully."""
        kind = FEEDS[feed]
        if not source.exists():
            raise InputError(f"--{feed.replace('_', '-')} {source} does not exist")
        files = kind.files(source)
        for path in files.values():
            if path.stat().st_size == 0:
                raise InputError(f"{path} is empty; refusing to replace the {kind.title} with it "
                                 "(the download failed: fetch it again)")
        folder = Path(tempfile.mkdtemp(prefix=f".{feed}-", dir=self.root))
        entries: list[dict[str, str | int]] = []
        for name, path in files.items():
            shutil.copyfile(path, folder / name)
            entries.append({"name": name, "source": str(path.resolve()), "bytes": (folder / name).stat().st_size,
                            "sha256": file_sha256(folder / name)})
        try:
            content = kind.read(folder)
        except InputError as exc:
            message = str(exc)
            for name, path in files.items():  # name the user's file, not the private copy
                message = message.replace(str(folder / name), str(path))
            raise InputError(f"refusing {kind.title} {source}: {message}") from exc
        if content.records == 0:
            raise InputError(f"{source} holds no records; refusing to replace the {kind.title} with it")
        main = next(iter(files.values()))
        if content.data_date is not None:
            data_time = dt.datetime.combine(content.data_date, dt.time(), tzinfo=dt.UTC)
            date_from = "date of issue stated in the file"
        elif published is not None:
            data_time = dt.datetime.combine(published, dt.time(), tzinfo=dt.UTC)
            date_from = "publication date given with --published"
        else:
            data_time = dt.datetime.fromtimestamp(main.stat().st_mtime, dt.UTC)
            date_from = "modification time of the downloaded file"
        combined = hashlib.sha256("".join(str(e["sha256"]) for e in entries).encode()).hexdigest()
        manifest = {
            "feed": feed, "title": kind.title,
            "version": f"{data_time.date().isoformat()}-{combined[:12]}",
            "sha256": combined, "source": str(source.resolve()), "files": entries,
            "records": content.records, "details": content.details,
            "data_date": data_time.isoformat(timespec="seconds"), "data_date_from": date_from,
            "loaded_at": now.isoformat(timespec="seconds"),
        }
        return folder, manifest

    def _check_drop(self, feed: str, manifest: dict, max_drop: float, force: bool) -> int | None:
        current = self.manifest(feed)
        if current is None:
            return None
        before, after = int(current["records"]), int(manifest["records"])
        if not force and after < (1 - max_drop) * before:
            raise InputError(
                f"refusing {FEEDS[feed].title} {manifest['source']}: {after:,} records against "
                f"{before:,} in the loaded version {current['version']} (a drop of more than "
                f"{max_drop:.0%}); the download looks truncated. Check it, then pass --force to load it anyway")
        return before

    def _install(self, feed: str, staged: Path, manifest: dict, previous: int | None) -> UpdateResult:
        current = self.manifest(feed)
        if current is not None and current["version"] == manifest["version"] and self.folder(feed):
            return UpdateResult(feed, "unchanged", current, previous)
        target = self.root / feed / manifest["version"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            shutil.rmtree(target)
        os.replace(staged, target)
        if current is not None:
            manifest["previous_version"] = current["version"]
        fd, temporary = tempfile.mkstemp(prefix=f".{feed}-", suffix=".json", dir=self.root)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(manifest, handle, indent=2)
        os.replace(temporary, self.root / f"{feed}.json")
        keep = {manifest["version"], manifest.get("previous_version")}
        for old in (self.root / feed).iterdir():
            if old.name not in keep:
                shutil.rmtree(old, ignore_errors=True)
        return UpdateResult(feed, "installed", manifest, previous)

    # ------------------------------------------------------------------ status
    def status(self, max_age_days: float, now: dt.datetime | None = None) -> list[FeedStatus]:
        """Every known feed with its age in days (from the data date) and whether it is stale."""
        now = now or _now()
        result = []
        for feed in FEEDS:
            manifest = self.manifest(feed)
            if manifest is None:
                result.append(FeedStatus(feed, None, None, False))
                continue
            age = (now - dt.datetime.fromisoformat(manifest["data_date"])).total_seconds() / 86400
            result.append(FeedStatus(feed, manifest, age, age > max_age_days))
        return result
