"""HTML and PDF: the main text of a page, the text layer of a PDF, and their metadata.

HTML is parsed with the standard library's ``html.parser``; scripts, styles, navigation,
headers, footers, asides, forms and elements whose class or id names page furniture
(nav, menu, footer, sidebar, share, related, ad …) are dropped, and the content of
``<article>``/``<main>`` is preferred when it holds a fair share of the page. PDF text comes
from ``pypdf``; a PDF without a text layer is refused.
"""

from __future__ import annotations

import io
import logging
import re
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import KGError


def _fail(path: Path, message: str, rule: str) -> KGError:
    return KGError(message, where=str(path), rule=rule)


# ---- HTML ----------------------------------------------------------------------

_SKIP_TAGS = frozenset({"script", "style", "nav", "footer", "header", "aside", "noscript", "form",
                        "iframe", "svg", "template", "button", "select", "menu", "figure"})
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
                         "table", "section", "article", "main", "blockquote", "pre", "dd", "dt", "dl",
                         "hr", "td", "th", "caption", "body", "title"})
_BOILERPLATE_CLASS = re.compile(r"(?:^|[\s_-])(nav|menu|footer|header|sidebar|breadcrumb|share|sns|comment|"
                                r"related|advert|ad|banner|copyright|cookie|popup|gnb|lnb)(?:$|[\s_-])", re.I)
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source",
                   "track", "wbr", "param"})


class _Extractor(HTMLParser):
    """Collects visible main text and metadata; drops scripts, styles and page furniture."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []
        self.main_parts: list[str] = []
        self.main_depth = 0
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.in_title = self.in_h1 = False
        self.meta: dict[str, str] = {}
        self.times: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"].strip())
            if a.get("charset"):
                self.meta.setdefault("charset", a["charset"])
            return
        if tag == "time" and a.get("datetime"):
            self.times.append(a["datetime"])
        if tag in _VOID:
            if tag in ("br", "hr"):
                self._emit("\n")
            return
        boiler = tag in _SKIP_TAGS or bool(_BOILERPLATE_CLASS.search(f"{a.get('class', '')} {a.get('id', '')}")
                                           or a.get("role") in ("navigation", "banner", "contentinfo")
                                           or "hidden" in a or a.get("aria-hidden") == "true")
        self.stack.append((tag, boiler))
        if boiler:
            self.skip_depth += 1
        if tag in ("article", "main") or a.get("role") == "main":
            self.main_depth += 1
        if tag == "title":
            self.in_title = True
        if tag == "h1":
            self.in_h1 = True
        if tag in _BLOCK_TAGS:
            self._emit("\n")
        elif tag in ("td", "th"):
            self._emit("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        # pop to the matching open tag (tolerates unclosed <p>, <li> ...)
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for open_tag, boiler in self.stack[i:]:
                    if boiler:
                        self.skip_depth -= 1
                    if open_tag in ("article", "main"):
                        self.main_depth = max(0, self.main_depth - 1)
                del self.stack[i:]
                break
        if tag == "title":
            self.in_title = False
        if tag == "h1":
            self.in_h1 = False
        if tag in _BLOCK_TAGS:
            self._emit("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip_depth:
            return
        if self.in_h1:
            self.h1_parts.append(data)
        self._emit(data)

    def _emit(self, data: str) -> None:
        if self.skip_depth and data.strip():
            return
        self.parts.append(data)
        if self.main_depth:
            self.main_parts.append(data)


def _tidy(raw: str) -> str:
    lines = []
    for line in raw.split("\n"):
        line = re.sub(r"[ \u00a0\u3000]+", " ", line).strip(" ")
        line = re.sub(r"\t[ \t]*", "\t", line).strip("\t ")
        lines.append(line)
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def html_to_text(markup: str) -> tuple[str, dict[str, str], str | None]:
    """Main text of an HTML page, its metadata, and its title."""
    parser = _Extractor()
    parser.feed(markup)
    parser.close()
    main = _tidy("".join(parser.main_parts))
    body = _tidy("".join(parser.parts))
    text = main if len(main) >= 0.3 * len(body) and main.strip() else body
    title = " ".join("".join(parser.h1_parts).split()) or " ".join("".join(parser.title_parts).split()) or None
    meta = dict(parser.meta)
    if parser.times:
        meta.setdefault("time", parser.times[0])
    return text, meta, title


HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)


# ---- PDF -----------------------------------------------------------------------


def pdf_to_text(data: bytes, path: Path) -> tuple[str, dict[str, str]]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - dependency missing
        raise _fail(path, "reading PDF needs the 'pypdf' package", "missing-dependency") from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises several types here
                raise _fail(path, "is an encrypted PDF", "encrypted-pdf") from None
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
    except KGError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise _fail(path, f"is not a readable PDF ({type(exc).__name__})", "bad-pdf") from None
    meta = {}
    for key, name in (("/Title", "title"), ("/Author", "author"), ("/CreationDate", "created")):
        value = info.get(key) if hasattr(info, "get") else None
        if value:
            meta[name] = str(value).strip()
    text = "\n\n".join(p.strip("\n") for p in pages)
    if sum(1 for ch in text if ch.isalnum()) < 20:
        raise _fail(path, f"is a PDF without a text layer ({len(pages)} page(s), image-only or empty); "
                          "run OCR first", "no-text-layer")
    return text, meta
