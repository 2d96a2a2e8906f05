"""One JSON error shape for every failure, a request size limit, and no stack traces to clients."""

from __future__ import annotations

import logging
import re
import uuid

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from detector.errors import InputError
from detector.store.queries import NotFound

log = logging.getLogger("detector.api")
_LINE = re.compile(r"line (\d+)")
_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type",
          422: "invalid_input", 429: "too_many_requests", 500: "internal", 503: "unavailable"}


class ApiError(Exception):
    """An error with a status, a code and, for bad input, the field-level problems."""

    def __init__(self, status: int, message: str, problems: list[dict] | None = None,
                 code: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message = status, message
        self.problems = problems or []
        self.code = code or _CODES.get(status, "error")
        self.headers = headers


def error_response(status: int, message: str, problems: list[dict] | None = None,
                   code: str | None = None, headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"error": {"status": status, "code": code or _CODES.get(status, "error"),
                      "message": message, "problems": problems or []}}
    return JSONResponse(body, status_code=status, headers=headers)


def problems_from_rejects(rejects) -> list[dict]:
    """Reject rows of the input validator as API problems ('line 3' becomes 'item 2')."""
    def item(text: str) -> str:
        return _LINE.sub(lambda m: f"item {int(m.group(1)) - 1}", str(text))

    return [{"field": str(r.field), "reason": str(r.reason), "record": item(r.record)}
            for r in rejects.itertuples(index=False)]


_UNION_TAG = re.compile(r"^(list\[)?[A-Z]\w*\]?$")


def _branch_matches(loc: tuple, body: object) -> bool:
    """For a body that may be one object or a list, keep the errors of the form actually sent."""
    tag = next((str(p) for p in loc[1:2] if _UNION_TAG.match(str(p))), None)
    if tag is None:
        return True
    return tag.startswith("list[") == isinstance(body, list)


def _location(loc: tuple) -> str:
    parts = [str(p) for p in loc if p != "body" and not _UNION_TAG.match(str(p))]
    out = ""
    for part in parts:
        out += f"[{part}]" if part.isdigit() else (f".{part}" if out else part)
    return out or "body"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, error: ApiError):
        return error_response(error.status, error.message, error.problems, error.code, error.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, error: RequestValidationError):
        errors = [e for e in error.errors() if _branch_matches(tuple(e.get("loc", ())), error.body)]
        problems = [{"field": _location(tuple(e.get("loc", ()))), "reason": str(e.get("msg", "invalid"))}
                    for e in errors or error.errors()]
        return error_response(422, "the request body does not match the schema", problems)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, error: StarletteHTTPException):
        return error_response(error.status_code, str(error.detail), headers=getattr(error, "headers", None))

    @app.exception_handler(InputError)
    async def _input(_request: Request, error: InputError):
        return error_response(422, str(error))

    @app.exception_handler(NotFound)
    async def _not_found(_request: Request, error: NotFound):
        return error_response(404, str(error))

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, error: Exception):
        incident = uuid.uuid4().hex[:12]
        log.exception("unhandled error %s", incident, exc_info=error)
        return error_response(500, f"internal error; the server log has the details under incident {incident}")


class BodySizeLimit:
    """Refuse request bodies over ``max_bytes`` (declared or streamed) with 413, before parsing."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._too_large(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise ApiError(413, self._message())
            return message

        await self.app(scope, limited, send)

    def _message(self) -> str:
        return f"request body is larger than {self.max_bytes} bytes; send fewer applicants per request"

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(413, self._message())
        await response(scope, receive, send)
