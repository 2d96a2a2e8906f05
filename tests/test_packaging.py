"""Packaging: every package is installed, and the shipped model and geodata travel with it."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_detector_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "detector").rglob("__init__.py")}
    assert found <= listed, f"add {sorted(found - listed)} to [tool.setuptools] packages"


def test_shipped_model_and_geodata_exist():
    assert (ROOT / "models" / "default" / "estimator.skops").exists()
    assert (ROOT / "models" / "default" / "model_card.json").exists()
    for name in ("geo-whois-asn-country.mmdb", "asn.mmdb", "anonymiser_asns.csv", "ip_pools.parquet"):
        assert (ROOT / "detector" / "geo" / "data" / name).exists(), name


def test_shipped_model_loads_against_this_code():
    from detector import load_model

    model = load_model()
    assert model.model_version.startswith("detector-")
    assert 0 < model.thresholds.review <= model.thresholds.high
