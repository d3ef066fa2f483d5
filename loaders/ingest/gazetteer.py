"""The gazetteer: every curated name in the knowledge graph, matched in text.

Names come from the store (:mod:`loaders.ingest.gazetteer_store`), never from the YAML tables:
``rdfs:label``, ``skos:altLabel``
and ``dcterms:title`` in Korean, Chinese and English of every curated entity (entities
under ``…/id/proposed/`` written by earlier ingests are left out). Each entity's class
decides the mention type (region, organisation, document, person, fund, event, sector).

Matching walks a character trie over *folded* text — a copy of the document text of the
same length in which quote, bracket, dash and full-width variants are unified and Latin
letters lower-cased — so offsets stay those of the document. Spaces are flexible where
Korean spacing varies: a space in a name may be missing in the text, and for long names
(≥ 6 characters without spaces) a space in the text may be missing in the name.
A match must start and end at a word boundary of its script; after Hangul, only
particles may follow (``상하이는``, ``중국 내``), so ``중국`` does not match inside
``중국과학원``. City, province and district names also match with their administrative
suffix (``항저우`` → ``항저우시``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.namespaces import ID_BASE
from loaders.ingest.lexicon import KO_ADMIN_SUFFIX
from loaders.ingest.numerals import word_boundary_after

PROPOSED_BASE = ID_BASE + "proposed/"
_GLOSS_IN_NAME = re.compile(r"\([^()\n\uac00-\ud7a3]*[\u4e00-\u9fff][^()\n\uac00-\ud7a3]*\)")
#: URLs and e-mail addresses: no names are matched inside them
MASKED = re.compile(r"(?:https?://|www\.)[^\s<>]+|[A-Za-z0-9._+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.]+|"
                    r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|kr|net|org)(?:/[^\s<>]*)?")

#: mention types the evaluation scores; names of other types (events, funds, sectors) hide nothing
SCORED_NAME_TYPES = frozenset({"region", "organisation", "document", "person"})
#: when one name belongs to entities of several types, the first type here wins
TYPE_PRIORITY = ("document", "organisation", "region", "person", "fund", "event", "sector")

_FOLD = {
    "’": "'", "‘": "'", "`": "'", "′": "'", "´": "'", "“": '"', "”": '"', "„": '"', "（": "(", "）": ")",
    "～": "~", "〜": "~", "–": "~", "—": "~", "―": "~", "‐": "~", "-": "~", "・": "·", "ㆍ": "·", "•": "·",
    "\u00a0": " ", "\u3000": " ", "\t": " ", "［": "[", "］": "]", "，": ",", "：": ":", "、": ",",
}


def fold(text: str) -> str:
    """Same-length matching form of a text (see the module docstring)."""
    out = []
    for ch in text:
        mapped = _FOLD.get(ch)
        if mapped is None:
            mapped = chr(ord(ch) - 0xFEE0) if "\uff01" <= ch <= "\uff5e" else ch
        out.append(mapped.lower() if mapped.isascii() else mapped)
    return "".join(out)


def script(ch: str) -> str:
    if "\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f":
        return "hangul"
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff":
        return "han"
    if ch.isascii() and ch.isalnum():
        return "latin"
    return "other"


@dataclass
class Entry:
    """One curated entity the gazetteer knows."""

    iri: str
    type: str
    kind: str
    labels: dict[str, list[str]] = field(default_factory=dict)  # lang → names (preferred first)
    preferred: dict[str, str] = field(default_factory=dict)  # lang → rdfs:label / dcterms:title
    jurisdiction: str | None = None
    location: str | None = None
    part_of: str | None = None  # for regions: the region it lies in
    sources: set[str] = field(default_factory=set)  # corpus file names of the reports citing it

    def label(self, lang: str = "ko") -> str:
        for code in (lang, "ko", "en", "zh"):
            if self.preferred.get(code):
                return self.preferred[code]
            if self.labels.get(code):
                return self.labels[code][0]
        return self.iri.rsplit("/", 1)[-1]

    @property
    def zh_stems(self) -> list[str]:
        """Its Chinese names without 省/市/区 (上海市 → 上海): what an official name containing it shows."""
        return [z.rstrip("省市区") for z in self.labels.get("zh", []) if len(z.rstrip("省市区")) >= 2]

    @property
    def short(self) -> str:
        return self.iri[len(ID_BASE):] if self.iri.startswith(ID_BASE) else self.iri


@dataclass
class Match:
    start: int
    end: int
    entries: list[Entry]
    preferred: bool  # matched an rdfs:label / dcterms:title rather than an alias or variant


class _Node:
    __slots__ = ("children", "terminal", "long_ok")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.terminal: list[tuple[Entry, bool, int]] | None = None  # (entry, preferred, compact length)
        self.long_ok = False


class Gazetteer:
    """Names → entities, with a trie for matching in folded text."""

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self.entries: dict[str, Entry] = {}
        self.root = _Node()
        self.by_name: dict[str, list[Entry]] = {}
        self.reports: dict[str, str] = {}  # sha256 → IRI of the curated source report with these bytes
        self._governments: dict[str, list[Entry]] | None = None
        for entry in entries:
            self.add(entry)

    def __len__(self) -> int:
        return len(self.entries)

    @staticmethod
    def key(name: str) -> str:
        return re.sub(r"\s+", " ", fold(unicodedata.normalize("NFC", name))).strip()

    def add(self, entry: Entry) -> None:
        self.entries[entry.iri] = entry
        for lang, names in entry.labels.items():
            for rank, name in enumerate(names):
                for variant in self._variants(entry, lang, name):
                    self._insert(self.key(variant), entry, preferred=rank == 0 and variant == name)

    def _variants(self, entry: Entry, lang: str, name: str) -> list[str]:
        out = [name]
        stripped = re.sub(r"\([^()]*[\u4e00-\u9fff][^()]*\)", "", name).strip()
        if stripped and stripped != name and len(stripped) >= 2:
            out.append(stripped)  # "평칭(鹏城)실험실" → "평칭실험실"
        for quote in ("'", "‘", "’", '"', "“", "”"):
            if name.startswith(quote) and name.count(quote) + name.count("’") == 2 and name.endswith(("'", "’")):
                out.append(name[1:-1])
        if lang == "en" and " and " in name:
            out.append(name.replace(" and ", " & "))
        suffix = KO_ADMIN_SUFFIX.get(entry.kind) if lang == "ko" else None
        if suffix:
            for base in list(out):
                if not base.endswith(suffix) and re.fullmatch(r"[\uac00-\ud7a3]{2,}", base):
                    out.append(base + suffix)
        return out

    def _insert(self, key: str, entry: Entry, preferred: bool) -> None:
        if not key or (len(key) == 1 and script(key) != "han"):
            return
        compact = len(key.replace(" ", ""))
        node = self.root
        for ch in key:
            node = node.children.setdefault(ch, _Node())
            if compact >= 6:
                node.long_ok = True
        if node.terminal is None:
            node.terminal = []
        if not any(e.iri == entry.iri for e, _, _ in node.terminal):
            node.terminal.append((entry, preferred, compact))
        elif preferred:
            node.terminal = [(e, p or e.iri == entry.iri, c) for e, p, c in node.terminal]
        self.by_name.setdefault(key.replace(" ", ""), [])
        if entry not in self.by_name[key.replace(" ", "")]:
            self.by_name[key.replace(" ", "")].append(entry)

    def governments(self) -> dict[str, list[Entry]]:
        """Region IRI → the curated bodies named as its (people's) government."""
        if self._governments is None:
            self._governments = {}
            for e in self.entries.values():
                if e.type == "organisation" and e.jurisdiction and any(
                        n.endswith(("인민정부", " 정부", "시정부")) for n in e.labels.get("ko", [])):
                    self._governments.setdefault(e.jurisdiction, []).append(e)
        return self._governments

    def lookup(self, name: str) -> list[Entry]:
        """Entities whose name (spaces ignored) is exactly ``name``."""
        return list(self.by_name.get(self.key(name).replace(" ", ""), []))

    def without_sources(self, file_name: str) -> Gazetteer:
        """A copy without the entities cited only by the given corpus file (held-out evaluation)."""
        held_out = Gazetteer(e for e in self.entries.values() if not (e.sources and e.sources <= {file_name}))
        held_out.reports = dict(self.reports)
        return held_out

    # ---- matching ------------------------------------------------------------

    def _walk(self, folded: str, start: int) -> list[tuple[int, list[tuple[Entry, bool, int]], bool]]:
        """Every name ending reachable from ``start``: (end, terminal, skipped a text space).

        Inside a name the walk also steps over a parenthesised Chinese original
        (``투링(圖靈) 지능컴퓨팅 …``) and treats a line break like a space.
        """
        found = []
        stack: list[tuple[_Node, int, bool]] = [(self.root, start, False)]
        n = len(folded)
        steps = 0
        while stack and steps < 4000:
            steps += 1
            node, i, skipped = stack.pop()
            if node.terminal and i > start and folded[i - 1] not in " \n":
                found.append((i, node.terminal, skipped))
            if i >= n:
                continue
            ch = folded[i]
            if ch == "\n":
                if node is self.root or i + 1 >= n or folded[i + 1] in " \n":
                    continue
                ch = " "
            if ch == "(" and node is not self.root:
                gloss = _GLOSS_IN_NAME.match(folded, i)
                if gloss:
                    stack.append((node, gloss.end(), skipped))
            child = node.children.get(ch)
            if child is not None:
                stack.append((child, i + 1, skipped))
            if ch == " " and node.long_ok and node is not self.root:
                stack.append((node, i + 1, True))  # text has a space the name lacks
            space = node.children.get(" ")
            if space is not None and ch != " ":
                nxt = space.children.get(ch)
                if nxt is not None:
                    stack.append((nxt, i + 1, skipped))  # name has a space the text lacks
        return found

    def find(self, text: str, folded: str | None = None) -> list[Match]:
        """Name matches at each valid start: the longest one, and the longest one of a scored
        type (region, organisation, document, person) when that is shorter — so a region
        at the start of an event's name (``상하이시 제15기 … 회의``) is still found.

        In lines written mostly in Chinese, where words are not separated, Chinese names of
        three or more characters may touch other Chinese characters.
        """
        folded = fold(text) if folded is None else folded
        out: list[Match] = []
        first = self.root.children
        masked = {i for m in MASKED.finditer(folded) for i in range(m.start(), m.end())}
        han_line = _han_lines(folded)
        for i, ch in enumerate(folded):
            if ch not in first or i in masked:
                continue
            relaxed = script(ch) == "han" and han_line[i]
            if i and script(folded[i - 1]) == script(ch) != "other" and not relaxed:
                continue
            best: dict[bool, tuple[int, list[tuple[Entry, bool, int]]]] = {}
            for end, terminal, skipped in self._walk(folded, i):
                if skipped:
                    terminal = [t for t in terminal if t[2] >= 6]
                    if not terminal:
                        continue
                if (end - 1) in masked:
                    continue
                if not self._ends_word(folded, end) and not (
                        relaxed and end - i >= 3 and script(folded[end - 1]) == "han"):
                    continue
                if relaxed and end - i < 3 and i and script(folded[i - 1]) == "han":
                    continue
                for scored in (False, True):
                    kept = [t for t in terminal if not scored or t[0].type in SCORED_NAME_TYPES]
                    if kept and (scored not in best or end > best[scored][0]):
                        best[scored] = (end, kept)
            for scored in (False, True):
                if scored in best and not (scored and best.get(False, (None,))[0] == best[True][0]):
                    end, terminal = best[scored]
                    entries = [e for e, _, _ in terminal]
                    out.append(Match(i, end, entries, any(p for _, p, _ in terminal)))
        return out

    @staticmethod
    def _ends_word(folded: str, end: int) -> bool:
        last = script(folded[end - 1])
        if end >= len(folded):
            return True
        nxt = script(folded[end])
        if last == "hangul":
            return word_boundary_after(folded, end)
        if last in ("han", "latin"):
            return nxt != last
        return True


def _han_lines(folded: str) -> list[bool]:
    """For every character: is its line written mostly in Chinese characters?"""
    flags: list[bool] = []
    for line in folded.split("\n"):
        letters = [c for c in line if c.isalpha()]
        han = sum(1 for c in letters if script(c) == "han")
        flag = bool(letters) and han / len(letters) >= 0.6
        flags.extend([flag] * (len(line) + 1))
    return flags
