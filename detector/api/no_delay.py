"""HTTP protocol classes for the server that turn Nagle's algorithm off.

asyncio sets ``TCP_NODELAY`` on a connection only when its listening socket reports the TCP
protocol number; the socket uvicorn hands to spawned worker processes may report 0, and a
response written in two parts then waits for the client's delayed ACK (about 40 ms a request
under ``detector serve --workers N``). Setting the option on each new connection removes that.

:func:`http_protocol` picks the httptools parser (C) when it is installed (a main dependency):
h11, pure Python, cost ~0.3 ms of the event loop's CPU per request more under load.
"""

from __future__ import annotations

import socket

from uvicorn.protocols.http.h11_impl import H11Protocol


def _no_delay(transport) -> None:
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass


class NoDelayH11Protocol(H11Protocol):
    def connection_made(self, transport) -> None:  # type: ignore[override]
        _no_delay(transport)
        super().connection_made(transport)


try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # httptools not installed
    HttpToolsProtocol = None  # type: ignore[assignment,misc]

if HttpToolsProtocol is not None:

    class NoDelayHttpToolsProtocol(HttpToolsProtocol):  # module level: worker processes unpickle it
        def connection_made(self, transport) -> None:  # type: ignore[override]
            _no_delay(transport)
            super().connection_made(transport)


def http_protocol() -> type:
    """The protocol class for ``uvicorn.run(http=...)``: httptools if importable, else h11."""
    return NoDelayHttpToolsProtocol if HttpToolsProtocol is not None else NoDelayH11Protocol
