"""Self-contained HTML reports (evaluation, drift): rendered plots embedded, open offline."""
