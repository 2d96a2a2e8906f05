"""Training and evaluation workflows: population -> features -> model folder / metrics."""
