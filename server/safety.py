"""Checks made before a query runs: SERVICE targets on the allowlist, no LOAD, sizes.

pyoxigraph would fetch a SERVICE target by itself, so the text of every query is
scanned for SERVICE clauses first. Comments, string literals and IRIs are lexed
so that the word SERVICE inside them does not count, and prefixed names are
expanded with the query's own PREFIX declarations. Anything that cannot be shown
to point at an allowlisted endpoint (a variable, an unknown prefix) is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from kg.errors import KGError

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>  # noqa: E501
    '''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
  | (?P<pname>[A-Za-z][\w.-]*:[\w.:%-]*|:[\w.:%-]*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>\S)
    """,
    re.VERBOSE,
)


def tokens(text: str) -> Iterable[tuple[str, str]]:
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind != "comment":
            yield kind, m.group()


def _prefixes(toks: list[tuple[str, str]], defaults: Mapping[str, str]) -> dict[str, str]:
    found = dict(defaults)
    for i, (kind, value) in enumerate(toks):
        if kind == "word" and value.upper() == "PREFIX" and i + 2 < len(toks):
            name, iri = toks[i + 1][1], toks[i + 2]
            if iri[0] == "iri":
                found[name.rstrip(":")] = iri[1][1:-1]
    return found


def service_targets(text: str, defaults: Mapping[str, str] | None = None) -> list[str | None]:
    """The endpoints a query's SERVICE clauses name; None for one that cannot be resolved."""
    toks = list(tokens(text))
    prefixes = _prefixes(toks, defaults or {})
    targets: list[str | None] = []
    for i, (kind, value) in enumerate(toks):
        if kind != "word" or value.upper() != "SERVICE":
            continue
        j = i + 1
        if j < len(toks) and toks[j][0] == "word" and toks[j][1].upper() == "SILENT":
            j += 1
        if j >= len(toks):
            targets.append(None)
            continue
        tkind, tvalue = toks[j]
        if tkind == "iri":
            targets.append(tvalue[1:-1])
        elif tkind == "pname":
            prefix, _, local = tvalue.partition(":")
            targets.append(prefixes[prefix] + local if prefix in prefixes else None)
        else:
            targets.append(None)
    return targets


def check_query(text: str, allowlist: Iterable[str], defaults: Mapping[str, str] | None = None) -> None:
    allowed = set(allowlist)
    for target in service_targets(text, defaults):
        if target is None:
            raise KGError("SERVICE with a variable or unresolvable endpoint is not allowed",
                          rule="service-refused", status=403)
        if target not in allowed:
            raise KGError(f"SERVICE <{target}> is not on this server's allowlist (federation is off "
                          "unless configured with KG_SERVICE_ALLOWLIST)", rule="service-refused", status=403)


def check_update(text: str, allowlist: Iterable[str], defaults: Mapping[str, str] | None = None) -> None:
    for kind, value in tokens(text):
        if kind == "word" and value.upper() == "LOAD":
            raise KGError("LOAD is refused: this server never fetches remote data", rule="load-refused",
                          status=403)
    check_query(text, allowlist, defaults)
