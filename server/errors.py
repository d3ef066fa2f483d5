"""One error shape for the whole HTTP API: ``{"error": ..., "rule": ...}`` with the right status."""

from __future__ import annotations

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from kg.errors import KGError

DRAIN_LIMIT = 64 * 1024 * 1024


def _drain(environ: dict) -> None:
    """Read (and drop) a too-large body, up to a cap, so the client sees the 413 instead of a reset."""
    try:
        remaining = min(int(environ.get("CONTENT_LENGTH") or 0), DRAIN_LIMIT)
    except ValueError:
        return
    stream = environ.get("wsgi.input")
    while stream is not None and remaining > 0:
        chunk = stream.read(min(remaining, 65536))
        if not chunk:
            break
        remaining -= len(chunk)



def register(app: Flask) -> None:
    @app.errorhandler(KGError)
    def _kg_error(exc: KGError):
        response = jsonify(exc.to_dict())
        response.status_code = exc.status
        if exc.status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="cnpolicy"'
        if exc.status == 503:
            response.headers["Retry-After"] = "5"
        return response

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(exc: RequestEntityTooLarge):
        _drain(request.environ)
        limit = app.config.get("MAX_CONTENT_LENGTH")
        response = jsonify({"error": f"request body larger than {limit} bytes", "rule": "too-large"})
        response.status_code = 413
        response.headers["Connection"] = "close"
        return response

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        response = jsonify({"error": exc.description or exc.name, "rule": exc.name.lower().replace(" ", "-")})
        response.status_code = exc.code or 500
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        app.logger.exception("unhandled error")
        response = jsonify({"error": "internal server error", "rule": "internal"})
        response.status_code = 500
        return response
