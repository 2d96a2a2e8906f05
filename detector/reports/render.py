"""Jinja2 environment for the reports: templates shipped with the package, autoescaped."""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape


def _num(value: Any, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:.{digits}f}"


def _pct(value: Any, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{100 * value:.{digits}f}%"


def environment() -> Environment:
    env = Environment(loader=PackageLoader("detector.reports", "templates"),
                      autoescape=select_autoescape(["html"]))
    env.filters["num"] = _num
    env.filters["pct"] = _pct
    return env


def write_html(path: Path, template: str, **context: Any) -> Path:
    """Render ``template`` and write it atomically (a reader never sees half a report)."""
    html = environment().get_template(template).render(**context)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(html)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
