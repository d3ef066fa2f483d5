"""Health and dataset description: ``/healthz`` and ``/.well-known/void``."""

from __future__ import annotations

import os

from flask import Blueprint, Response, current_app, jsonify, request

from server.description import void_description
from server.sparql import CORS_HEADERS
from server.state import state

bp = Blueprint("meta", __name__)


@bp.get("/healthz")
def healthz() -> Response:
    st = state()
    version = st.version()
    return jsonify({
        "status": "ok",
        "store": os.path.basename(version),
        "timeout_s": st.config.timeout,
        "max_rows": st.config.max_rows,
        "writable": st.config.writable,
        "cache_hits": st.cache.hits + current_app.extensions["kg_fastpath"].hits,
    })


@bp.get("/favicon.ico")
def favicon() -> Response:
    return Response(status=204)


@bp.get("/.well-known/void")
def void() -> Response:
    body, ctype = void_description(request.accept_mimetypes, request.args.get("format"))
    return Response(body, content_type=ctype, headers={**CORS_HEADERS, "Vary": "Accept"})
