"""Admin pages: console users (create, change role, deactivate) and API keys (create, revoke).

Only the admin role reaches them. A new API key is shown once, in the response to the form
that created it; the store keeps only its hash.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from detector.console.auth import ConsoleUser, check_csrf, current_user, require
from detector.console.rendering import render
from detector.errors import InputError
from detector.store import accounts
from detector.store.schema import ROLES, SCOPES
from detector.store.schema import User as StoredUser

router = APIRouter(prefix="/admin")
User = Annotated[ConsoleUser, Depends(current_user)]
MESSAGES = {"created": "User created.", "role": "Role changed.", "active": "Account updated.",
            "revoked": "Key revoked."}


def _admin(user: ConsoleUser, csrf_token: str | None = None) -> None:
    require(user, "admin")
    if csrf_token is not None:
        check_csrf(user, csrf_token)


def _users_page(request: Request, user: ConsoleUser, message: str | None = None,
                error: str | None = None, status_code: int = 200) -> Response:
    with request.app.state.store.read_session() as session:  # also called inside a write session
        users = [(u.username, u.role, u.active, u.created_at, u.last_login_at)
                 for u in accounts.list_users(session)]
    return render("admin_users.html", status_code, title="Users", user=user, users=users,
                  roles=ROLES, message=message, error=error)


@router.get("/users", response_class=HTMLResponse)
def users(request: Request, user: User, done: str = "") -> Response:
    _admin(user)
    return _users_page(request, user, message=MESSAGES.get(done))


@router.post("/users")
def create_user(request: Request, user: User, username: Annotated[str, Form()] = "",
                password: Annotated[str, Form()] = "", role: Annotated[str, Form()] = "",
                csrf_token: Annotated[str, Form()] = "") -> Response:
    _admin(user, csrf_token)
    try:
        with request.app.state.store.session() as session:
            accounts.create_user(session, username, password, role, actor=user.actor)
    except InputError as problem:
        return _users_page(request, user, error=str(problem), status_code=400)
    return RedirectResponse("/console/admin/users?done=created", status_code=303)


def _change_user(request: Request, user: ConsoleUser, username: str, done: str,
                 change: Callable[[Session, StoredUser], None]) -> Response:
    """Apply ``change`` to another user's account (an admin cannot lock themselves out)."""
    with request.app.state.store.session() as session:
        target = accounts.get_user(session, username)
        if target is None:
            return _users_page(request, user, error=f"no user {username!r}", status_code=404)
        if target.username == user.username:
            return _users_page(request, user, status_code=400,
                               error="you cannot change your own role or account: ask another admin")
        try:
            change(session, target)
        except InputError as problem:
            return _users_page(request, user, error=str(problem), status_code=400)
    return RedirectResponse(f"/console/admin/users?done={done}", status_code=303)


@router.post("/users/{username}/role")
def change_role(request: Request, username: str, user: User, role: Annotated[str, Form()] = "",
                csrf_token: Annotated[str, Form()] = "") -> Response:
    _admin(user, csrf_token)
    return _change_user(request, user, username, "role",
                        lambda session, target: accounts.set_role(session, target, role, user.actor))


@router.post("/users/{username}/active")
def change_active(request: Request, username: str, user: User, active: Annotated[str, Form()] = "",
                  csrf_token: Annotated[str, Form()] = "") -> Response:
    _admin(user, csrf_token)
    return _change_user(request, user, username, "active",
                        lambda session, target: accounts.set_active(session, target, active == "1", user.actor))


# ---- API keys ------------------------------------------------------------------------------

def _keys_page(request: Request, user: ConsoleUser, new_key: str | None = None,
               message: str | None = None, error: str | None = None, status_code: int = 200) -> Response:
    with request.app.state.store.read_session() as session:  # also called inside a write session
        keys = [(k.prefix, k.name, k.scopes, k.created_at, k.last_used_at, k.revoked_at)
                for k in accounts.list_api_keys(session)]
    return render("admin_keys.html", status_code, title="API keys", user=user, keys=keys,
                  scopes=SCOPES, new_key=new_key, message=message, error=error)


@router.get("/keys", response_class=HTMLResponse)
def keys(request: Request, user: User, done: str = "") -> Response:
    _admin(user)
    return _keys_page(request, user, message=MESSAGES.get(done))


@router.post("/keys", response_class=HTMLResponse)
def create_key(request: Request, user: User, name: Annotated[str, Form()] = "",
               scopes: Annotated[list[str] | None, Form()] = None,
               csrf_token: Annotated[str, Form()] = "") -> Response:
    _admin(user, csrf_token)
    try:
        with request.app.state.store.session() as session:
            key = accounts.create_api_key(session, name.strip(), scopes or [], actor=user.actor)
    except InputError as problem:
        return _keys_page(request, user, error=str(problem), status_code=400)
    return _keys_page(request, user, new_key=key, message="Key created: copy it now, it is not shown again.")


@router.post("/keys/{prefix}/revoke")
def revoke_key(request: Request, prefix: str, user: User, csrf_token: Annotated[str, Form()] = "") -> Response:
    _admin(user, csrf_token)
    with request.app.state.store.session() as session:
        revoked = accounts.revoke_api_key(session, prefix, user.actor)
    if not revoked:
        return _keys_page(request, user, error=f"no live key {prefix!r}", status_code=404)
    return RedirectResponse("/console/admin/keys?done=revoked", status_code=303)
