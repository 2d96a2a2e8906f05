"""Console users (argon2id passwords), server-side console sessions and API keys with scopes.

API keys are 32 random bytes: guessing one is hopeless however fast the hash, so the store
keeps a plain SHA-256 of the key (fast to check on every request, useless to an attacker who
reads the table). Passwords are chosen by people and guessable, so they get argon2id, a slow
memory-hard hash.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.orm import Session

from detector.errors import InputError
from detector.store.audit import audit, utcnow
from detector.store.schema import ROLES, SCOPES, ApiKey, ConsoleSession, User

KEY_PREFIX = "dtk_"
SESSION_LIFETIME = timedelta(hours=8)
_hasher = PasswordHasher()


@dataclass(frozen=True)
class Principal:
    """Who is calling: a console user (with a role) or an API key (with scopes)."""

    actor: str  # "user:alice" or "key:ab12cd34"
    scopes: frozenset[str]
    role: str | None = None
    user_pk: int | None = None
    touch_due: bool = False  # an API key whose last use is to be recorded


ROLE_SCOPES = {
    "analyst": frozenset({"read", "decide"}),
    "lead": frozenset({"read", "decide", "reassign", "export"}),
    "admin": frozenset({"read", "decide", "reassign", "export", "admin"}),
}


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# ---- users ---------------------------------------------------------------------------------

def create_user(session: Session, username: str, password: str, role: str, actor: str = "cli") -> User:
    """A new console user; the password is kept only as its argon2id hash."""
    username = username.strip()
    if not username or len(username) > 100:
        raise InputError("username must be 1-100 characters")
    if role not in ROLES:
        raise InputError(f"role {role!r} is unknown; use one of {', '.join(ROLES)}")
    if len(password) < 10:
        raise InputError("password must have at least 10 characters")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise InputError(f"user {username!r} already exists")
    user = User(username=username, password_hash=_hasher.hash(password), role=role, active=True,
                created_at=utcnow())
    session.add(user)
    session.flush()
    audit(session, actor, "user.create", detail={"username": username, "role": role})
    return user


def authenticate_user(session: Session, username: str, password: str) -> User | None:
    """The active user with this name and password, or None (same cost whether or not it exists)."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None or not user.active:
        _hasher.hash(password)  # keep timing similar for unknown users
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.last_login_at = utcnow()
    return user


def set_password(session: Session, user: User, password: str, actor: str) -> None:
    if len(password) < 10:
        raise InputError("password must have at least 10 characters")
    user.password_hash = _hasher.hash(password)
    audit(session, actor, "user.password", detail={"username": user.username})


def set_role(session: Session, user: User, role: str, actor: str) -> None:
    if role not in ROLES:
        raise InputError(f"role {role!r} is unknown; use one of {', '.join(ROLES)}")
    old, user.role = user.role, role
    audit(session, actor, "user.role", detail={"username": user.username, "from": old, "to": role})


def set_active(session: Session, user: User, active: bool, actor: str) -> None:
    user.active = active
    audit(session, actor, "user.activate" if active else "user.deactivate",
          detail={"username": user.username})


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def get_user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def user_principal(user: User) -> Principal:
    return Principal(actor=f"user:{user.username}", scopes=ROLE_SCOPES[user.role], role=user.role,
                     user_pk=user.pk)


# ---- console sessions ----------------------------------------------------------------------

def start_console_session(session: Session, user: User) -> tuple[str, str]:
    """A new login: returns (cookie token, CSRF token). Only the token's sha256 is stored."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(ConsoleSession(token_hash=_sha256(token), user_pk=user.pk, csrf_token=csrf,
                               created_at=now, expires_at=now + SESSION_LIFETIME))
    audit(session, f"user:{user.username}", "user.login")
    return token, csrf


def console_session_user(session: Session, token: str) -> tuple[User, ConsoleSession] | None:
    """The user and session behind a cookie token, if the session is live and the user active."""
    if not token:
        return None
    row = session.get(ConsoleSession, _sha256(token))
    if row is None or row.expires_at <= utcnow():
        return None
    user = session.get(User, row.user_pk)
    if user is None or not user.active:
        return None
    return user, row


def end_console_session(session: Session, token: str) -> None:
    row = session.get(ConsoleSession, _sha256(token))
    if row is not None:
        session.delete(row)
        session.flush()


# ---- API keys ------------------------------------------------------------------------------

def parse_scopes(text: str | list[str]) -> list[str]:
    scopes = [s.strip() for s in (text.split(",") if isinstance(text, str) else text) if s.strip()]
    unknown = sorted(set(scopes) - set(SCOPES))
    if not scopes or unknown:
        raise InputError(f"scopes {unknown or '(none)'} are not valid; use some of {', '.join(SCOPES)}")
    return [s for s in SCOPES if s in scopes]


def create_api_key(session: Session, name: str, scopes: str | list[str], actor: str = "cli") -> str:
    """A new key ``dtk_<prefix>_<secret>``; returned once, stored as its SHA-256 only."""
    chosen = parse_scopes(scopes)
    prefix = secrets.token_hex(4)
    key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    session.add(ApiKey(prefix=prefix, key_hash=_sha256(key), name=name or prefix,
                       scopes=",".join(chosen), created_at=utcnow()))
    audit(session, actor, "key.create", detail={"prefix": prefix, "name": name, "scopes": chosen})
    return key


def authenticate_key(session: Session, key: str, touch: bool = True) -> Principal | None:
    """The principal of a live API key, or None. Compares hashes in constant time.

    With ``touch`` the key's last use is recorded (at most once a minute); without it the
    session only reads, and :func:`key_use_is_stale` tells whether :func:`touch_api_key` is due.
    """
    principal = check_api_key(session.connection(), key)
    if principal is not None and touch and principal.touch_due:
        touch_api_key(session, principal.actor)  # coarse, so every request is not a write
        return replace(principal, touch_due=False)
    return principal


_KEY_ROW = select(ApiKey.key_hash, ApiKey.scopes, ApiKey.revoked_at, ApiKey.last_used_at).where(
    ApiKey.prefix == bindparam("prefix"))


def check_api_key(connection: Connection, key: str) -> Principal | None:
    """The principal of a live API key, or None, without touching it: one Core query on a
    connection (the API checks a key on every request, and an ORM session around one row cost
    more than the query)."""
    if not key.startswith(KEY_PREFIX) or key.count("_") < 2:
        return None
    prefix = key[len(KEY_PREFIX):].split("_", 1)[0]
    row = connection.execute(_KEY_ROW, {"prefix": prefix}).first()
    if row is None or row.revoked_at is not None or not hmac.compare_digest(row.key_hash, _sha256(key)):
        return None
    return Principal(actor=f"key:{prefix}", scopes=frozenset(row.scopes.split(",")),
                     touch_due=key_use_is_stale(row.last_used_at))


def key_use_is_stale(last_used_at: datetime | None) -> bool:
    return last_used_at is None or utcnow() - last_used_at > timedelta(minutes=1)


def touch_api_key(session: Session, actor: str) -> None:
    """Record that the key of ``actor`` ('key:PREFIX') was just used."""
    prefix = actor.removeprefix("key:")
    session.execute(update(ApiKey).where(ApiKey.prefix == prefix).values(last_used_at=utcnow()))


def list_api_keys(session: Session) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).order_by(ApiKey.created_at)))


def revoke_api_key(session: Session, prefix: str, actor: str) -> bool:
    row = session.scalar(select(ApiKey).where(ApiKey.prefix == prefix))
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = utcnow()
    audit(session, actor, "key.revoke", detail={"prefix": prefix})
    return True
