"""Scoring: features -> calibrated score, band and reasons with evidence."""
