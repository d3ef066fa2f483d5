"""What the app shares between requests: configuration, the query pool, the result cache.

The served store path is a symlink that ``kg build`` (or an authorised update)
replaces atomically. Each request resolves it once; queries already running keep
the version they started on, and cached results are keyed by version, so a
rebuild invalidates the cache without any signalling.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, current_app

from kg.errors import KGError
from server.config import ServerConfig
from server.executor import Answer, Job, QueryPool


@dataclass
class ResultCache:
    size: int
    _data: OrderedDict[tuple, Answer] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    hits: int = 0

    def get(self, key: tuple) -> Answer | None:
        with self._lock:
            answer = self._data.get(key)
            if answer is not None:
                self._data.move_to_end(key)
                self.hits += 1
            return answer

    def put(self, key: tuple, answer: Answer) -> None:
        if self.size <= 0 or len(answer.body) > 4_000_000:
            return
        with self._lock:
            self._data[key] = answer
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)


class ServerState:
    def __init__(self, config: ServerConfig):
        self.config = config
        self.store_path = Path(config.store).absolute()
        self._pool: QueryPool | None = None
        self._pool_lock = threading.Lock()
        self.cache = ResultCache(config.cache_entries)
        self.write_lock = threading.Lock()

    @property
    def pool(self) -> QueryPool:
        # created lazily so that each gunicorn worker process gets its own children
        if self._pool is None:
            with self._pool_lock:
                if self._pool is None:
                    self._pool = QueryPool(self.config.query_workers, timeout=self.config.timeout)
        return self._pool

    def version(self) -> str:
        real = os.path.realpath(self.store_path)
        if not os.path.exists(os.path.join(real, "CURRENT")):
            raise KGError(f"no store at {self.store_path}; run `kg build` first", rule="no-store", status=503)
        return real

    def run(self, job: Job) -> Answer:
        key = (job.store, job.query, job.select_formats, job.graph_formats, job.union, job.default_graphs,
               job.named_graphs, job.substitutions, job.max_rows, job.prefixes)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        answer = self.pool.run(job)
        if answer.status == 200:
            self.cache.put(key, answer)
        return answer

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()


def state() -> ServerState:
    return current_app.extensions["kg"]


def install(app: Flask, config: ServerConfig) -> ServerState:
    st = ServerState(config)
    app.extensions["kg"] = st
    return st
