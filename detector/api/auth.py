"""API-key authentication: ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``, with scopes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from detector.api.errors import ApiError
from detector.store.accounts import Principal, check_api_key, touch_api_key

_bearer = HTTPBearer(auto_error=False, description="An API key from `detector store create-key`")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="The same key, as a header")


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
            with store.session() as session:
                touch_api_key(session, principal.actor)
        if principal is None:
            raise ApiError(401, "the API key is unknown or revoked", headers={"WWW-Authenticate": "Bearer"})
        if scope not in principal.scopes:
            raise ApiError(403, f"this API key lacks the '{scope}' scope")
        return principal

    return dependency
