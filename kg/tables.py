"""Reading the curated YAML tables, keeping file and line of every record for error messages."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.errors import KGError


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that remembers the line each mapping starts on."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass(frozen=True)
class Record:
    """One record of a table, with where it came from."""

    table: str
    path: Path
    line: int
    data: Mapping[str, Any] = field(repr=False)
    display: str = ""  # the file as users name it, e.g. "data/reference/regions.yaml"

    @property
    def id(self) -> str | None:
        value = self.data.get("id")
        return str(value) if value is not None else None

    @property
    def file(self) -> str:
        return self.display or f"data/{self.path.name}"

    @property
    def where(self) -> str:
        return f"{self.file.removeprefix('data/')}:{self.line}"

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def __contains__(self, key: str) -> bool:
        return key in self.data

    def error(self, message: str, rule: str) -> KGError:
        return KGError(message, where=f"{self.file}:{self.line}", record=self.id, rule=rule)

    def keys(self) -> list[str]:
        return [k for k in self.data if k != "__line__"]


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def read_table(path: Path, display: str | None = None) -> list[Record]:
    """Parse one table; a YAML syntax error becomes a KGError naming file and line.

    ``display`` is how messages name the file (default ``data/<file name>``)."""
    name = path.stem
    shown = display or f"data/{path.name}"
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise KGError(f"not valid UTF-8 ({exc.reason})", where=shown, rule="yaml") from None
    try:
        doc = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise KGError(f"invalid YAML: {problem}", where=f"{shown}{line}", rule="yaml") from None
    if doc is None:
        return []
    if not isinstance(doc, list):
        raise KGError("a table must be a YAML list of records", where=f"{shown}:1", rule="yaml")
    records = []
    for item in doc:
        if not isinstance(item, dict):
            raise KGError("every record must be a mapping", where=shown, rule="yaml")
        line = int(item.get("__line__", 0))
        records.append(Record(name, path, line, _strip_lines(item), display or ""))
    return records


def iter_tables(data_dir: Path, names: list[str]) -> Iterator[tuple[str, list[Record]]]:
    for name in names:
        path = data_dir / f"{name}.yaml"
        if not path.exists():
            raise KGError("table is missing", where=f"data/{path.name}", rule="table-missing")
        yield name, read_table(path)
