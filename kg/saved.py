"""Saved queries: ``queries/*.rq`` with grlc-style ``#+`` YAML headers, loaded once and checked.

A file's header must parse and only use known keys; every parameter named in the
header must occur in the query; a SELECT must project its parameters (pyoxigraph
binds substitutions on projected variables only); a paginated query must not end
in its own LIMIT/OFFSET. A file that breaks any rule stops start-up with a message
naming the file, instead of being exposed without its metadata.

Parameters follow grlc's naming: ``?_name`` is required, ``?__name`` optional; a
suffix gives the type (``_iri``, ``_integer``, ``_number``, ``_literal``,
``_xsd_date``, ``_xsd_gYear``, ``_boolean``) or a language (``_en``, ``_ko``, ``_zh``).
Values are turned into RDF terms and bound with pyoxigraph's ``substitutions`` —
never pasted into the query text. An optional parameter that is not given stays
unbound; since ``BOUND()`` does not see substituted values, filters on optional
parameters are written ``FILTER(COALESCE(?year = ?__year_integer, true))``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from kg.errors import KGError
from kg.namespaces import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
HEADER_KEYS = {"summary", "description", "tags", "defaults", "enumerate", "pagination", "examples"}
TYPES = {
    "iri": "IRI", "integer": "xsd:integer", "number": "xsd:decimal", "literal": "string",
    "xsd_date": "xsd:date", "xsd_gYear": "xsd:gYear", "boolean": "xsd:boolean",
}
LANGS = ("en", "ko", "zh")
_SUFFIXES = "iri|integer|number|literal|xsd_date|xsd_gYear|boolean|en|ko|zh"
_PARAM = re.compile(rf"\?(__?)([A-Za-z][A-Za-z0-9]*?)(?:_({_SUFFIXES}))?\b")
_FORM = re.compile(r"^\s*(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Parameter:
    name: str
    variable: str
    type: str  # a key of TYPES, or a language tag
    required: bool
    default: str | None = None
    enum: tuple[str, ...] = ()

    @property
    def lang(self) -> str | None:
        return self.type if self.type in LANGS else None

    def term(self, raw: str) -> ox.NamedNode | ox.Literal:
        """The RDF term for a raw value; a KGError (400) naming the parameter otherwise."""
        if self.enum and raw not in self.enum:
            raise self._bad(raw, "one of " + ", ".join(self.enum))
        kind = self.type
        try:
            if kind == "iri":
                if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", raw):
                    raise ValueError
                return ox.NamedNode(raw)
            if kind == "integer":
                if not re.fullmatch(r"[+-]?\d+", raw):
                    raise ValueError
                return ox.Literal(str(int(raw)), datatype=ox.NamedNode(XSD + "integer"))
            if kind == "number":
                number = Decimal(raw)
                if not number.is_finite():
                    raise ValueError
                return ox.Literal(format(number, "f"), datatype=ox.NamedNode(XSD + "decimal"))
            if kind == "xsd_date":
                dt.date.fromisoformat(raw)
                return ox.Literal(raw, datatype=ox.NamedNode(XSD + "date"))
            if kind == "xsd_gYear":
                if not re.fullmatch(r"\d{4}", raw):
                    raise ValueError
                return ox.Literal(raw, datatype=ox.NamedNode(XSD + "gYear"))
            if kind == "boolean":
                if raw not in ("true", "false"):
                    raise ValueError
                return ox.Literal(raw, datatype=ox.NamedNode(XSD + "boolean"))
            if self.lang:
                return ox.Literal(raw, language=self.lang)
            return ox.Literal(raw)
        except (ValueError, InvalidOperation):
            raise self._bad(raw, _EXPECT.get(kind, "text")) from None

    def _bad(self, raw: str, expected: str) -> KGError:
        shown = raw if len(raw) <= 60 else raw[:57] + "..."
        return KGError(f"parameter {self.name!r}: {shown!r} is not {expected}", rule="bad-parameter", status=400)


_EXPECT = {
    "iri": "an absolute IRI", "integer": "an integer", "number": "a number",
    "xsd_date": "a date YYYY-MM-DD", "xsd_gYear": "a year YYYY", "boolean": "true or false",
}


@dataclass(frozen=True)
class SavedQuery:
    name: str
    path: Path
    text: str
    form: str  # select | construct | ask | describe
    summary: str
    description: str
    tags: tuple[str, ...]
    params: tuple[Parameter, ...]
    pagination: int | None
    examples: tuple[tuple[tuple[str, str], ...], ...] = ()

    def param(self, name: str) -> Parameter | None:
        return next((p for p in self.params if p.name == name), None)

    def bindings(self, values: Mapping[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
        """Check the given values against the parameters and turn them into terms."""
        unknown = sorted(set(values) - {p.name for p in self.params} - {"page", "per_page", "format"})
        if unknown:
            raise KGError(f"unknown parameter {unknown[0]!r} for query {self.name!r}", rule="bad-parameter")
        out = {}
        for p in self.params:
            raw = values.get(p.name)
            if raw is None or raw == "":
                raw = p.default
            if raw is None:
                if p.required:
                    raise KGError(f"parameter {p.name!r} is required", rule="missing-parameter", status=400)
                continue
            out[p.variable] = p.term(str(raw))
        return out

    def paging(self, values: Mapping[str, str], *, always: bool) -> tuple[int, int] | None:
        """(page, per_page) from ``page``/``per_page`` values; ``always`` pages from page 1 when
        none is asked for (the Web API), otherwise a paginated query runs whole (the CLI)."""
        asked = "page" in values or "per_page" in values
        if not self.pagination:
            if asked:
                raise KGError(f"query {self.name!r} is not paginated", rule="bad-parameter")
            return None
        if not (asked or always):
            return None
        page = _positive(values, "page", 1)
        return page, min(_positive(values, "per_page", self.pagination), 10 * self.pagination)

    def page_text(self, page: int, per_page: int) -> str:
        return f"{self.text.rstrip()}\nLIMIT {per_page} OFFSET {(page - 1) * per_page}"

    def count_text(self) -> str:
        """The number of rows over all pages; parameters are projected (and grouped on) so
        that they can still be bound by substitution."""
        prologue, body = split_prologue(self.text)
        params = " ".join("?" + p.variable for p in self.params)
        group = f" GROUP BY {params}" if params else ""
        return f"{prologue}\nSELECT {params} (COUNT(*) AS ?total) WHERE {{\n{body}\n}}{group}"


def _positive(values: Mapping[str, str], key: str, default: int) -> int:
    raw = values.get(key)
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise KGError(f"parameter {key!r} must be a positive integer", rule="bad-parameter")
    return int(raw)


def split_prologue(text: str) -> tuple[str, str]:
    """(PREFIX/BASE declarations, the rest), for wrapping a query as a subquery."""
    match = _FORM.search(text)
    if match is None:
        return "", text
    return text[: match.start()], text[match.start():]


def _header(text: str) -> tuple[dict[str, Any], str]:
    lines = text.splitlines()
    header_lines = [ln[2:] for ln in lines if ln.startswith("#+")]
    body = "\n".join(ln for ln in lines if not ln.startswith("#+"))
    if not header_lines:
        return {}, body
    doc = yaml.safe_load("\n".join(header_lines)) or {}
    if not isinstance(doc, dict):
        raise ValueError("the #+ header must be a YAML mapping")
    return doc, body


def load_query(path: Path) -> SavedQuery:
    name = path.stem
    where = f"queries/{path.name}"
    text = path.read_text(encoding="utf-8")
    try:
        header, _ = _header(text)
    except (yaml.YAMLError, ValueError) as exc:
        raise KGError(f"invalid #+ header: {exc}", where=where, rule="saved-query-header") from None
    unknown = set(header) - HEADER_KEYS
    if unknown:
        raise KGError(f"unknown header key(s): {', '.join(sorted(unknown))}", where=where,
                      rule="saved-query-header")
    if not isinstance(header.get("summary"), str) or not header["summary"].strip():
        raise KGError("the header needs a summary", where=where, rule="saved-query-header")
    form_match = _FORM.search(_strip_comments(text))
    if form_match is None:
        raise KGError("not a SELECT, CONSTRUCT, ASK or DESCRIBE query", where=where, rule="saved-query")
    form = form_match.group(1).lower()
    defaults = _mapping(header.get("defaults"), where, "defaults")
    enums = _mapping(header.get("enumerate"), where, "enumerate")
    params: dict[str, Parameter] = {}
    for m in _PARAM.finditer(_strip_comments(text)):
        required = m.group(1) == "_"
        pname, ptype = m.group(2), m.group(3) or "literal"
        variable = m.group(0)[1:]
        if pname in params:
            if params[pname].variable != variable:
                raise KGError(f"parameter {pname!r} appears with two types", where=where, rule="saved-query")
            continue
        params[pname] = Parameter(
            name=pname, variable=variable, type=ptype, required=required,
            default=None if defaults.get(pname) is None else str(defaults[pname]),
            enum=tuple(str(v) for v in enums.get(pname, []) or ()),
        )
    for key in list(defaults) + list(enums):
        if key not in params:
            raise KGError(f"header names parameter {key!r}, which the query does not use", where=where,
                          rule="saved-query-header")
    if re.search(r"BOUND\s*\(\s*\?_", _strip_comments(text), re.IGNORECASE):
        raise KGError("BOUND() on a parameter is always false under substitution; test an optional parameter "
                      "with COALESCE(?x = ?__param, true)", where=where, rule="saved-query")
    pagination = header.get("pagination")
    if pagination is not None and (not isinstance(pagination, int) or pagination < 1):
        raise KGError("pagination must be a positive integer", where=where, rule="saved-query-header")
    if pagination and re.search(r"\b(LIMIT|OFFSET)\s+\d+\s*$", text.strip(), re.IGNORECASE):
        raise KGError("a paginated query must not end with its own LIMIT/OFFSET", where=where,
                      rule="saved-query-header")
    examples = tuple(tuple(sorted((str(k), str(v)) for k, v in ex.items())) for ex in header.get("examples") or [])
    query = SavedQuery(
        name=name, path=path, text=text, form=form, summary=header["summary"].strip(),
        description=str(header.get("description") or "").strip(),
        tags=tuple(str(t) for t in header.get("tags") or ()), params=tuple(params.values()),
        pagination=pagination, examples=examples,
    )
    _check_against_engine(query, where)
    return query


def _mapping(value: Any, where: str, key: str) -> dict[str, Any]:
    if value is None:
        return {}
    if isinstance(value, list):  # grlc writes lists of one-key mappings
        merged: dict[str, Any] = {}
        for item in value:
            if not isinstance(item, dict):
                raise KGError(f"{key} must be a mapping or a list of mappings", where=where,
                              rule="saved-query-header")
            merged.update(item)
        return merged
    if not isinstance(value, dict):
        raise KGError(f"{key} must be a mapping", where=where, rule="saved-query-header")
    return value


def _strip_comments(text: str) -> str:
    return "\n".join(re.sub(r"(^|\s)#.*$", "", ln) for ln in text.splitlines())


def _check_against_engine(query: SavedQuery, where: str) -> None:
    """Parse with pyoxigraph and try a binding of every parameter on an empty store."""
    store = ox.Store()
    sample = {p.variable: _sample(p) for p in query.params}
    try:
        store.query(query.text, prefixes=PREFIXES,
                    substitutions={ox.Variable(k): v for k, v in sample.items()} or None)
        if query.pagination and query.form == "select":
            store.query(query.count_text(), prefixes=PREFIXES,
                        substitutions={ox.Variable(k): v for k, v in sample.items()} or None)
    except SyntaxError as exc:
        raise KGError(f"SPARQL syntax error: {exc}", where=where, rule="saved-query") from None
    except RuntimeError as exc:
        raise KGError(f"parameters cannot be bound ({exc}); project them in the SELECT", where=where,
                      rule="saved-query") from None


def _sample(p: Parameter) -> ox.NamedNode | ox.Literal:
    return p.term({"iri": "urn:x", "integer": "1", "number": "1", "xsd_date": "2000-01-01",
                   "xsd_gYear": "2000", "boolean": "true"}.get(p.type, p.enum[0] if p.enum else "x"))


@dataclass(frozen=True)
class Catalogue:
    queries: tuple[SavedQuery, ...]

    def get(self, name: str) -> SavedQuery:
        for q in self.queries:
            if q.name == name:
                return q
        raise KGError(f"no saved query named {name!r}", rule="unknown-query", status=404)


def load_catalogue(directory: Path) -> Catalogue:
    if not directory.is_dir():
        return Catalogue(())
    return Catalogue(tuple(load_query(p) for p in sorted(directory.glob("*.rq"))))
