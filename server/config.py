"""Server configuration: defaults, then ``KG_*`` environment variables, then explicit values."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from kg.config import Config


def _bool(text: str) -> bool:
    return text.strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class ServerConfig:
    store: str = Config().store
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 2
    threads: int = 8
    query_workers: int = 2
    timeout: float = 30.0
    max_rows: int = 100_000
    max_request_bytes: int = 1_000_000
    cache_entries: int = 2048
    union_default_graph: bool = True
    service_allowlist: tuple[str, ...] = ()
    cors_origins: str = "*"
    token: str | None = None
    public_base: str = "https://w3id.org/cnpolicy/"
    queries_dir: str = str(Config().queries_dir)
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> ServerConfig:
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            name = "KG_" + f.name.upper()
            if f.name == "extra" or name not in env or env[name] == "":
                continue
            raw = env[name]
            if f.type in ("int",):
                values[f.name] = int(raw)
            elif f.type == "float":
                values[f.name] = float(raw)
            elif f.type == "bool":
                values[f.name] = _bool(raw)
            elif f.name == "service_allowlist":
                values[f.name] = tuple(x.strip() for x in raw.split(",") if x.strip())
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @property
    def writable(self) -> bool:
        return bool(self.token)
