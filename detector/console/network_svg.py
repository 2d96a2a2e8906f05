"""The linked-profiles network as an SVG: profiles as nodes, shared identifiers as labelled edges.

Layout is deterministic (the same component always draws the same way, so two analysts see
the same picture): the profile under review in the centre, the others on concentric rings in
score order, the strongest candidates nearest. Every label is escaped.
"""

from __future__ import annotations

import math
from collections import defaultdict
from urllib.parse import quote

from markupsafe import Markup, escape

SIZE = 560
RING_CAPACITY = (10, 18, 26, 34, 42, 50)  # nodes per ring, inner to outer
BAND_COLOURS = {"high": "#b3261e", "review": "#c77700", "low": "#3b7d3b"}


def _positions(node_ids: list[str]) -> dict[str, tuple[float, float]]:
    """Centre for the first node (the focus), rings for the rest in the given order."""
    centre = SIZE / 2
    positions = {node_ids[0]: (centre, centre)} if node_ids else {}
    rest = node_ids[1:]
    rings: list[list[str]] = []
    start = 0
    for capacity in RING_CAPACITY:
        if start >= len(rest):
            break
        rings.append(rest[start:start + capacity])
        start += capacity
    if start < len(rest):  # more than the rings hold: spread the rest over the outer ring
        rings[-1].extend(rest[start:])
    ring_gap = (SIZE / 2 - 40) / max(len(rings), 1)
    for r, ring in enumerate(rings):
        radius = ring_gap * (r + 1)
        for i, node in enumerate(ring):
            angle = 2 * math.pi * i / len(ring) - math.pi / 2 + r * 0.3
            positions[node] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
    return positions


def network_svg(nodes: list[dict], edges: list[dict], known_fronts: set[str]) -> Markup:
    """Nodes ``{id, name, band, score, is_focus}`` and edges ``{source, target, kind, similarity}``."""
    ordered = sorted(nodes, key=lambda n: (not n["is_focus"], -(n["score"] or 0.0), n["id"]))
    pos = _positions([n["id"] for n in ordered])
    kinds: dict[tuple[str, str], list[str]] = defaultdict(list)
    for e in edges:
        if e["source"] in pos and e["target"] in pos:
            pair = (min(e["source"], e["target"]), max(e["source"], e["target"]))
            kinds[pair].append(e["kind"])
    parts = [f'<svg class="network" role="img" viewBox="0 0 {SIZE} {SIZE}" width="{SIZE}" '
             f'height="{SIZE}" xmlns="http://www.w3.org/2000/svg">',
             f"<title>Linked profiles: {len(ordered)} profiles, {len(kinds)} linked pairs</title>"]
    for (a, b), pair_kinds in sorted(kinds.items()):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        label = ", ".join(sorted(set(pair_kinds)))
        parts.append(f'<g class="edge"><line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'stroke="#888" stroke-width="{1 + len(set(pair_kinds))}"/>'
                     f'<text x="{(x1 + x2) / 2:.1f}" y="{(y1 + y2) / 2 - 3:.1f}" font-size="10" '
                     f'text-anchor="middle" fill="#333">{escape(label)}</text></g>')
    for n in ordered:
        x, y = pos[n["id"]]
        colour = BAND_COLOURS.get(n["band"] or "", "#777")
        radius = 14 if n["is_focus"] else 9
        front = n["id"] in known_fronts
        score = f"{n['score']:.2f}" if n["score"] is not None else "unscored"
        tip = f"{n['id']} {n['name'] or ''}: score {score}{', known front' if front else ''}"
        classes = "node" + (" focus" if n["is_focus"] else "") + (" front" if front else "")
        parts.append(f'<a href="/console/applicants/{escape(quote(n["id"], safe=""))}">'
                     f'<g class="{classes}"><title>{escape(tip)}</title>')
        if front:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius + 5}" fill="none" '
                         'stroke="#000" stroke-width="2" stroke-dasharray="3 2"/>')
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{colour}" '
                     f'stroke="{"#000" if n["is_focus"] else "#fff"}" stroke-width="2"/>')
        name = (n["name"] or "")[:22]
        parts.append(f'<text x="{x:.1f}" y="{y + radius + 12:.1f}" font-size="10" '
                     f'text-anchor="middle">{escape(name)}{" (front)" if front else ""}</text></g></a>')
    parts.append("</svg>")
    return Markup("".join(parts))
