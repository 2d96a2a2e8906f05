"""Per-applicant signals, one module per family. Each returns a frame indexed by applicant_id."""
