"""The model registry: versioned model folders and the one promoted to production."""

from detector.registry.models import (
    RegisteredModel,
    list_models,
    production_model_dir,
    promote,
    register,
)

__all__ = ["RegisteredModel", "list_models", "production_model_dir", "promote", "register"]
