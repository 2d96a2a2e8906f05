"""Shared pieces of the console tests: payload applicants, users, sign-in and CSRF helpers."""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery staple"
USERS = {"ana": "analyst", "lee": "lead", "adm": "admin", "ana2": "analyst", "bea": "analyst"}

SCRIPT_NAME = "<script>window.__xss=1</script>Eve Payload"
IMG_RESUME = '<img src=x onerror="window.__xss=1"> I build React and Node apps for clients.'
SVG_PROPOSAL = '"><svg onload="window.__xss=1"> Hello, I can start today.'
TWIN_NAME = '"><img src=x onerror=window.__xss=1>Mallory Twin'
# The second id has a slash and a "#" (platform ids are any string): pages must still find it.
PAYLOAD_IDS = ("xss-payload-1", "xss-payload-2/b#1")
RESUME_BODY = ("Full-stack engineer with nine years of remote work for startups in logistics, retail "
               "and health care. I design REST and GraphQL APIs, write typed TypeScript front ends, "
               "automate deployments on AWS with Terraform and keep test coverage honest. Recent work: "
               "a route planner for a courier network, a pharmacy stock dashboard, a loyalty app with "
               "two hundred thousand users. I write clear weekly reports and overlap with US hours.")


def artifacts_dir() -> Path:
    """Where screenshots go: ``DETECTOR_TEST_ARTIFACTS`` or ``test-artifacts/`` (gitignored)."""
    base = Path(os.environ.get("DETECTOR_TEST_ARTIFACTS") or ROOT / "test-artifacts")
    path = base / "console"
    path.mkdir(parents=True, exist_ok=True)
    return path


def payload_records(template: dict) -> list[dict]:
    """Two profiles sharing a phone, a payout account and one resume under different names,
    with payloads in every applicant-supplied text the console shows."""
    first = copy.deepcopy(template)
    first.update(applicant_id=PAYLOAD_IDS[0], full_name=SCRIPT_NAME, label=None,
                 resume_text=IMG_RESUME + " " + RESUME_BODY)
    for proposal in first.get("proposals", []):
        proposal["text"] = SVG_PROPOSAL + " " + proposal["text"]
    second = copy.deepcopy(first)
    second.update(applicant_id=PAYLOAD_IDS[1], full_name=TWIN_NAME,
                  resume_text=first["resume_text"].replace("clients", "<b>customers</b>"))
    for session in second.get("sessions", []):
        if session.get("device_id"):
            session["device_id"] = session["device_id"][::-1]
    return [first, second]


@dataclass
class Browserless:
    """A TestClient with helpers to sign in and post forms with the page's CSRF token."""

    client: object

    def login(self, username: str, password: str = PASSWORD):
        page = self.client.get("/console/login")
        token = csrf_of(page.text)
        return self.client.post("/console/login", data={"username": username, "password": password,
                                                         "csrf_token": token, "next": "/console/queue"})


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token in the page"
    return found.group(1)
