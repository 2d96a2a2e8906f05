"""detector: scores how likely a freelance-platform profile is a front for DPRK IT workers.

Scores rank profiles for human review; they are never a decision by themselves.
"""

from detector.features.build import FeatureTable, build_features
from detector.io import load_population
from detector.scoring.run import score_file
from detector.scoring.score import score_population
from detector.settings import Settings
from detector.training.evaluate import evaluate_file
from detector.training.train import train_file


def load_model(model_dir=None):
    """Load a model folder (default: the shipped model); refuses one built for other features."""
    from detector.model.artifact import load_model as _load

    return _load(model_dir or Settings().with_defaults().model_dir)


__all__ = [
    "FeatureTable",
    "Settings",
    "build_features",
    "evaluate_file",
    "load_model",
    "load_population",
    "score_file",
    "score_population",
    "train_file",
]
