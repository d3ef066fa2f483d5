"""Policy titles: quoted Korean titles, Chinese titles, five-year plans; shared naming helpers.

A quoted span — ‘…’ '…' “…” "…" 「…」 《…》 『…』 on one line — is a document title when it
ends in a policy noun (계획, 규획, 방안, 의견, 조치, 조례 …) or its Chinese original does
(规划, 意见, 措施 …); 「…」, 《…》 and 『…』 are title brackets, so their content is a title
whatever it ends in. A quoted name the gazetteer knows keeps its curated type. A line in
Chinese that ends like a title (``…关于印发《…》的通知``) is a title, and so are the usual
renderings of China's five-year plans (``14·5 계획``, ``14차 5개년 규획``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from loaders.ingest.gazetteer import MASKED, PROPOSED_BASE, TYPE_PRIORITY, Entry, Gazetteer, fold, script
from loaders.ingest.lexicon import DOCUMENT_HEADS, ZH_DOCUMENT_HEADS
from loaders.ingest.model import Mention
from loaders.ingest.numerals import word_boundary_after

QUOTES = {"'": "'", '"': '"', "「": "」", "《": "》", "『": "』", "〈": "〉"}
TITLE_BRACKETS = ("「", "《", "『")
HAN = re.compile(r"[\u4e00-\u9fff]")
GLOSS_ANY = re.compile(r"\([^()]*[\u4e00-\u9fff][^()]*\)")
#: a Chinese original written right after a closing quote: "'…'(…)"
_OUTER_GLOSS = re.compile(r" ?\(([^()\n]*[\u4e00-\u9fff][^()\n]*)\)")
#: a parenthesised original in Chinese or Latin script after a name
GLOSS = re.compile(r"\(([^()\n\uac00-\ud7a3]{1,60})\)")
_YEAR_TAIL = re.compile(r"\s?\(\s?[\d'~\-.·년 ]+\s?\)\s?$")


def proposed_iri(doc_id: str, kind: str, name: str) -> str:
    """IRI of a new entity proposed by one document: …/id/proposed/<doc-id>/<kind>-<hash>."""
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    ascii_part = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:30]
    slug = f"{kind}-{ascii_part}-{digest}" if len(ascii_part) >= 3 else f"{kind}-{digest}"
    return f"{PROPOSED_BASE}{doc_id}/{slug}"


def best(entries: list[Entry]) -> tuple[Entry, bool]:
    """The entry to link to, and whether the choice was ambiguous."""
    ranked = sorted(entries, key=lambda e: (TYPE_PRIORITY.index(e.type), e.iri))
    top = ranked[0]
    same_type = [e for e in ranked if e.type == top.type]
    return top, len(same_type) > 1



def gloss_end(text: str, end: int) -> int:
    """End of a parenthesised Chinese/Latin original right after ``end`` (or ``end``)."""
    m = GLOSS.match(text, end)
    if not m:
        return end
    inner = m.group(1)
    if not (HAN.search(inner) or re.search(r"[A-Za-z]{2}", inner)) or re.fullmatch(r"[\d\s'~.\-,·년]+", inner):
        return end
    if MASKED.search(inner) or "@" in inner:
        return end
    return m.end()


def quote_spans(folded: str) -> list[tuple[str, int, int]]:
    """(opening mark, content start, content end) of quoted spans on one line, in folded text.

    An apostrophe before a two-digit year (``'22년``, ``'23~'25``) opens nothing.
    """
    out = []
    for m in re.finditer(r"['\"「《『]", folded):
        opening = m.group()
        start = m.end()
        if start >= len(folded) or script(folded[start]) not in ("hangul", "han", "latin"):
            continue
        if opening in "'\"" and (re.match(r"\d{2}(?:년|~|\.|\)|\s|$)", folded[start:start + 4])
                                 or (start >= 2 and folded[start - 2].isdigit())):
            continue
        stop = folded.find(QUOTES[opening], start)
        newline = folded.find("\n", start)
        if stop < 0 or (0 <= newline < stop) or stop - start > 160 or stop == start:
            continue
        out.append((opening, start, stop))
    return out


def quoted_titles(gaz: Gazetteer, doc_id: str, text: str) -> list[Mention]:
    out = []
    for opening, start, stop in quote_spans(fold(text)):
        mention = _title_candidate(gaz, doc_id, text, start, stop, text[start:stop], opening in TITLE_BRACKETS)
        after = _OUTER_GLOSS.match(text, stop + 1)
        if mention and after and mention.type == "document":
            # "'…행동방안'(…行动方案)": the original after the closing mark belongs to the title
            gloss = after.group(1)
            attrs = dict(mention.attrs)
            attrs.setdefault("zh", gloss)
            mention = replace(mention, end=after.end(), text=text[start:after.end()], attrs=attrs)
        elif not mention and after:
            mention = _title_candidate(gaz, doc_id, text, start, stop, text[start:stop] + f"({after.group(1)})",
                                       opening in TITLE_BRACKETS)
            if mention:
                mention = replace(mention, end=after.end(), text=text[start:after.end()])
        if mention:
            out.append(mention)
    return out


#: words after a short quoted name that make the whole a title: "'로봇+' 행동 계획", "'수소동력 지린' 중장기 발전규획"
_TITLE_TAIL = re.compile(r"(?: (?:\d+개년|[\uac00-\ud7a3]+)){1,4}")
#: what may follow such a title: a year range, then the Chinese original (one level of nested parentheses)
_QUANTITY_NAME = re.compile(r"(?:원|위안|달러|%)$")
_TITLE_AFTER = re.compile(r"(?:\s?\(\s?[\d'’~\-—.·년 ]+\))?(?:\s?\([^()\n]{0,12}(?:버전|版)\))?"
                          r"(?:\s?\((?:[^()\n]|\([^()\n]*\))*[\u4e00-\u9fff](?:[^()\n]|\([^()\n]*\))*\))?")


def quote_led_titles(doc_id: str, text: str, folded: str) -> list[Mention]:
    """``'로봇+' 행동 계획``, ``'데이터 요소×' 3개년 행동계획(2024~2026년)(…)``: a short quoted
    name followed by up to four words ending in a policy noun is a title, quote included."""
    out = []
    for opening, start, stop in quote_spans(folded):
        content = text[start:stop]
        if opening not in "'\"" or stop - start > 25 or _QUANTITY_NAME.search(content) \
                or GLOSS_ANY.sub("", content).strip().endswith(DOCUMENT_HEADS):
            continue  # "'수 조원' 단위 …" is an amount; "‘14차5개년 규획’ …계획" names two documents
        tail = _TITLE_TAIL.match(text, stop + 1)
        if not tail:
            continue
        words = tail.group().split()
        # the title ends at the first word that ends in a policy noun (no particle after it)
        last = next((i for i, w in enumerate(words) if w.endswith(DOCUMENT_HEADS)), None)
        if last is None:
            continue
        end = stop + 1 + len(" ".join([""] + words[:last + 1]))
        if not word_boundary_after(text, end):
            continue
        end = _TITLE_AFTER.match(text, end).end()
        label = text[start - 1:end]
        out.append(Mention(start - 1, end, "document", label, 0.6, entity=proposed_iri(doc_id, "document", label),
                           kind="PolicyDocument", proposed=True, label=label, source="pattern"))
    return out


_RANGE = re.compile(r"\s?\(\s?['’]?\d{2,4}\s?[~\-–—]\s?['’]?\d{2,4}\s?년?\s?\)")
_TITLE_WORD = re.compile(r"[\uac00-\ud7a3A-Za-z0-9·+]+$")
#: a word ending so is not inside a title: particles, verb endings, and words that open a sentence
_OUTSIDE_TITLE_END = tuple("은는이가을를에와과도로서며고던한된할") + ("에서", "으로", "및", "등")


def ranged_titles(doc_id: str, text: str) -> list[Mention]:
    """``차세대 인공지능 혁신발전 행동계획('22~'25)``: unquoted words ending in a policy noun and
    followed by the period the document covers. The title begins after the last word that ends in a
    particle or a verb ending (at most twelve words)."""
    out = []
    for r in _RANGE.finditer(text):
        head_end = r.start()
        words: list[tuple[int, str]] = []
        i = head_end
        while len(words) < 12:
            m = _TITLE_WORD.search(text, max(0, i - 40), i)
            if not m or m.end() != i:
                break
            word = m.group()
            if words and (word.endswith(_OUTSIDE_TITLE_END) or word.isdigit()):
                break
            words.append((m.start(), word))
            if m.start() == 0 or text[m.start() - 1] != " ":
                break
            i = m.start() - 1
        if not words or not words[0][1].endswith(DOCUMENT_HEADS) or len(words) < 2:
            continue
        start = words[-1][0]
        end = _TITLE_AFTER.match(text, r.end()).end()
        label = text[start:head_end]
        out.append(Mention(start, end, "document", text[start:end], 0.55,
                           entity=proposed_iri(doc_id, "document", label), kind="PolicyDocument", proposed=True,
                           label=label, source="pattern"))
    return out


def _title_candidate(gaz: Gazetteer, doc_id: str, text: str, start: int, stop: int, content: str,
                     bracketed: bool) -> Mention | None:
    glosses = GLOSS_ANY.findall(content)
    ko = GLOSS_ANY.sub("", content).strip()
    ko_core = _YEAR_TAIL.sub("", ko).strip()
    zh = glosses[-1][1:-1] if glosses else None
    # the original names the whole only when it is the one original of a one-word name
    # ("'바오터우(包头)와 어얼둬쓰(鄂尔多斯) … 묶겠다'" is a quotation, not the name 乌兰察布)
    known = (gaz.lookup(content) or gaz.lookup(ko) or gaz.lookup(ko_core)
             or (gaz.lookup(zh) if zh and len(glosses) == 1 and " " not in ko else []))
    if known:
        entry, ambiguous = best(known)
        return Mention(start, stop, entry.type, content, 0.6 if ambiguous else 0.9, entity=entry.iri,
                       kind=entry.kind, source="pattern")
    is_title = bracketed or ko_core.endswith(DOCUMENT_HEADS) or bool(zh and zh.rstrip("》)）").endswith(
        ZH_DOCUMENT_HEADS)) or bool(HAN.search(ko_core) and ko_core.endswith(ZH_DOCUMENT_HEADS))
    if not is_title or len(ko_core) < 4:
        return None
    label = ko_core or content
    return Mention(start, stop, "document", content, 0.7 if bracketed else 0.65,
                   entity=proposed_iri(doc_id, "document", label), kind="PolicyDocument", proposed=True,
                   label=label, source="pattern", attrs={"zh": zh} if zh else {})


def five_year_plans(gaz: Gazetteer, doc_id: str, text: str) -> list[Mention]:
    """``14·5 계획``, ``14차 5개년 규획``, ``제13차 5개년 계획``: China's five-year plans."""
    out = []
    pattern = r"(?<![\w·])(?:제\s?)?(\d{1,2})(?:·5|차\s?5개년)\s?(?:계획|규획)"
    for m in re.finditer(pattern, text):
        if not word_boundary_after(text, m.end()):
            continue
        known = [e for e in gaz.lookup(m.group()) if e.type == "document"]
        if known:
            entry, ambiguous = best(known)
            out.append(Mention(m.start(), m.end(), "document", m.group(), 0.6 if ambiguous else 0.85,
                               entity=entry.iri, kind=entry.kind, source="pattern"))
        else:
            label = f"{m.group(1)}차 5개년 계획"
            out.append(Mention(m.start(), m.end(), "document", m.group(), 0.6,
                               entity=proposed_iri(doc_id, "document", label), kind="FiveYearPlan",
                               proposed=True, label=label, source="pattern"))
    return out


def chinese_titles(gaz: Gazetteer, doc_id: str, text: str) -> list[Mention]:
    """A line (after a bullet) written in Chinese that ends like a policy title (…的通知, …规划)."""
    out = []
    offset = 0
    for line in text.split("\n"):
        m = re.match(r"^[\s\-*•☞☑▶※]*", line)
        body = line[m.end():].rstrip(" 。.")
        letters = [c for c in body if c.isalpha()]
        han = sum(1 for c in letters if HAN.match(c))
        if len(body) >= 8 and letters and han / len(letters) >= 0.8 and body.endswith(ZH_DOCUMENT_HEADS):
            start = offset + m.end()
            known = [e for e in gaz.lookup(body) if e.type == "document"]
            if known:
                entry, ambiguous = best(known)
                out.append(Mention(start, start + len(body), "document", body, 0.8, entity=entry.iri,
                                   kind=entry.kind, source="pattern"))
            else:
                out.append(Mention(start, start + len(body), "document", body, 0.65,
                                   entity=proposed_iri(doc_id, "document", body), kind="PolicyDocument",
                                   proposed=True, label=body, source="pattern", attrs={"zh": body}))
        offset += len(line) + 1
    return out
