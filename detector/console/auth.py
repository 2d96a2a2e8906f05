"""Console logins: a random session token in an HttpOnly cookie, a CSRF token per session, roles.

The cookie holds only a random token; the store keeps its SHA-256, the user and the session's
CSRF token (``detector.store.accounts``). Every POST form carries the CSRF token and is
refused without it, so another site cannot make a logged-in analyst's browser record a
decision. The login form itself is protected by a double-submit cookie (there is no session
yet), so nobody can silently log an analyst into an attacker's account.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import quote

from fastapi import Request, Response

from detector.store import accounts

SESSION_COOKIE = "detector_console"
LOGIN_CSRF_COOKIE = "detector_login_csrf"


class LoginRequired(Exception):
    """No live console session: the handler sends the browser to the login page."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class Forbidden(Exception):
    """The user's role does not allow this page or action (HTTP 403)."""


class BadCsrf(Exception):
    """A form without the session's CSRF token (HTTP 403)."""


@dataclass(frozen=True)
class ConsoleUser:
    username: str
    role: str
    scopes: frozenset[str]
    csrf_token: str

    @property
    def actor(self) -> str:
        return f"user:{self.username}"

    def can(self, scope: str) -> bool:
        return scope in self.scopes


def current_user(request: Request) -> ConsoleUser:
    """The logged-in user, or ``LoginRequired`` (a dependency of every console page)."""
    token = request.cookies.get(SESSION_COOKIE, "")
    found = None
    if token:
        with request.app.state.store.session() as session:
            hit = accounts.console_session_user(session, token)
            if hit is not None:
                user, console_session = hit
                found = ConsoleUser(username=user.username, role=user.role,
                                    scopes=accounts.ROLE_SCOPES[user.role],
                                    csrf_token=console_session.csrf_token)
    if found is None:
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        # A form posted after the session expired cannot be replayed: back to the queue instead.
        raise LoginRequired(path if request.method == "GET" else "/console/queue")
    return found


def require(user: ConsoleUser, scope: str) -> None:
    if not user.can(scope):
        raise Forbidden(f"the {user.role} role cannot do this (needs '{scope}')")


def check_csrf(user: ConsoleUser, token: str) -> None:
    if not token or not hmac.compare_digest(token.encode(), user.csrf_token.encode()):
        raise BadCsrf("the form's security token is missing or stale: reload the page and try again")


def safe_next(path: str | None) -> str:
    """Only local console paths after login (never another site: no open redirect)."""
    if path and path.startswith("/console/") and not path.startswith("//") and "\\" not in path:
        return path
    return "/console/queue"


def login_url(next_path: str) -> str:
    return f"/console/login?next={quote(next_path, safe='')}"


def new_login_csrf() -> str:
    return secrets.token_urlsafe(24)


def check_login_csrf(request: Request, token: str) -> bool:
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    return bool(cookie and token) and hmac.compare_digest(cookie.encode(), token.encode())


def set_cookie(response: Response, request: Request, name: str, value: str,
               max_age: int | None = None) -> None:
    """HttpOnly, SameSite=Lax, path /console; Secure when ``console_secure_cookie`` is on."""
    response.set_cookie(name, value, max_age=max_age, path="/console", httponly=True, samesite="lax",
                        secure=request.app.state.settings.console_secure_cookie)


def clear_cookie(response: Response, request: Request, name: str) -> None:
    response.delete_cookie(name, path="/console", httponly=True, samesite="lax",
                           secure=request.app.state.settings.console_secure_cookie)
