"""Console pages: login, review queue, applicant, decisions, assignments, audit log, labels export.

Every page depends on ``current_user`` (a live session) and checks the role's scope; every
POST checks the session's CSRF token. Mounted by ``detector.api.app.create_app`` together with
``setup`` (static files and the error pages).
"""

from __future__ import annotations

import io
from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from detector.console import admin_routes
from detector.console.applicant_page import applicant_page
from detector.console.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    BadCsrf,
    ConsoleUser,
    Forbidden,
    LoginRequired,
    check_csrf,
    check_login_csrf,
    clear_cookie,
    current_user,
    login_url,
    new_login_csrf,
    require,
    safe_next,
    set_cookie,
)
from detector.console.queue import PAGE_SIZE, REASON_CODES, ConsoleFilters, console_queue
from detector.console.rendering import SECURITY_HEADERS, STATIC_DIR, render
from detector.errors import InputError
from detector.store import accounts, queries

router = APIRouter(prefix="/console", include_in_schema=False)
User = Annotated[ConsoleUser, Depends(current_user)]

DECISION_CHOICES = (("front", "Confirm front"), ("legitimate", "Clear (legitimate)"),
                    ("needs_more_info", "Escalate (needs more information)"))
MESSAGES = {"decision": "Decision recorded.", "assign": "Assignment changed."}


def setup(app: FastAPI) -> None:
    """Static files and the console's error pages (login redirect, 403)."""
    app.mount("/console/static", StaticFiles(directory=STATIC_DIR), name="console-static")

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, error: LoginRequired) -> Response:
        return RedirectResponse(login_url(error.next_path), status_code=303, headers=SECURITY_HEADERS)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, error: Forbidden) -> Response:
        return render("error.html", 403, title="Not allowed", error=str(error))

    @app.exception_handler(BadCsrf)
    async def _csrf(request: Request, error: BadCsrf) -> Response:
        return render("error.html", 403, title="Form expired", error=str(error))


# ---- login ---------------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def home() -> Response:
    return RedirectResponse("/console/queue", status_code=303)


def _login_page(request: Request, next_path: str, error: str | None = None, status_code: int = 200) -> Response:
    token = new_login_csrf()
    response = render("login.html", status_code, title="Sign in", next=safe_next(next_path),
                      login_csrf=token, error=error)
    set_cookie(response, request, LOGIN_CSRF_COOKIE, token, max_age=3600)
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "") -> Response:
    return _login_page(request, next)


@router.post("/login")
def login(request: Request, username: Annotated[str, Form()] = "", password: Annotated[str, Form()] = "",
          csrf_token: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "") -> Response:
    if not check_login_csrf(request, csrf_token):
        return _login_page(request, next, "The sign-in form expired: please try again.", 403)
    with request.app.state.store.session() as session:
        user = accounts.authenticate_user(session, username.strip(), password)
        tokens = accounts.start_console_session(session, user) if user is not None else None
    if tokens is None:
        # One message for unknown user, wrong password and deactivated account.
        return _login_page(request, next, "Unknown username or wrong password.", 401)
    response = RedirectResponse(safe_next(next), status_code=303)
    set_cookie(response, request, SESSION_COOKIE, tokens[0])
    clear_cookie(response, request, LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout")
def logout(request: Request, user: User, csrf_token: Annotated[str, Form()] = "") -> Response:
    check_csrf(user, csrf_token)
    with request.app.state.store.session() as session:
        accounts.end_console_session(session, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/console/login", status_code=303)
    clear_cookie(response, request, SESSION_COOKIE)
    return response


# ---- review --------------------------------------------------------------------------------

def _date(value: str, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{field} {value!r} is not a date: use YYYY-MM-DD") from None


@router.get("/queue", response_class=HTMLResponse)
def queue(request: Request, user: User, band: str = "", reason: str = "", scored_from: str = "",
          scored_to: str = "", status: str = "open", assignee: str = "", q: str = "",
          page: Annotated[int, Query(ge=1)] = 1) -> Response:
    require(user, "read")
    form = {"band": band, "reason": reason, "scored_from": scored_from, "scored_to": scored_to,
            "status": status, "assignee": assignee, "q": q}
    error = None
    with request.app.state.store.session() as session:
        try:
            filters = ConsoleFilters(band=band, reason=reason, status=status, assignee=assignee, search=q,
                                     scored_from=_date(scored_from, "from date"),
                                     scored_to=_date(scored_to, "to date"))
            result = console_queue(session, filters, page=page)
        except InputError as problem:
            error = str(problem)
            result = queries.QueuePage(items=[], total=0, page=1, page_size=PAGE_SIZE)
        counts = queries.store_counts(session)
        users = [u.username for u in accounts.list_users(session) if u.active]
    pages = max(1, -(-result.total // result.page_size))
    return render("queue.html", 400 if error else 200, title="Review queue", user=user,
                  result=result, form=form, pages=pages, reasons=REASON_CODES, users=users,
                  counts=counts, error=error)


@router.get("/applicants/{applicant_id:path}", response_class=HTMLResponse)
def applicant(request: Request, applicant_id: str, user: User, done: str = "") -> Response:
    require(user, "read")
    return _applicant_response(request, applicant_id, user, message=MESSAGES.get(done))


def _applicant_response(request: Request, applicant_id: str, user: ConsoleUser, message: str | None = None,
                        error: str | None = None, note: str = "", status_code: int = 200) -> Response:
    with request.app.state.store.session() as session:
        try:
            page = applicant_page(session, applicant_id)
        except queries.NotFound:
            return render("error.html", 404, title="Not found", user=user,
                          error="No applicant with this id in the store.")
        users = [u.username for u in accounts.list_users(session) if u.active]
    return render("applicant.html", status_code, title=f"Applicant {applicant_id}", user=user,
                  page=page, d=page.detail, choices=DECISION_CHOICES, users=users, message=message,
                  error=error, note=note)


def _back_to_applicant(applicant_id: str, done: str) -> Response:
    """Post/redirect/get: back to the page, with a fixed message (nothing reflected from input)."""
    path = quote(applicant_id, safe="")
    return RedirectResponse(f"/console/applicants/{path}?done={done}#decision", status_code=303)


@router.post("/applicants/{applicant_id:path}/decision")
def decide(request: Request, applicant_id: str, user: User, decision: Annotated[str, Form()] = "",
           note: Annotated[str, Form()] = "", csrf_token: Annotated[str, Form()] = "") -> Response:
    require(user, "decide")
    check_csrf(user, csrf_token)
    try:
        with request.app.state.store.session() as session:
            queries.record_decision(session, applicant_id, decision, note, user.actor)
    except queries.NotFound:
        return render("error.html", 404, title="Not found", user=user,
                      error="No applicant with this id in the store.")
    except InputError as problem:
        return _applicant_response(request, applicant_id, user, error=str(problem), note=note,
                                   status_code=400)
    return _back_to_applicant(applicant_id, "decision")


@router.post("/applicants/{applicant_id:path}/assign")
def assign(request: Request, applicant_id: str, user: User, assignee: Annotated[str, Form()] = "",
           csrf_token: Annotated[str, Form()] = "") -> Response:
    require(user, "reassign")
    check_csrf(user, csrf_token)
    try:
        with request.app.state.store.session() as session:
            queries.assign(session, applicant_id, assignee or None, user.actor)
    except queries.NotFound as problem:
        return _applicant_response(request, applicant_id, user, error=str(problem), status_code=404)
    return _back_to_applicant(applicant_id, "assign")


@router.get("/audit", response_class=HTMLResponse)
def audit(request: Request, user: User, applicant: str = "", actor: str = "",
          page: Annotated[int, Query(ge=1)] = 1) -> Response:
    require(user, "read")
    page_size = 50
    with request.app.state.store.session() as session:
        rows = queries.audit_log(session, applicant_id=applicant or None, actor=actor or None,
                                 page=page, page_size=page_size + 1)
    return render("audit.html", title="Audit log", user=user, rows=rows[:page_size],
                  has_next=len(rows) > page_size, page=page,
                  form={"applicant": applicant, "actor": actor})


@router.post("/labels.csv")
def export_labels(request: Request, user: User, csrf_token: Annotated[str, Form()] = "") -> Response:
    """The labels table as CSV (the same table as ``detector store export-labels``); audited."""
    require(user, "export")
    check_csrf(user, csrf_token)
    with request.app.state.store.session() as session:
        table = queries.labels_table(session, user.actor)
    buffer = io.StringIO()
    table.to_csv(buffer, index=False)
    return Response(buffer.getvalue(), media_type="text/csv",
                    headers={**SECURITY_HEADERS,
                             "Content-Disposition": 'attachment; filename="detector-labels.csv"'})


router.include_router(admin_routes.router)
