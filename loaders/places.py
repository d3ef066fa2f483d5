"""Loaders for regions, zones and named groups of regions."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from kg.namespaces import CNP
from kg.tables import Record
from loaders.base import Context, Loader, Triple

REGION_TYPES = frozenset(
    {
        "Country", "ProvinceLevelDivision", "Municipality", "City", "District",
        "DevelopmentZone", "HighTechZone", "DemonstrationZone", "IndustrialPark",
        "FreeTradeZone", "GeographicArea", "Prefecture",
    }
)
#: regions that need no ``part_of``: countries, and areas such as continents or blocs
TOP_LEVEL = frozenset({"Country", "GeographicArea"})
_GB2260 = re.compile(r"^[1-9]\d{5}$")
_ISO3166_1 = re.compile(r"^[A-Z]{2}$")
_PINYIN = re.compile(r"^[a-zü]+(?: [a-zü]+)*$")


def region_codes(record: Record, subject: URIRef) -> Iterable[Triple]:
    """GB/T 2260 and ISO 3166-1 codes and the pinyin romanisation a region record may carry."""
    code = record.get("gb2260")
    if code is not None:
        if not _GB2260.match(str(code)):
            raise record.error(f"gb2260 {code!r} is not a six-digit code", rule="bad-identifier")
        yield subject, CNP.gb2260Code, Literal(str(code))
    iso = record.get("iso3166_1")
    if iso is not None:
        if not _ISO3166_1.match(str(iso)):
            raise record.error(f"iso3166_1 {iso!r} is not a two-letter code", rule="bad-identifier")
        yield subject, CNP.iso3166Code, Literal(str(iso))
    pinyin = record.get("pinyin")
    if pinyin is not None:
        if not _PINYIN.match(str(pinyin)):
            raise record.error(f"pinyin {pinyin!r}: toneless syllables separated by spaces", rule="bad-value")
        yield subject, SKOS.altLabel, Literal(str(pinyin), lang="zh-Latn-pinyin")


class RegionLoader(Loader):
    table = "regions"
    kind = "region"
    types = REGION_TYPES

    def check(self, record: Record) -> None:
        super().check(record)
        if record.get("type") not in TOP_LEVEL and not record.get("part_of"):
            raise record.error("every region but a country or a geographic area needs part_of",
                               rule="required-field")

    def triples(self, record: Record, subject: URIRef, ctx: Context) -> Iterable[Triple]:
        for parent in ctx.refs(record, "part_of", ("regions",)):
            yield subject, CNP.partOf, parent
        yield from region_codes(record, subject)


class GroupLoader(Loader):
    table = "groups"
    kind = "group"
    types = frozenset({"RegionGroup"})
    required = ("name", "sources", "members")

    def triples(self, record: Record, subject: URIRef, ctx: Context) -> Iterable[Triple]:
        for member in ctx.refs(record, "members", ("regions",)):
            yield subject, CNP.hasMember, member
