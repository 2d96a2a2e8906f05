"""The notebooks run top to bottom on a small population (so they never rot), and what they
show renders in a real browser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser import open_offline

pytestmark = pytest.mark.slow
NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def execute(name: str, tmp_path: Path, monkeypatch) -> object:
    import nbformat
    from nbclient import NotebookClient

    # The kernel inherits the environment: a throwaway registry, never the checkout's models/.
    monkeypatch.setenv("DETECTOR_MODEL_REGISTRY", str(tmp_path / "registry"))
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    with monkeypatch.context() as kernel_only:
        # The kernel's scratch folders go with tmp_path; the browser started later keeps the
        # short system TMPDIR (Chromium's socket path has a length limit).
        kernel_only.setenv("TMPDIR", str(tmp_path))
        NotebookClient(notebook, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(tmp_path)}}).execute()
    return notebook


def outputs(notebook, kind: str) -> list:
    return [o for cell in notebook.cells if cell.cell_type == "code"
            for o in cell.get("outputs", []) if kind in o.get("data", {})]


def as_html(notebook, path: Path) -> Path:
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(notebook)
    path.write_text(body, encoding="utf-8")
    return path


def test_signals_notebook_plots_every_feature(tmp_path, monkeypatch):
    notebook = execute("signals", tmp_path, monkeypatch)
    images = outputs(notebook, "image/png")
    assert len(images) >= 41  # one per catalogue feature, and the segments plot
    seen = open_offline(as_html(notebook, tmp_path / "signals.html"))
    shown = [i for i in seen["images"] if i["complete"] and i["width"] > 300 and i["height"] > 150]
    assert len(shown) >= 41
    assert "linking" in seen["text"] and "Look-alike segments" in seen["text"]


def test_retrain_notebook_trains_compares_and_registers(tmp_path, monkeypatch):
    notebook = execute("retrain", tmp_path, monkeypatch)
    text = "\n".join(o.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                     for o in cell.get("outputs", []) if o.get("output_type") == "stream")
    assert "trained on" in text and "held-out" not in text.split("trained on")[0]
    assert "against champion" in text
    registry = tmp_path / "registry"
    versions = [p for p in registry.iterdir() if (p / "model_card.json").exists()]
    assert len(versions) == 1
    card = json.loads((versions[0] / "model_card.json").read_text())
    assert card["training_summary"]["split"] == "time"
    assert card["extra"]["threshold_changes"][0]["reason"].startswith("80 reviews a week")
    if "promoted" in text:
        assert json.loads((registry / "registry.json").read_text())["production"] == versions[0].name
    else:
        assert "kept the champion" in text and not (registry / "registry.json").exists()
    seen = open_offline(as_html(notebook, tmp_path / "retrain.html"))
    assert "Champion against challenger" in seen["text"]
    assert "challenger_better_share" in seen["text"]  # the comparison table rendered
