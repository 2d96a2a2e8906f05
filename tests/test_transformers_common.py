"""scikit-learn's estimator checks over the detector's own pipeline steps.

Follows imbalanced-learn's ``tests/test_common.py``. Both steps currently pass every check; a
check that must fail goes into ``EXPECTED_FAILED_CHECKS`` with the reason, never silently.
``CatalogueColumns`` runs with ``feature_names="from_fit"`` because the generic checks use
arbitrary widths; its catalogue mode is tested in ``test_model_transformers.py``.
"""

from __future__ import annotations

from sklearn.utils.estimator_checks import parametrize_with_checks

from detector.model.transformers import CatalogueColumns, RobustClipper

EXPECTED_FAILED_CHECKS: dict[str, dict[str, str]] = {
    "CatalogueColumns": {},
    "RobustClipper": {},
}


def _expected_failed_checks(estimator) -> dict[str, str]:
    return EXPECTED_FAILED_CHECKS.get(type(estimator).__name__, {})


@parametrize_with_checks(
    [CatalogueColumns(feature_names="from_fit"), RobustClipper()],
    expected_failed_checks=_expected_failed_checks,
)
def test_sklearn_compatible_transformer(estimator, check):
    check(estimator)
