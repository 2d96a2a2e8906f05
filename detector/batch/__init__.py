"""Batch rescoring at scale: chunked two-pass scoring with checkpoints, locally or on Dask."""
