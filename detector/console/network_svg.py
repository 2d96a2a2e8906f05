"""The linked-profiles network as an SVG: profiles as nodes, shared identifiers as labelled edges.

Layout is deterministic (the same component always draws the same way, so two analysts see
the same picture): the profile under review in the centre, the others on concentric rings in
score order, the highest-scored nearest. Edges are coloured by the strongest thing the two profiles
share and, in small networks, labelled with every kind. Every label is escaped.
"""

from __future__ import annotations

import math
from collections import defaultdict
from urllib.parse import quote

from markupsafe import Markup, escape

SIZE = 640
SINGLE_RING = 16  # up to this many other profiles sit on one ring
LABELLED_EDGES = 14  # above this many linked pairs, kinds are told by colour (and the table)
BAND_COLOURS = {"high": "#b3261e", "review": "#c77700", "low": "#3b7d3b"}
# Edge colour by the strongest shared thing: a shared payout account says more than a resume.
KIND_COLOURS = {"payout": "#6a1b9a", "phone": "#1565c0", "email": "#00838f", "device": "#2e7d32",
                "residential_ip": "#ef6c00", "resume": "#5d4037", "proposal": "#8d6e63",
                "photo": "#ad1457", "email_suffix": "#546e7a"}


def _rings(count: int) -> list[int]:
    """How many profiles go on each ring, inner to outer (roughly even spacing on the circles)."""
    if count <= SINGLE_RING:
        return [count] if count else []
    sizes: list[int] = []
    capacity = 10
    while sum(sizes) < count:
        sizes.append(min(capacity, count - sum(sizes)))
        capacity += 8
    return sizes


def _positions(node_ids: list[str]) -> dict[str, tuple[float, float]]:
    """Centre for the first node (the focus), rings for the rest in the given order."""
    centre = SIZE / 2
    positions = {node_ids[0]: (centre, centre)} if node_ids else {}
    rest = node_ids[1:]
    sizes = _rings(len(rest))
    outer = SIZE / 2 - 60
    start = 0
    for r, size in enumerate(sizes):
        radius = outer * (r + 1) / len(sizes)
        step = 2 * math.pi / max(size, 3)  # two profiles never line up through the centre
        for i, node in enumerate(rest[start:start + size]):
            angle = -math.pi / 2 + i * step + r * 0.35
            positions[node] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
        start += size
    return positions


def _kind_rank(kind: str) -> tuple[int, str]:
    order = list(KIND_COLOURS)
    return (order.index(kind) if kind in order else len(order), kind)


def _strongest(kinds: set[str]) -> str:
    return min(kinds, key=_kind_rank)


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
    labelled = len(kinds) <= LABELLED_EDGES
    for (a, b), pair_kinds in sorted(kinds.items()):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        shared = set(pair_kinds)
        label = ", ".join(sorted(shared))
        colour = KIND_COLOURS.get(_strongest(shared), "#888")
        parts.append(f'<g class="edge"><title>{escape(a)} and {escape(b)} share: {escape(label)}</title>'
                     f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'stroke="{colour}" stroke-opacity="0.7" stroke-width="{1 + len(shared)}"/>')
        if labelled:
            parts.append(f'<text x="{(x1 + x2) / 2:.1f}" y="{(y1 + y2) / 2 - 4:.1f}" font-size="10" '
                         f'text-anchor="middle" fill="#333">{escape(label)}</text>')
        parts.append("</g>")
    drawn = sorted({k for pair in kinds.values() for k in pair}, key=_kind_rank)
    for i, kind in enumerate(drawn):
        row = 14 + 14 * i
        parts.append(f'<g class="legend"><line x1="8" y1="{row - 4}" x2="26" y2="{row - 4}" '
                     f'stroke="{KIND_COLOURS.get(kind, "#888")}" stroke-width="3"/>'
                     f'<text x="30" y="{row}" font-size="10">{escape(kind)}</text></g>')
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
