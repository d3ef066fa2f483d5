"""Report ingestion: Korean reports on Chinese S&T policy → mentions, facts and provenance in the KG.

Stages, one module each: ``text`` (reading, encodings, normalisation; ``markup`` for HTML
and PDF), ``sentences``, ``numbers`` (Korean amounts, counts, percentages, years, dates),
``gazetteer`` (curated names from the store), ``mentions`` (with ``titles`` for policy
titles), ``relations``, ``rdf``
(named graph per document with Web Annotation provenance), ``pipeline`` (the run and
the store write), ``review`` (proposals as YAML suggestions) and ``evaluate`` (scores
against the gold annotations in ``tests/gold``). Word lists live in ``lexicon``, the
records passed between stages in ``model``.
"""

from loaders.ingest.pipeline import doc_id_for, extract, extract_source, ingest, ingest_graph

__all__ = ["doc_id_for", "extract", "extract_source", "ingest", "ingest_graph"]
