"""Reading, validating and writing applicant data (INPUT.md / OUTPUT.md)."""
