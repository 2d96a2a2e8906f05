"""The feature catalogue and the table that joins every signal family and the linking features."""
