"""The model registry: register, list, promote, and `score` using the promoted version."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from detector.errors import ModelError
from detector.io.write_output import read_scores
from detector.registry import list_models, production_model_dir, promote, register
from detector.settings import SHIPPED_MODEL_DIR, Settings, default_registry_dir
from tests.retraining_world import make_world, run, train

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Path:
    return make_world(tmp_path_factory.mktemp("registry_world"), 2000, 21, "train")


@pytest.fixture(scope="module")
def model_dir(world, tmp_path_factory) -> Path:
    return train(world, tmp_path_factory.mktemp("registry_model") / "model")


@pytest.fixture
def registry(tmp_path) -> Path:
    return tmp_path / "registry"


def env_with(registry: Path) -> dict:
    return {**os.environ, "DETECTOR_MODEL_REGISTRY": str(registry)}


def test_register_names_the_folder_by_the_cards_version(model_dir, registry):
    entry = register(model_dir, registry)
    card = json.loads((model_dir / "model_card.json").read_text())
    assert entry.version == card["model_version"]
    assert (registry / entry.version / "estimator.skops").read_bytes() == \
        (model_dir / "estimator.skops").read_bytes()
    assert register(model_dir, registry).version == entry.version  # again: a no-op
    listed = {m.version: m for m in list_models(registry)}
    assert set(listed) == {"default", entry.version}
    assert listed["default"].production and not listed[entry.version].production
    assert listed[entry.version].problem is None


def test_promote_changes_the_model_score_uses_by_default(world, model_dir, registry, tmp_path):
    version = register(model_dir, registry).version
    shipped = json.loads((SHIPPED_MODEL_DIR / "model_card.json").read_text())["model_version"]
    out = tmp_path / "before.csv"
    run("score", str(world), "-o", str(out), env=env_with(registry))
    assert set(read_scores(out)["model_version"]) == {shipped}

    result = run("models", "promote", version, "--note", "better recall", env=env_with(registry))
    assert f"promoted {version}" in result.stdout
    assert Settings.from_env(model_registry=registry).with_defaults().model_dir == registry / version
    run("score", str(world), "-o", str(tmp_path / "after.csv"), env=env_with(registry))
    assert set(read_scores(tmp_path / "after.csv")["model_version"]) == {version}
    listing = run("models", "list", env=env_with(registry)).stdout
    assert f"* {version}" in listing

    # --model still wins over the promoted version; `promote default` rolls back.
    run("score", str(world), "-o", str(tmp_path / "explicit.csv"), "--model", str(SHIPPED_MODEL_DIR),
        env=env_with(registry))
    assert set(read_scores(tmp_path / "explicit.csv")["model_version"]) == {shipped}
    promote("default", registry)
    assert production_model_dir(registry) is None
    history = json.loads((registry / "registry.json").read_text())["history"]
    assert [h["version"] for h in history] == [version, "default"]
    assert history[0]["note"] == "better recall"


def test_promote_refuses_a_model_built_for_other_features(model_dir, registry):
    version = register(model_dir, registry).version
    card_path = registry / version / "model_card.json"
    card = json.loads(card_path.read_text())
    card["features"] = card["features"][:-1]  # a model from an older catalogue
    card_path.write_text(json.dumps(card))
    with pytest.raises(ModelError, match="refusing to promote .*lacks features"):
        promote(version, registry)
    assert production_model_dir(registry) is None  # nothing changed
    entry = {m.version: m for m in list_models(registry)}[version]
    assert "lacks features" in entry.problem
    result = run("models", "promote", version, env=env_with(registry), check=False)
    assert result.returncode == 5
    assert "refusing to promote" in result.stderr
    assert "INCOMPATIBLE" in run("models", "list", env=env_with(registry)).stdout


def test_promote_refuses_a_replaced_estimator(model_dir, registry):
    version = register(model_dir, registry).version
    other = registry / version / "estimator.skops"
    other.write_bytes(other.read_bytes() + b"\0")
    with pytest.raises(ModelError, match="sha256 differs"):
        promote(version, registry)


def test_unknown_version_and_missing_promoted_folder_are_clear_errors(model_dir, registry, world, tmp_path):
    with pytest.raises(ModelError, match="no version nope .*known: default"):
        promote("nope", registry)
    version = register(model_dir, registry).version
    promote(version, registry)
    shutil.rmtree(registry / version)
    result = run("score", str(world), "-o", str(tmp_path / "s.csv"), env=env_with(registry), check=False)
    assert result.returncode == 5
    assert "promoted model" in result.stderr and "missing" in result.stderr


def test_train_register_puts_the_new_model_in_the_registry(world, registry, tmp_path):
    result = run("train", str(world), "-o", str(tmp_path / "m"), "--register", env=env_with(registry))
    version = json.loads((tmp_path / "m" / "model_card.json").read_text())["model_version"]
    assert f"registered {version}" in result.stderr
    assert (registry / version / "model_card.json").exists()


def test_registry_location_in_a_checkout_is_the_models_folder():
    assert default_registry_dir() == ROOT / "models"
    # The shipped default is listed from it as "default", not twice.
    versions = [m.version for m in list_models(ROOT / "models")]
    assert versions.count("default") == 1
    assert pd.Series(versions).is_unique


def test_set_thresholds_moves_the_bands_and_records_why(tmp_path):
    from detector.model.artifact import load_model
    from detector.model.operating_thresholds import set_thresholds

    folder = tmp_path / "model"
    shutil.copytree(SHIPPED_MODEL_DIR, folder)
    before = load_model(folder).thresholds
    result = run("models", "set-thresholds", str(folder), "--review", "0.5", "--high", "0.9",
                 "--reason", "40 reviews a week")
    assert "review 0.5000, high 0.9000" in result.stdout
    model = load_model(folder)  # still loads: the estimator digest is untouched
    assert model.thresholds.review == 0.5
    assert list(model.band([0.49, 0.5, 0.9])) == ["low", "review", "high"]
    change = model.card["extra"]["threshold_changes"][-1]
    assert change["reason"] == "40 reviews a week"
    assert change["previous"]["review"] == pytest.approx(before.review)
    assert "0.5" in (folder / "MODEL_CARD.md").read_text()
    with pytest.raises(ModelError, match="high threshold at or above"):
        set_thresholds(folder, review=0.6, high=0.55)
    assert set_thresholds(folder, review=0.95).high == 0.95  # high follows a review above it
