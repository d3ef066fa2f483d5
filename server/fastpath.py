"""A WSGI layer in front of Flask that answers repeated read requests from memory.

The served store changes only when a new version is swapped in (a rebuild or an
authorised write), so a whole HTTP response to ``GET``/``POST /sparql`` or
``GET /api/queries/...`` stays valid until the store symlink points elsewhere.
Keys are method, path, query string, ``Accept`` and (for POST) the body; an entry
remembers the store version it was computed on and is ignored once that changes.
A hit costs one ``readlink`` and a dictionary lookup, and never reaches Flask.
"""

from __future__ import annotations

import io
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

CACHEABLE_PATHS = ("/sparql", "/api/queries/")
MAX_BODY = 64 * 1024
MAX_ENTRY = 2 * 1024 * 1024

Entry = tuple[str, str, list[tuple[str, str]], bytes]  # version, status, headers, body


class ResponseCache:
    def __init__(self, app: Callable, store_path: Path, size: int) -> None:
        self.app = app
        self.store_path = str(store_path)
        self.size = size
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0

    def _version(self) -> str | None:
        try:
            return os.readlink(self.store_path)
        except OSError:
            pass
        try:  # a plain store directory: RocksDB rewrites CURRENT whenever the store changes
            return f"dir:{os.stat(os.path.join(self.store_path, 'CURRENT')).st_mtime_ns}"
        except OSError:
            return None  # missing store: never cache

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "")
        path = environ.get("PATH_INFO", "")
        if self.size <= 0 or method not in ("GET", "POST") or not path.startswith(CACHEABLE_PATHS):
            return self.app(environ, start_response)
        if method == "POST" and path != "/sparql":
            return self.app(environ, start_response)
        body = b""
        if method == "POST":
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return self.app(environ, start_response)
            if length > MAX_BODY:
                return self.app(environ, start_response)
            body = environ["wsgi.input"].read(length) if length else b""
            environ["wsgi.input"] = io.BytesIO(body)
        version = self._version()
        if version is None:
            return self.app(environ, start_response)
        key = (method, path, environ.get("QUERY_STRING", ""), environ.get("HTTP_ACCEPT", ""),
               environ.get("CONTENT_TYPE", ""), body)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] == version:
                self._entries.move_to_end(key)
                self.hits += 1
                start_response(entry[1], entry[2])
                return [entry[3]]
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable:
            captured["status"], captured["headers"] = status, headers
            return start_response(status, headers, exc_info) if exc_info else (lambda data: None)

        result = self.app(environ, capture)
        try:
            payload = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        status, headers = captured["status"], list(captured["headers"])
        if status.startswith("200") and len(payload) <= MAX_ENTRY and self._version() == version:
            with self._lock:
                self._entries[key] = (version, status, headers, payload)
                self._entries.move_to_end(key)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        start_response(status, headers)
        return [payload]
