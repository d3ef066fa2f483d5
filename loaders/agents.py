"""Loaders for government bodies, institutions, companies, funds and people."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef

from kg.namespaces import CNP, entity
from kg.tables import Record
from loaders.base import Context, Loader, Triple, date_literal, decimal_literal, lang_literals, reported_krw

ORGANISATIONS = ("bodies", "institutions", "companies")
LEVELS = ("national", "provincial", "municipal", "district", "zone")


class BodyLoader(Loader):
    table = "bodies"
    kind = "body"
    types = frozenset({"GovernmentBody", "Legislature"})
    required = ("name", "sources", "level", "jurisdiction")

    def check(self, record: Record) -> None:
        super().check(record)
        if record.get("level") not in LEVELS:
            raise record.error(f"level must be one of {', '.join(LEVELS)}", rule="bad-value")

    def triples(self, record: Record, subject: URIRef, ctx: Context) -> Iterable[Triple]:
        yield subject, CNP.administrativeLevel, entity("level", record.get("level"))
        yield subject, CNP.jurisdiction, ctx.ref(record, "jurisdiction", record.get("jurisdiction"), ("regions",))
        for parent in ctx.refs(record, "parent", ORGANISATIONS):
            yield subject, CNP.parentOrganization, parent


def organisation_triples(record: Record, subject: URIRef, ctx: Context) -> Iterable[Triple]:
    """Fields shared by institutions, companies and funds."""
    for place in ctx.refs(record, "location", ("regions",)):
        yield subject, CNP.location, place
    if record.get("founded") is not None:
        yield subject, CNP.foundingDate, date_literal(record, "founded", record.get("founded"))
    for founder in ctx.refs(record, "founders", (*ORGANISATIONS, "people")):
        yield subject, CNP.foundedBy, founder
    for operator in ctx.refs(record, "operator", ORGANISATIONS):
        yield subject, CNP.operatedBy, operator
    for sector in ctx.refs(record, "sectors", ("sectors",)):
        yield subject, CNP.focusSector, sector


class InstitutionLoader(Loader):
    table = "institutions"
    kind = "org"
    types = frozenset(
        {
            "University", "ResearchInstitute", "Laboratory", "InnovationCentre",
            "ComputingCentre", "CooperationCentre", "Alliance",
        }
    )

    def triples(self, record: Record, subject: URIRef, ctx: Context) -> Iterable[Triple]:
        yield from organisation_triples(record, subject, ctx)
        for parent in ctx.refs(record, "parent", ORGANISATIONS):
            yield subject, CNP.parentOrganization, parent


class CompanyLoader(InstitutionLoader):
    table = "companies"
    types = frozenset({"Company"})


class FundLoader(Loader):
    table = "funds"
    kind = "fund"
    types = frozenset({"Fund"})

    def triples(self, record: Record, subject: URIRef, ctx: Context) -> Iterable[Triple]:
        yield from organisation_triples(record, subject, ctx)
        for place in ctx.refs(record, "region", ("regions",)):
            yield subject, CNP.location, place
        size = record.get("size")
        if size is not None:
            if not isinstance(size, dict) or "value" not in size or "unit" not in size:
                raise record.error("size needs value and unit", rule="bad-value")
            yield subject, CNP.fundSize, decimal_literal(record, "size.value", size["value"])
            yield subject, CNP.unit, ctx.unit(record, size["unit"])
        yield from reported_krw(record, subject)


class PersonLoader(Loader):
    table = "people"
    kind = "person"
    types = frozenset({"Person"})

    def triples(self, record: Record, subject: URIRef, ctx: Context) -> Iterable[Triple]:
        for role in lang_literals(record, "role"):
            yield subject, CNP.roleTitle, role
        for org in ctx.refs(record, "affiliation", ORGANISATIONS):
            yield subject, CNP.affiliation, org
