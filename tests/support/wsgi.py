"""Requests to a WSGI app in-process (the product's own caller, handlers/console/wsgi.py), and
a body that counts what the app read of it."""

from __future__ import annotations

from handlers.console.wsgi import Response, call, call_stream

__all__ = ["CountingStream", "Response", "call", "call_stream"]


class CountingStream:
    """A request body of ``size`` bytes (None: endless) that counts what the app read."""

    def __init__(self, size: int | None) -> None:
        self.left = size
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        wanted = size if size >= 0 else self.left
        if wanted is None:
            raise AssertionError("the app tried to read an endless body to its end")
        count = wanted if self.left is None else min(wanted, self.left)
        if self.left is not None:
            self.left -= count
        self.read_bytes += count
        return b"x" * count
