"""API-key authentication: ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``, with scopes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from detector.api.errors import ApiError
from detector.store.accounts import Principal, check_api_key, touch_api_key

_bearer = HTTPBearer(auto_error=False, description="An API key from `detector store create-key`")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="The same key, as a header")
_touching: set[str] = set()  # keys whose last use is being recorded by some request right now
_touching_lock = threading.Lock()


def require_scope(scope: str) -> Callable[..., Principal]:
    """A dependency that admits a live API key holding ``scope`` (401 without a key, 403 without the scope)."""

    def dependency(request: Request,
                   bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
                   header: Annotated[str | None, Depends(_header)]) -> Principal:
        key = (bearer.credentials if bearer is not None else None) or header
        if not key:
            raise ApiError(401, "an API key is required: send 'Authorization: Bearer <key>'",
                           headers={"WWW-Authenticate": "Bearer"})
        store = request.app.state.store
        with store.engine.connect() as connection:  # no wait for a scoring transaction's write lock
            connection.execution_options(sqlite_read_only=True)
            principal = check_api_key(connection, key)
        if principal is not None and principal.touch_due:
            # a write: queue for it like the scoring batches do (Store.writer_turn); in SQLite's
            # busy handler alone it starved behind other workers' batches until "database is
            # locked" failed the request (--workers 2 under load)
            with _touching_lock:
                mine = principal.actor not in _touching  # concurrent requests of one key: one write
                _touching.add(principal.actor)
            if mine:
                try:
                    with store.writer_turn(), store.session() as session:
                        touch_api_key(session, principal.actor)
                finally:
                    with _touching_lock:
                        _touching.discard(principal.actor)
        if principal is None:
            raise ApiError(401, "the API key is unknown or revoked", headers={"WWW-Authenticate": "Bearer"})
        if scope not in principal.scopes:
            raise ApiError(403, f"this API key lacks the '{scope}' scope")
        return principal

    return dependency
