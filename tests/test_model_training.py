"""Training, calibration, monotonicity, bands on out-of-fold scores, and the model folder.

One model is trained per module (``trained`` fixture) on a synthetic feature table whose true
probabilities are known: a few features carry signal through a logistic model, profiles sit in
linkage groups of 1-30 that share a random effect (a network), and 10% of values are missing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from detector.errors import ModelError
from detector.features.catalogue import FEATURE_NAMES, FEATURES
from detector.model.artifact import CARD_FILE, CARD_MARKDOWN, ESTIMATOR_FILE, load_model, save_model
from detector.model.bands import choose_thresholds
from detector.model.classifier import sized_params, train_model
from detector.model.metrics import detection_metrics
from detector.model.rules_baseline import rules_score
from detector.model.splits import leaked_groups
from detector.model.transformers import FeatureColumnsError

SIGNAL = {"net_anonymiser_share": 3.0, "pay_crypto_share": 2.5, "tz_night_share": 2.0}


def synthetic_table(n: int, seed: int, nan_share: float = 0.1, prefix: str = "a"):
    """Features, labels, groups and the true probabilities of a synthetic population."""
    rng = np.random.default_rng(seed)
    sizes: list[int] = []
    while sum(sizes) < n:
        sizes.append(int(rng.integers(1, 31)) if rng.random() < 0.2 else 1)
    groups = np.repeat(np.arange(len(sizes)), sizes)[:n]
    index = pd.Index([f"{prefix}{i}" for i in range(n)], name="applicant_id")
    table = pd.DataFrame(rng.random((n, len(FEATURE_NAMES))), columns=list(FEATURE_NAMES),
                         index=index)
    size = np.bincount(groups)[groups].astype(float)
    table["link_component_size"] = size
    network = rng.normal(0.0, 1.0, len(sizes))[groups]
    logit = -5.0 + sum(w * table[f].to_numpy() for f, w in SIGNAL.items()) + 0.6 * network \
        + 0.05 * size
    p = 1.0 / (1.0 + np.exp(-logit))
    labels = (rng.random(n) < p).astype(int)
    table = table.mask(rng.random(table.shape) < nan_share)
    group_ids = pd.Series([f"{prefix}g{g}" for g in groups], index=index)
    return table, pd.Series(labels, index=index), group_ids, pd.Series(p, index=index)


@pytest.fixture(scope="module")
def data():
    return synthetic_table(3000, seed=0)


@pytest.fixture(scope="module")
def trained(data):
    features, labels, groups, _ = data
    return train_model(features, labels, groups, random_state=0, n_threads=1)


@pytest.fixture(scope="module")
def model_dir(trained, data, tmp_path_factory):
    features, labels, _, _ = data
    folder = tmp_path_factory.mktemp("model")
    thresholds = choose_thresholds(labels, trained.oof_scores)
    metrics = detection_metrics(labels, trained.oof_scores, threshold=thresholds.review)
    baseline = detection_metrics(labels, rules_score(features))
    save_model(trained, folder, {"source": "synthetic test table"}, metrics, thresholds,
               {"seed": 0, "rules_baseline": baseline})
    return folder


def test_out_of_fold_scores_cover_every_row_without_leaking_groups(trained, data):
    features, labels, groups, _ = data
    scores = trained.oof_scores
    assert scores.index.equals(features.index)
    assert scores.between(0, 1).all()
    folds = [(np.flatnonzero(trained.oof_folds != k), np.flatnonzero(trained.oof_folds == k))
             for k in range(trained.summary["n_folds"])]
    assert leaked_groups(folds, groups) == []
    assert trained.calibration_method == "sigmoid"
    # strictly monotone calibration: profiles the booster tells apart are never tied
    raw = trained.estimator.calibrated_classifiers_[0].estimator.decision_function(features)
    calibrated = trained.estimator.predict_proba(features)[:, 1]
    distinct = np.unique(raw).size
    assert np.unique(calibrated).size >= distinct * 0.99
    assert 10 <= trained.n_iter <= 400
    # the model learned the signal: out-of-fold AUC close to the true probabilities' AUC
    oracle = detection_metrics(labels, data[3])["roc_auc"]
    assert detection_metrics(labels, scores)["roc_auc"] > oracle - 0.08


def test_scores_are_calibrated_on_new_networks(trained):
    features, labels, _, _ = synthetic_table(20000, seed=1, prefix="t")
    metrics = detection_metrics(labels, trained.predict_proba(features))
    assert metrics["ece"] < 0.04  # random table: ~0.02-0.031 depending on the catalogue width
    for row in metrics["reliability"]:
        if row["count"] >= 300:
            assert abs(row["mean_predicted"] - row["observed_rate"]) < 0.06, row
    assert metrics["brier"] < np.mean((labels - labels.mean()) ** 2)  # beats the base rate


def test_raising_a_risk_feature_never_lowers_the_score(trained):
    features, _, _, _ = synthetic_table(300, seed=2, nan_share=0.0, prefix="m")
    base = trained.predict_proba(features)
    raised = [spec.name for spec in FEATURES if spec.direction == 1]
    variants, names = [], []
    for name in raised:
        for delta in (0.05, 0.5, 5.0):
            bumped = features.copy()
            bumped[name] += delta
            variants.append(bumped)
            names.append(name)
    scores = trained.predict_proba(pd.concat(variants)).reshape(len(variants), -1)
    for name, row in zip(names, scores, strict=True):
        assert (row >= base - 1e-12).all(), name


def test_column_order_does_not_matter(trained, data):
    features = data[0].iloc[:50]
    np.testing.assert_array_equal(trained.predict_proba(features),
                                  trained.predict_proba(features[list(reversed(FEATURE_NAMES))]))


def test_review_threshold_gives_one_percent_fpr_on_validation(trained, data):
    labels = data[1]
    thresholds = choose_thresholds(labels, trained.oof_scores, fpr_target=0.01)
    fpr = np.mean(trained.oof_scores[labels == 0] >= thresholds.review)
    assert 0.003 <= fpr <= 0.01
    assert thresholds.high >= thresholds.review


def test_reference_values_are_medians_of_negatives(trained, data):
    features, labels, _, _ = data
    expected = features[labels == 0].median()
    for name in FEATURE_NAMES:
        assert trained.reference_values[name] == pytest.approx(expected[name])


def test_training_with_missing_values_and_a_feature_never_computed():
    features, labels, groups, _ = synthetic_table(400, seed=3, nan_share=0.3)
    features["dev_shipping_mismatch"] = np.nan
    model = train_model(features, labels, groups, n_threads=1)
    assert model.calibration_method == "sigmoid"
    scores = model.predict_proba(features)
    assert np.isfinite(scores).all() and ((scores >= 0) & (scores <= 1)).all()
    assert model.reference_values["dev_shipping_mismatch"] is None


def test_training_names_wrong_columns(data):
    features, labels, groups, _ = data
    with pytest.raises(FeatureColumnsError, match="missing features"):
        train_model(features.drop(columns=["pay_crypto_share"]), labels, groups)
    with pytest.raises(ValueError, match="labels lacks"):
        train_model(features, labels.iloc[10:], groups)


def test_model_folder_round_trip_gives_identical_scores(trained, model_dir, data):
    features = data[0]
    loaded = load_model(model_dir)
    np.testing.assert_array_equal(loaded.predict_proba(features), trained.predict_proba(features))
    card = json.loads((model_dir / CARD_FILE).read_text())
    assert loaded.model_version == card["model_version"]
    assert loaded.model_version.startswith("detector-")
    assert card["estimator"]["sha256"][:10] in loaded.model_version
    assert [f["name"] for f in card["features"]] == list(FEATURE_NAMES)
    assert loaded.thresholds.review == pytest.approx(card["thresholds"]["review"])
    assert set(loaded.band(loaded.predict_proba(features))) <= {"low", "review", "high"}
    assert loaded.reference_values == pytest.approx(trained.reference_values, nan_ok=True)
    text = (model_dir / CARD_MARKDOWN).read_text()
    for phrase in ("human review", "nationality", "rules baseline", "net_anonymiser_share"):
        assert phrase in text
    assert card["baseline_metrics"]["roc_auc"] < card["metrics"]["roc_auc"]
    assert card["extra"] == {"seed": 0}


def _copy(model_dir, tmp_path):
    target = tmp_path / "model"
    shutil.copytree(model_dir, target)
    return target


def test_refuses_a_card_with_another_feature_list(model_dir, tmp_path):
    folder = _copy(model_dir, tmp_path)
    card = json.loads((folder / CARD_FILE).read_text())
    card["features"] = [f for f in card["features"] if f["name"] != "pay_crypto_share"]
    (folder / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(ModelError, match=r"lacks features \['pay_crypto_share'\].*detector train"):
        load_model(folder)


def test_refuses_a_changed_direction_or_fingerprint(model_dir, tmp_path):
    folder = _copy(model_dir, tmp_path)
    card = json.loads((folder / CARD_FILE).read_text())
    card["features"][0]["direction"] = 0
    (folder / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(ModelError, match="monotonic directions differ"):
        load_model(folder)
    card["features"][0]["direction"] = 1
    card["features_fingerprint"] = "0" * 64
    (folder / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(ModelError, match="fingerprint"):
        load_model(folder)


def test_refuses_a_model_trained_on_an_earlier_revision_of_a_feature(model_dir, tmp_path):
    # A model card written before link_component_others_risk left links out and before shared
    # digit runs were judged against chance (revision 1): same names and directions, so only
    # the revisions tell that their values meant something else.
    from detector.model.model_card import features_fingerprint

    folder = _copy(model_dir, tmp_path)
    card = json.loads((folder / CARD_FILE).read_text())
    revised = [f for f in card["features"] if f.get("revision", 1) != 1]
    assert [f["name"] for f in revised] == ["link_email_suffix_shared", "link_evidence_kinds",
                                            "link_component_others_risk"]
    for f in revised:
        del f["revision"]
    card["features_fingerprint"] = features_fingerprint(card["features"])
    (folder / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(ModelError, match=r"computes differently: link_email_suffix_shared \(revision 1 in "
                                         r"the model, 2 in this code\), link_evidence_kinds .*, "
                                         r"link_component_others_risk \(revision 1.*detector train"):
        load_model(folder)


def test_refuses_a_corrupt_estimator_file(model_dir, tmp_path):
    folder = _copy(model_dir, tmp_path)
    path = folder / ESTIMATOR_FILE
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(ModelError, match="corrupt or was replaced"):
        load_model(folder)
    # even when the card is edited to match the damaged file, loading fails cleanly
    import hashlib

    card = json.loads((folder / CARD_FILE).read_text())
    card["estimator"]["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    (folder / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(ModelError, match="cannot be loaded"):
        load_model(folder)


def test_refuses_untrusted_types_and_missing_files(model_dir, tmp_path):
    folder = _copy(model_dir, tmp_path)
    card = json.loads((folder / CARD_FILE).read_text())
    card["estimator"]["trusted_types"].append("os.system")
    (folder / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(ModelError, match="os.system"):
        load_model(folder)
    (folder / ESTIMATOR_FILE).unlink()
    with pytest.raises(ModelError, match="has no estimator.skops"):
        load_model(folder)
    (folder / CARD_FILE).write_text("{not json")
    with pytest.raises(ModelError, match="not readable JSON"):
        load_model(folder)
    with pytest.raises(ModelError, match="does not exist"):
        load_model(tmp_path / "nowhere")


def test_train_and_save_writes_a_loadable_folder_with_breakdowns(tmp_path):
    from detector.model.train import train_and_save

    features, labels, groups, _ = synthetic_table(600, seed=4)
    segments = pd.Series(np.where(labels == 0, "regular", None), index=features.index)
    segments.iloc[:100] = np.where(labels.iloc[:100] == 0, "privacy_vpn", None)
    tactics = pd.Series(np.where(labels == 1, "plain", None), index=features.index)
    result = train_and_save(features, labels, groups, tmp_path / "m", segments=segments,
                            tactics=tactics, training_summary={"source": "test"}, n_threads=1)
    assert set(result.metrics["fpr_by_segment"]) == {"privacy_vpn", "regular"}
    assert set(result.baseline_metrics["recall_by_tactic"]) == {"plain"}
    loaded = load_model(tmp_path / "m")
    assert loaded.card["training_summary"]["source"] == "test"
    assert loaded.card["metrics"]["fpr_by_segment"]["regular"]["count"] > 0
    assert loaded.thresholds == result.thresholds


def test_the_shipped_model_was_trained_with_the_settings_this_code_gives_its_rows():
    """Retraining the shipped model (scripts/train_default_model.py) must use the boosting
    settings it was trained with: leaf size and shrinkage follow the number of training rows."""
    card = json.loads((Path(__file__).parents[1] / "models" / "default" / "model_card.json").read_text())
    summary = card["training_summary"]
    assert sized_params(summary["n_rows"]) == summary["boosting_params"]
    assert sized_params(2000)["min_samples_leaf"] == 20 and sized_params(2000)["l2_regularization"] < 2
