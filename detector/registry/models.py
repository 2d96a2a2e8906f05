"""Versioned model folders in one registry folder, and the pointer to the promoted version.

Layout::

    <registry>/
      registry.json             {"production": VERSION, "history": [...promotions...]}
      <version>/                a model folder as ``save_model`` writes it
      default/                  the shipped model (in a source checkout)

The version is the card's ``model_version`` (date + estimator digest), so two different models
never share a folder. ``detector score`` without ``--model`` uses the promoted version; without a
promotion (or after ``promote default``) the shipped default. A model is promoted only after the
same checks ``load_model`` makes (card, feature list and fingerprint, estimator digest, trusted
types), so production never points at a folder that scoring would refuse.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from detector.errors import ModelError
from detector.settings import SHIPPED_MODEL_DIR

REGISTRY_FILE = "registry.json"
SHIPPED_VERSION = "default"
MODEL_FILES_REQUIRED = ("model_card.json",)


@dataclass
class RegisteredModel:
    """One version in the registry, with what a data scientist compares before promoting."""

    version: str
    path: Path
    production: bool
    shipped: bool
    created: str | None
    trained_on: int | None  # labelled rows
    average_precision: float | None
    recall_at_review: float | None
    problem: str | None  # why the code would refuse it (None: compatible)


def _read_registry(registry: Path) -> dict[str, Any]:
    path = registry / REGISTRY_FILE
    if not path.exists():
        return {"production": None, "history": []}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path} is not readable JSON ({exc}); fix it or promote a version "
                         f"again with `detector models promote VERSION`") from exc
    if not isinstance(data, dict) or not isinstance(data.get("history", []), list):
        raise ModelError(f"{path} is not a registry file; promote a version again with "
                         f"`detector models promote VERSION`")
    return data


def _write_registry(registry: Path, data: dict[str, Any]) -> None:
    registry.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=registry, prefix=f".{REGISTRY_FILE}.")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2)
    os.chmod(tmp, 0o644)
    os.replace(tmp, registry / REGISTRY_FILE)


def _version_dir(registry: Path, version: str) -> Path:
    if version == SHIPPED_VERSION:
        return SHIPPED_MODEL_DIR
    if not version or "/" in version or "\\" in version or version.startswith("."):
        raise ModelError(f"'{version}' is not a version name; see `detector models list`")
    return registry / version


def production_version(registry: Path) -> str | None:
    """The promoted version's name, or None when nothing was promoted."""
    value = _read_registry(registry).get("production")
    return str(value) if value else None


def production_model_dir(registry: Path) -> Path | None:
    """The promoted model folder, or None to use the shipped default."""
    version = production_version(registry)
    if version is None or version == SHIPPED_VERSION:
        return None
    folder = _version_dir(registry, version)
    if not folder.is_dir():
        raise ModelError(
            f"the promoted model {version} is missing from the registry {registry}; promote "
            f"another version (`detector models list`) or `detector models promote default`")
    return folder


def _describe(folder: Path, version: str, production: str | None, shipped: bool) -> RegisteredModel:
    from detector.model.artifact import read_checked_card

    problem = None
    card: dict[str, Any] = {}
    try:
        card = read_checked_card(folder)
    except ModelError as exc:
        problem = str(exc)
        try:
            card = json.loads((folder / "model_card.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            card = {}
    metrics = card.get("metrics") or {}
    training = card.get("training") or card.get("training_summary") or {}
    is_production = (version == production) or (shipped and production in (None, SHIPPED_VERSION))
    return RegisteredModel(
        version=version,
        path=folder,
        production=is_production,
        shipped=shipped,
        created=card.get("created_at"),
        trained_on=training.get("labelled") or training.get("n_rows"),
        average_precision=metrics.get("average_precision"),
        recall_at_review=metrics.get("recall"),
        problem=problem,
    )


def list_models(registry: Path) -> list[RegisteredModel]:
    """Every version in the registry (the shipped default first), newest last."""
    production = production_version(registry)
    found = [_describe(SHIPPED_MODEL_DIR, SHIPPED_VERSION, production, shipped=True)]
    if registry.is_dir():
        folders = sorted(p for p in registry.iterdir()
                         if p.is_dir() and (p / "model_card.json").exists()
                         and p.resolve() != SHIPPED_MODEL_DIR.resolve())
        found += [_describe(p, p.name, production, shipped=False) for p in folders]
    return found


def register(model_dir: Path, registry: Path) -> RegisteredModel:
    """Copy a trained model folder into the registry under its card's version.

    The folder must load (``load_model``'s checks). Registering the same model again is a no-op;
    another model under an existing version name is refused.
    """
    from detector.model.artifact import load_model

    model = load_model(model_dir)
    version = model.model_version
    target = _version_dir(registry, version)
    if target.exists():
        existing = json.loads((target / "model_card.json").read_text(encoding="utf-8"))
        if existing.get("estimator", {}).get("sha256") != model.card["estimator"]["sha256"]:
            raise ModelError(f"the registry {registry} already holds another model named "
                             f"{version}; remove {target} or retrain")
    else:
        registry.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=registry, prefix=f".{version}."))
        try:
            for item in Path(model_dir).iterdir():
                if item.is_file():
                    shutil.copy2(item, staging / item.name)
            os.chmod(staging, 0o755)
            os.replace(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    production = production_version(registry)
    return _describe(target, version, production, shipped=False)


def promote(version: str, registry: Path, note: str | None = None) -> RegisteredModel:
    """Make ``version`` the model ``detector score`` uses by default.

    Refused (``ModelError``) when the folder would not load: another feature list or
    fingerprint, a replaced estimator, untrusted object types. ``default`` rolls back to the
    shipped model.
    """
    from detector.model.artifact import load_model

    folder = _version_dir(registry, version)
    if not folder.is_dir():
        known = ", ".join(m.version for m in list_models(registry))
        raise ModelError(f"no version {version} in the registry {registry}; known: {known}")
    try:
        load_model(folder)
    except ModelError as exc:
        raise ModelError(f"refusing to promote {version}: {exc}") from exc
    data = _read_registry(registry)
    previous = data.get("production")
    data["production"] = version
    data.setdefault("history", []).append({
        "version": version,
        "previous": previous,
        "promoted_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "note": note,
    })
    _write_registry(registry, data)
    return _describe(folder, version, version, shipped=version == SHIPPED_VERSION)
