"""Activity hours as an SVG bar chart on the claimed zone's clock, with operator hours shaded.

An honest freelancer in Berlin works Berlin's day; an operator in Shenyang or Pyongyang
claiming Berlin works a day that lands on Berlin's night and early morning. Drawing the
session hours on the claimed clock, with the hours an ordinary working day at UTC+7..+10
would cover shaded, shows an analyst the mismatch at a glance.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
from markupsafe import Markup, escape

from detector.geo.countries import main_timezone, utc_offset_hours
from detector.signals.timezone_rhythm import OPERATOR_BAND, best_fit_offsets

WORKDAY = (9, 18)  # local working hours [start, end) used to draw both bands
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 720, 220, 40, 30, 20


@dataclass
class ActivityView:
    """What the chart shows, also used for the caption under it."""

    zone: str | None  # claimed zone, or the claimed country's main zone
    zone_guessed: bool  # True when the zone came from the country, not the profile
    claimed_offset: float  # hours, 0 when unknown
    local_hours: list[float]  # 24 values on the claimed clock
    operator_hours: set[int]  # local hours covered by a UTC+7..+10 working day
    best_fit_offset: float | None  # UTC offset that best fits the activity, None without activity
    total_hours: float


def activity_view(utc_hours: list[float], claimed_zone: str | None, claimed_country: str | None,
                  at: datetime | None) -> ActivityView:
    """Shift the UTC activity curve onto the claimed clock and mark operator hours on it."""
    zone, guessed = claimed_zone, False
    if not zone:
        zone, guessed = main_timezone(claimed_country), True
    offset = 0.0
    if zone:
        try:
            offset = utc_offset_hours(zone, at or datetime(2025, 1, 1))
        except (KeyError, ValueError):  # an unknown zone name: draw on UTC and say so
            zone, offset = None, 0.0
    shift = int(round(offset))
    curve = np.asarray(utc_hours, dtype=float)
    local = [float(curve[(h - shift) % 24]) for h in range(24)]
    operator: set[int] = set()
    for operator_offset in range(OPERATOR_BAND[0], OPERATOR_BAND[1] + 1):
        for operator_local in range(*WORKDAY):
            utc = operator_local - operator_offset
            operator.add((utc + shift) % 24)
    total = float(curve.sum())
    best = float(best_fit_offsets(curve[None, :])[0]) if total > 0 else None
    return ActivityView(zone=zone, zone_guessed=guessed, claimed_offset=offset, local_hours=local,
                        operator_hours=operator, best_fit_offset=best, total_hours=total)


def activity_svg(view: ActivityView) -> Markup:
    """The chart as an inline ``<svg>``; every text in it is escaped."""
    plot_w, plot_h = WIDTH - LEFT - 10, HEIGHT - BOTTOM - TOP
    bar_w = plot_w / 24
    peak = max(view.local_hours) or 1.0
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'width="{WIDTH}" height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{escape(_title(view))}</title>"]
    for h in sorted(view.operator_hours):
        x = LEFT + h * bar_w
        parts.append(f'<rect class="operator-band" x="{x:.1f}" y="{TOP}" width="{bar_w:.1f}" '
                     f'height="{plot_h}" fill="#f6d5d5"/>')
    for h in range(*WORKDAY):
        x = LEFT + h * bar_w
        parts.append(f'<rect class="claimed-day" x="{x:.1f}" y="{TOP + plot_h}" width="{bar_w:.1f}" '
                     f'height="4" fill="#3b7d3b"/>')
    for h, value in enumerate(view.local_hours):
        height = plot_h * value / peak
        x = LEFT + h * bar_w + 2
        parts.append(f'<rect class="bar" data-hour="{h}" x="{x:.1f}" y="{TOP + plot_h - height:.1f}" '
                     f'width="{bar_w - 4:.1f}" height="{height:.1f}" fill="#2f5d8a">'
                     f"<title>{h:02d}:00 local: {value:.1f} session hours</title></rect>")
    for h in range(0, 24, 3):
        x = LEFT + h * bar_w + bar_w / 2
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - 8}" text-anchor="middle" font-size="11">'
                     f"{h:02d}</text>")
    parts.append(f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - 10}" y2="{TOP + plot_h}" '
                 'stroke="#444"/>')
    parts.append(f'<text x="{LEFT}" y="13" font-size="11">session hours by local hour '
                 f"({escape(_clock(view))})</text>")
    parts.append("</svg>")
    return Markup("".join(parts))


def _clock(view: ActivityView) -> str:
    if not view.zone:
        return "UTC: no claimed zone"
    sign = "+" if view.claimed_offset >= 0 else "-"
    guessed = ", from the claimed country" if view.zone_guessed else ""
    return f"{view.zone}, UTC{sign}{abs(view.claimed_offset):g}{guessed}"


def _title(view: ActivityView) -> str:
    return (f"Activity on the claimed clock ({_clock(view)}); shaded: hours an ordinary working "
            f"day at UTC+{OPERATOR_BAND[0]}..+{OPERATOR_BAND[1]} covers")


def fit_summary(view: ActivityView) -> str:
    """One sentence for under the chart: where the activity fits, against the claim."""
    if view.best_fit_offset is None:
        return "No session activity recorded."
    fit = view.best_fit_offset
    sign = "+" if fit >= 0 else "-"
    text = f"Activity fits a working day at UTC{sign}{abs(fit):g}"
    if OPERATOR_BAND[0] <= fit <= OPERATOR_BAND[1]:
        text += f", inside the operator band UTC+{OPERATOR_BAND[0]}..+{OPERATOR_BAND[1]}"
    if view.zone:
        gap = abs(fit - view.claimed_offset) % 24
        gap = min(gap, 24 - gap)
        text += f"; {gap:g} h from the claimed zone"
    return text + f" ({view.total_hours:.0f} session hours)."
