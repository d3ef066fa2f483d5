"""Loader for events (meetings, launches, signings), projects and programmes."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef

from kg.namespaces import CNP
from kg.tables import Record
from loaders.agents import ORGANISATIONS
from loaders.base import Context, Loader, Triple, date_literal, decimal_literal, reported_krw

EVENT_TYPES = frozenset({"Meeting", "Conference", "Launch", "Signing"})
PROJECT_TYPES = frozenset({"Project", "Programme"})
ANYTHING = ()  # outcomes may be documents, organisations, projects, funds ...


class EventLoader(Loader):
    table = "events"
    types = EVENT_TYPES | PROJECT_TYPES

    def kind_of(self, record: Record) -> str:
        return "project" if record.get("type") in PROJECT_TYPES else "event"

    def triples(self, record: Record, subject: URIRef, ctx: Context) -> Iterable[Triple]:
        if record.get("date") is not None:
            yield subject, CNP.eventDate, date_literal(record, "date", record.get("date"))
        for place in ctx.refs(record, "location", ("regions",)):
            yield subject, CNP.location, place
        for sector in ctx.refs(record, "sectors", ("sectors",)):
            yield subject, CNP.focusSector, sector
        is_event = record.get("type") in EVENT_TYPES
        if not is_event:
            for field in ("organizers", "participants", "outcomes"):
                if record.get(field):
                    raise record.error(f"a {record.get('type')} has no {field}; use owner", rule="bad-value")
        for org in ctx.refs(record, "organizers", ORGANISATIONS):
            yield subject, CNP.organizer, org
        for who in ctx.refs(record, "participants", (*ORGANISATIONS, "people")):
            yield subject, CNP.participant, who
        for out in ctx.refs(record, "outcomes", ANYTHING):
            yield subject, CNP.outcome, out
        if record.get("owner") is not None:
            if is_event:
                raise record.error("an event has organizers, not an owner", rule="bad-value")
            for owner in ctx.refs(record, "owner", (*ORGANISATIONS, "people")):
                yield subject, CNP.owner, owner
        investment = record.get("investment")
        if investment is not None:
            if is_event or not isinstance(investment, dict):
                raise record.error("investment belongs to projects and needs value and unit", rule="bad-value")
            yield subject, CNP.investmentAmount, decimal_literal(record, "investment.value", investment.get("value"))
            yield subject, CNP.unit, ctx.unit(record, investment.get("unit"))
        yield from reported_krw(record, subject)
