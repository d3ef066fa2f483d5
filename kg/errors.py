"""The one error type for user-facing failures (bad data, bad query, bad configuration).

Anything a user can cause and fix is raised as :class:`KGError`; the command line
prints it as one line and exits non-zero, the HTTP layer turns it into one JSON shape.
Programming errors stay ordinary exceptions with tracebacks.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class KGError(Exception):
    """A failure the user can act on. ``where`` is ``file:line`` when known."""

    message: str
    where: str | None = None
    record: str | None = None
    rule: str | None = None
    status: int = 400

    def __str__(self) -> str:
        parts = []
        if self.where:
            parts.append(self.where)
        if self.record:
            parts.append(f"record {self.record!r}")
        if self.rule:
            parts.append(f"[{self.rule}]")
        prefix = " ".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"error": self.message}
        for key in ("where", "record", "rule"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out
