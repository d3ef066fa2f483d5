"""One error shape for the whole HTTP API: ``{"error": ..., "rule": ...}`` with the right status."""

from __future__ import annotations

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from kg.errors import KGError


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
