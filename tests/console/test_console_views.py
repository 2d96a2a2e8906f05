"""The console's drawings and text comparison, on hand-made inputs."""

from __future__ import annotations

import re
from datetime import datetime

from detector.console.activity_chart import activity_svg, activity_view, fit_summary
from detector.console.network_svg import network_svg
from detector.console.resume_diff import side_by_side

WINTER = datetime(2025, 1, 15)


def _day_at_utc_offset(offset: int) -> list[float]:
    """Session hours of a 09:00-17:00 working day at UTC+offset, by UTC hour."""
    hours = [0.0] * 24
    for local in range(9, 17):
        hours[(local - offset) % 24] = 2.0
    return hours


def test_chart_moves_activity_onto_the_claimed_clock():
    view = activity_view(_day_at_utc_offset(1), "Europe/Berlin", "DE", WINTER)
    assert view.claimed_offset == 1
    assert [h for h, v in enumerate(view.local_hours) if v] == list(range(9, 17))
    assert view.best_fit_offset == 1 and "operator band" not in fit_summary(view)


def test_operator_hours_are_shaded_where_they_fall_on_the_claimed_clock():
    utc = activity_view([0.0] * 24, "UTC", None, WINTER)
    # 09:00-18:00 at UTC+7 is 02-10 UTC, at UTC+10 it is 23-07 UTC: together 23..10.
    assert utc.operator_hours == {23, *range(0, 11)}
    new_york = activity_view([0.0] * 24, "America/New_York", "US", WINTER)
    assert new_york.operator_hours == {(h - 5) % 24 for h in utc.operator_hours}


def test_an_operator_day_claimed_in_europe_is_called_out():
    view = activity_view(_day_at_utc_offset(9), None, "DE", WINTER)
    assert view.zone == "Europe/Berlin" and view.zone_guessed
    busy = {h for h, v in enumerate(view.local_hours) if v}
    assert busy <= view.operator_hours  # Pyongyang's working day lands in the shaded band
    summary = fit_summary(view)
    assert "UTC+9" in summary and "inside the operator band" in summary and "8 h from the claimed zone" in summary
    svg = str(activity_svg(view))
    assert svg.count('class="bar"') == 24 and svg.count('class="operator-band"') == len(view.operator_hours)


def test_no_zone_and_no_activity_are_said_plainly():
    view = activity_view([0.0] * 24, None, None, None)
    assert view.zone is None and fit_summary(view) == "No session activity recorded."
    assert "UTC: no claimed zone" in str(activity_svg(view))


def test_diff_marks_changed_words_and_escapes_each_token():
    left, right, shared = side_by_side("I build <b>apps</b> for clients in Berlin",
                                       "I build <b>apps</b> for customers in Berlin")
    assert str(left) == "I build &lt;b&gt;apps&lt;/b&gt; for <del>clients</del> in Berlin"
    assert str(right) == "I build &lt;b&gt;apps&lt;/b&gt; for <ins>customers</ins> in Berlin"
    assert 0.8 < shared < 1


def test_diff_of_unrelated_texts_marks_everything():
    left, right, shared = side_by_side("alpha beta", "gamma delta")
    assert str(left) == "<del>alpha</del> <del>beta</del>" and str(right) == "<ins>gamma</ins> <ins>delta</ins>"
    assert shared == 0


def _graph(n: int) -> tuple[list[dict], list[dict]]:
    nodes = [{"id": f"p{i}", "name": f"Name {i}", "band": "high", "score": 1 - i / 100, "is_focus": i == 0}
             for i in range(n)]
    edges = [{"source": "p0", "target": f"p{i}", "kind": "payout", "similarity": 1.0} for i in range(1, n)]
    return nodes, edges


def test_network_draws_every_profile_and_link_with_escaped_labels():
    nodes, edges = _graph(4)
    nodes[2]["name"] = "<script>alert(1)</script>"
    edges.append({"source": "p0", "target": "p1", "kind": "phone", "similarity": 1.0})
    svg = str(network_svg(nodes, edges, known_fronts={"p3"}))
    assert svg.count('<g class="node') == 4 and svg.count('class="edge"') == 3
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "payout, phone" in svg  # both kinds on one edge
    assert svg.count('class="node front"') == 1 and svg.count('class="node focus"') == 1
    assert svg == str(network_svg(list(reversed(nodes)), edges, known_fronts={"p3"}))  # deterministic


def test_network_positions_stay_inside_the_picture_and_apart():
    nodes, edges = _graph(60)
    svg = str(network_svg(nodes, edges, known_fronts=set()))
    centres = [(float(x), float(y)) for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)]
    assert len(set(centres)) == 60
    assert all(10 <= x <= 630 and 10 <= y <= 630 for x, y in centres)
    assert "payout, phone" not in svg and 'class="legend"' in svg
