"""Loaders: one per curated table, each turning records into RDF quads.

``LOADERS`` is the build order; the order matters only for which graph keeps a
triple stated by two tables (the first one wins, the second is dropped as a
duplicate).
"""

from loaders.activities import EventLoader
from loaders.agents import BodyLoader, CompanyLoader, FundLoader, InstitutionLoader, PersonLoader
from loaders.base import Context, Loader
from loaders.concepts import IndicatorLoader, SectorLoader, SectorMentionLoader
from loaders.curation import DiscrepancyLoader, LinkLoader
from loaders.documents import DocumentLoader, SourceLoader
from loaders.figures import FactLoader, IncentiveLoader
from loaders.places import GroupLoader, RegionLoader
from loaders.reference import (
    ReferenceBodyLoader,
    ReferenceCompanyLoader,
    ReferenceCountyLoader,
    ReferenceDistrictLoader,
    ReferenceInstitutionLoader,
    ReferenceListLoader,
    ReferenceRegionLoader,
)

LOADERS: tuple[Loader, ...] = (
    SourceLoader(),
    ReferenceListLoader(),
    RegionLoader(),
    GroupLoader(),
    BodyLoader(),
    InstitutionLoader(),
    CompanyLoader(),
    FundLoader(),
    PersonLoader(),
    SectorLoader(),
    IndicatorLoader(),
    DocumentLoader(),
    EventLoader(),
    FactLoader(),
    IncentiveLoader(),
    SectorMentionLoader(),
    DiscrepancyLoader(),
    LinkLoader(),
    # reference tables come last: a triple a curated table states stays in the report's graph
    ReferenceRegionLoader(),
    ReferenceCountyLoader(),
    ReferenceDistrictLoader(),
    ReferenceBodyLoader(),
    ReferenceInstitutionLoader(),
    ReferenceCompanyLoader(),
)

#: tables whose records have no ``id`` of their own
UNINDEXED = frozenset({"sector_mentions", "links"})

__all__ = ["LOADERS", "UNINDEXED", "Context", "Loader"]
