"""Loaders for regions, zones and named groups of regions."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef

from kg.namespaces import CNP
from kg.tables import Record
from loaders.base import Context, Loader, Triple

REGION_TYPES = frozenset(
    {
        "Country", "ProvinceLevelDivision", "Municipality", "City", "District",
        "DevelopmentZone", "HighTechZone", "DemonstrationZone", "IndustrialPark",
        "FreeTradeZone", "GeographicArea",
    }
)


class RegionLoader(Loader):
    table = "regions"
    kind = "region"
    types = REGION_TYPES

    def check(self, record: Record) -> None:
        super().check(record)
        if record.get("type") != "Country" and not record.get("part_of"):
            raise record.error("every region but a country needs part_of", rule="required-field")

    def triples(self, record: Record, subject: URIRef, ctx: Context) -> Iterable[Triple]:
        for parent in ctx.refs(record, "part_of", ("regions",)):
            yield subject, CNP.partOf, parent


class GroupLoader(Loader):
    table = "groups"
    kind = "group"
    types = frozenset({"RegionGroup"})
    required = ("name", "sources", "members")

    def triples(self, record: Record, subject: URIRef, ctx: Context) -> Iterable[Triple]:
        for member in ctx.refs(record, "members", ("regions",)):
            yield subject, CNP.hasMember, member
