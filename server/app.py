"""Application factory: ``create_app(config=None)`` builds the Flask app from a ServerConfig.

Configuration comes in explicitly or from ``KG_*`` environment variables, read when
the app is created (never at import time).
"""

from __future__ import annotations

from flask import Flask

from server import errors
from server.config import ServerConfig
from server.fastpath import ResponseCache
from server.state import install


def create_app(config: ServerConfig | None = None) -> Flask:
    config = config or ServerConfig.from_env()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = config.max_request_bytes
    app.config["JSON_SORT_KEYS"] = False
    app.json.ensure_ascii = False
    state = install(app, config)
    errors.register(app)

    from server import api, editor, linked_data, meta, sparql, update

    api.install(app, config.queries_dir)
    app.register_blueprint(api.bp)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(update.bp)
    app.register_blueprint(meta.bp)
    app.register_blueprint(linked_data.bp)
    app.register_blueprint(editor.bp)
    fast = ResponseCache(app.wsgi_app, state.store_path, config.cache_entries)
    app.extensions["kg_fastpath"] = fast
    app.wsgi_app = fast  # type: ignore[method-assign]
    return app
