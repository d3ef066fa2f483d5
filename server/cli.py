"""``kg serve``: the endpoint under gunicorn (threaded workers), on 127.0.0.1:8000 by default."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.config import Config
from kg.saved import load_catalogue
from server.config import ServerConfig


def cmd_serve(args: argparse.Namespace) -> int:
    from gunicorn.app.base import BaseApplication

    from server.app import create_app
    from server.state import ServerState

    overrides = {
        "store": args.store or Config.from_env().store, "host": args.host, "port": args.port,
        "workers": args.workers, "threads": args.threads, "timeout": args.timeout,
        "query_workers": args.query_workers, "max_rows": args.max_rows,
    }
    config = ServerConfig.from_env(**{k: v for k, v in overrides.items() if v is not None})
    ServerState(config).version()  # fail now, with one line, if there is no store
    load_catalogue(Path(config.queries_dir))  # ... or if a saved query's header is bad

    class Application(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{config.host}:{config.port}")
            self.cfg.set("workers", config.workers)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", config.threads)
            self.cfg.set("timeout", int(config.timeout) + 30)
            self.cfg.set("graceful_timeout", 10)
            self.cfg.set("keepalive", 5)
            self.cfg.set("accesslog", "-" if args.access_log else None)
            self.cfg.set("loglevel", "warning")

        def load(self):
            app = create_app(config)
            _ = app.extensions["kg"].pool  # start this worker's query processes now, not on the first request
            return app

    url = f"http://{config.host}:{config.port}/"
    print(f"Serving the China Tech-Policy KG at {url}  (SPARQL endpoint: {url}sparql; "
          f"store {config.store}; {config.workers} workers; time limit {config.timeout:g} s)", flush=True)
    Application().run()
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("serve", parents=[common], help="serve the SPARQL endpoint, editor and linked data")
    p.add_argument("--host", help="interface to bind (default 127.0.0.1; $KG_HOST)")
    p.add_argument("--port", type=int, help="port (default 8000; $KG_PORT)")
    p.add_argument("--workers", type=int, help="gunicorn worker processes (default 2)")
    p.add_argument("--threads", type=int, help="threads per worker (default 8)")
    p.add_argument("--query-workers", type=int, help="query processes per worker (default 2)")
    p.add_argument("--timeout", type=float, help="per-query time limit in seconds (default 30)")
    p.add_argument("--max-rows", type=int, help="result row limit (default 100000)")
    p.add_argument("--access-log", action="store_true", help="log every request to stderr")
    p.set_defaults(func=cmd_serve)


