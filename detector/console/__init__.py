"""Analyst console: server-rendered review pages served by the same app as the scoring API.

Pages are Jinja2 templates with autoescaping on; charts and the link network are inline SVG
built in Python (``charts``, ``network_svg``), so the console needs no JavaScript and nothing
from a CDN. Logins are server-side sessions from ``detector.store.accounts``.
"""
