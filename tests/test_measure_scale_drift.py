"""The scale-drift script scores the same people apart and together and reports both."""

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "measure_scale_drift.py"


def test_reports_honest_and_fronts_flagged_apart_and_together(tmp_path):
    done = subprocess.run([sys.executable, str(SCRIPT), "--parts", "2", "-n", "400", "--work", str(tmp_path)],
                          capture_output=True, text=True, check=True)
    rates = re.findall(r"(apart|together): honest flagged ([\d.]+)% \((\d+)\), fronts flagged ([\d.]+)%", done.stdout)
    assert [way for way, *_ in rates] == ["apart", "together"], done.stdout
    assert all(0 <= float(honest) <= 100 and 0 < float(fronts) <= 100 for _, honest, _, fronts in rates)
    assert "honest flagged together but not apart:" in done.stdout
    assert len((tmp_path / "all.scores.csv").read_text().splitlines()) == 801  # header + every applicant
