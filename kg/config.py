"""Configuration: defaults, overridden by ``KG_*`` environment variables, overridden by arguments.

Nothing is read at import time; callers build a :class:`Config` when they start.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Config:
    store: str = str(REPO_ROOT / "var" / "store")
    data_dir: Path = REPO_ROOT / "data"
    ontology_dir: Path = REPO_ROOT / "ontology"
    queries_dir: Path = REPO_ROOT / "queries"
    corpus_dir: Path | None = None
    token: str | None = None
    reasoner: str = "hermit"
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Config:
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        if env.get("KG_STORE"):
            values["store"] = env["KG_STORE"]
        for key in ("data_dir", "ontology_dir", "queries_dir", "corpus_dir"):
            name = "KG_" + key.upper().replace("_DIR", "")
            if env.get(name):
                values[key] = Path(env[name])
        if env.get("KG_TOKEN"):
            values["token"] = env["KG_TOKEN"]
        if env.get("KG_REASONER"):
            values["reasoner"] = env["KG_REASONER"]
        values.update({k: v for k, v in overrides.items() if v is not None})
        config = cls(**values)
        if config.corpus_dir is None:
            sibling = REPO_ROOT.parent / "shared" / "corpus"
            if sibling.is_dir():
                config = replace(config, corpus_dir=sibling)
        return config
