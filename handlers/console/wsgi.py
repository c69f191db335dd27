"""Drive a WSGI app in-process, the way gunicorn would hand it a request: how the console
(and the tests) reach the bot's WSGI front, handlers/web.py."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any
from wsgiref.util import setup_testing_defaults


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    text: str

    def json(self) -> Any:
        return json.loads(self.text) if self.text else None


def call(
    app: Any,
    method: str,
    path: str,
    body: str | bytes = "",
    headers: dict[str, str] | None = None,
) -> Response:
    raw = body.encode() if isinstance(body, str) else body
    return call_stream(app, method, path, io.BytesIO(raw), str(len(raw)), headers)


def call_stream(
    app: Any,
    method: str,
    path: str,
    stream: Any,
    content_length: str | None,
    headers: dict[str, str] | None = None,
) -> Response:
    """A request whose body is ``stream``; no ``content_length`` means a chunked body,
    which the server ends by itself (PEP 3333's ``wsgi.input_terminated``, as gunicorn)."""
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "wsgi.input": stream,
    }
    if content_length is None:
        environ["wsgi.input_terminated"] = True
    else:
        environ["CONTENT_LENGTH"] = content_length
    for name, value in (headers or {}).items():
        key = name.upper().replace("-", "_")
        if key == "CONTENT_TYPE":
            environ["CONTENT_TYPE"] = value
        else:
            environ[f"HTTP_{key}"] = value
    setup_testing_defaults(environ)
    captured: dict[str, Any] = {}

    def start_response(status: str, response_headers: list[tuple[str, str]], *_: Any) -> None:
        captured["status"] = int(status.split()[0])
        captured["headers"] = dict(response_headers)

    chunks = app(environ, start_response)
    text = b"".join(chunks).decode()
    return Response(captured["status"], captured["headers"], text)
