"""An HTTP protocol class for server worker processes that turns Nagle's algorithm off.

asyncio sets ``TCP_NODELAY`` on a connection only when its listening socket reports the TCP
protocol number; the socket uvicorn hands to spawned worker processes may report 0, and a
response written in two parts then waits for the client's delayed ACK (about 40 ms a request
under ``detector serve --workers N``). Setting the option on each new connection removes that.
"""

from __future__ import annotations

import socket

from uvicorn.protocols.http.h11_impl import H11Protocol


class NoDelayH11Protocol(H11Protocol):
    def connection_made(self, transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass
        super().connection_made(transport)
