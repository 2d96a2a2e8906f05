"""Cross-applicant linking: keyed hashes of shared identifiers, near-duplicate texts
(MinHash LSH in ``text_similarity``) and reused photos (``photo_hash``), all sub-quadratic."""
