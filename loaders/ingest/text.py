"""Reading a report: bytes → one normalised text, with the metadata the file itself states.

Supported inputs are ``.txt`` (and ``.text``), ``.html``/``.htm`` and ``.pdf`` (text layer;
the HTML and PDF extraction itself is in ``markup.py``).
Everything a user can get wrong raises :class:`kg.errors.KGError` naming the file:
empty, binary, oversized, undecodable, image-only PDF, unsupported type.

Encodings are found by decoding attempts, never by statistics alone: a byte-order mark
decides first (UTF-8, UTF-16); otherwise strict UTF-8 is tried, then strict EUC-KR and
CP949 (its superset). A legacy decode is accepted only when the text it gives looks
like real Korean: most non-ASCII characters must be Hangul syllables, common CJK or
punctuation, because random bytes decoded as CP949 yield rare Hanja and symbols.

The *document text* is the decoded text with ``\\r\\n``/``\\r`` turned into ``\\n``, NFC
normalisation and control characters (other than tab/newline) replaced by spaces.
All character offsets the pipeline writes (``oa:start``/``oa:end``) count code points
in this text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KGError
from loaders.ingest.markup import HTML_CHARSET, html_to_text, pdf_to_text

MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
PDF_SUFFIXES = frozenset({".pdf"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class SourceText:
    """One report as read from disk: its text and what the file says about itself."""

    path: Path
    text: str
    sha256: str
    fmt: str  # "txt" | "html" | "pdf"
    encoding: str | None = None
    title: str | None = None
    publisher: str | None = None
    date: str | None = None  # ISO date (YYYY, YYYY-MM or YYYY-MM-DD)
    language: str = "ko"
    meta: dict[str, str] = field(default_factory=dict)


def _fail(path: Path, message: str, rule: str) -> KGError:
    return KGError(message, where=str(path), rule=rule)


# ---- encodings ----------------------------------------------------------------


def hangul_ratio(text: str) -> float:
    """Share of Hangul syllables among the letters of ``text`` (0 when it has none)."""
    letters = hangul = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if "\uac00" <= ch <= "\ud7a3":
                hangul += 1
    return hangul / letters if letters else 0.0


#: the most frequent syllables of Korean prose: together about half of all syllables in news text,
#: while bytes that merely decode as Hangul spread evenly over the 2,350 KS X 1001 syllables
COMMON_SYLLABLES = frozenset("이의다는에하고를가지기서한로사으을도국인대있것적수정부들어일과리해자"
                             "시전중보업년장게성상원주나로요그무만제산위공경화구발여터면개계발동라")


def _plausible_legacy(text: str) -> bool:
    """Does a CP949/EUC-KR decode look like Korean text rather than decoded noise?

    Three checks on the decoded characters: most non-ASCII characters are Hangul
    syllables; nearly all the rest are Chinese characters, punctuation or spaces; and the
    syllables are the usual ones (frequent syllables make up a large share) with spaces
    between words.
    """
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return True
    syllables = [ch for ch in non_ascii if "\uac00" <= ch <= "\ud7a3"]
    common = sum(1 for ch in non_ascii if "\u4e00" <= ch <= "\u9fff" or unicodedata.category(ch)[0] in "PZS")
    if len(syllables) / len(non_ascii) < 0.5 or (len(syllables) + common) / len(non_ascii) < 0.97:
        return False
    if len(syllables) >= 50:
        if sum(1 for ch in syllables if ch in COMMON_SYLLABLES) / len(syllables) < 0.15:
            return False
        if max((len(run) for run in re.split(r"\s+", text)), default=0) > 300:
            return False
    return len(_CONTROL.findall(text)) <= len(text) // 200


def decode(data: bytes, path: Path, declared: str | None = None) -> tuple[str, str]:
    """Decode report bytes; returns ``(text, encoding)`` or raises a one-line KGError."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _fail(path, f"has a UTF-8 byte-order mark but invalid UTF-8 at byte {exc.start + 3}",
                        "bad-encoding") from None
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[2:].decode(codec), codec.replace("-le", "").replace("-be", "")
            except UnicodeDecodeError:
                raise _fail(path, "has a UTF-16 byte-order mark but is not valid UTF-16", "bad-encoding") from None
    if b"\x00" in data[:65536]:
        raise _fail(path, "is a binary file (NUL bytes), not a text report", "binary-file")
    candidates = ["utf-8", "euc-kr", "cp949"]
    if declared:
        norm = declared.strip().lower().replace("_", "-")
        norm = {"ks-c-5601-1987": "cp949", "x-windows-949": "cp949", "windows-949": "cp949",
                "ksc5601": "euc-kr", "utf8": "utf-8"}.get(norm, norm)
        if norm in ("euc-kr", "cp949", "utf-8"):
            candidates.remove(norm)
            candidates.insert(0, norm)
    for codec in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec != "utf-8" and not _plausible_legacy(text):
            continue
        return text, codec
    raise _fail(path, "unreadable encoding: not UTF-8, and no CP949/EUC-KR decode gives Korean text",
                "bad-encoding")


def normalise(text: str) -> str:
    """The document text: newlines unified, NFC, control characters blanked."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return _CONTROL.sub(" ", text)


_ODD = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff\U000f0000-\U0010ffff]")


def _looks_binary(text: str) -> bool:
    """Control characters, replacement characters and private-use code points make up > 5 %."""
    if not text:
        return False
    sample = text[:20000]
    return len(_ODD.findall(sample)) / len(sample) > 0.05


# ---- metadata found in the text ---------------------------------------------------

_DATE_PATTERNS = (
    # 2023. 1. 20 / 2023.01.20 / 2023-01-20 / 2023/11/23
    re.compile(r"(?<!\d)(20\d\d|19\d\d)\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(20\d\d|19\d\d)년\s*(\d{1,2})월\s*(\d{1,2})일"),
)
_DATE_LABEL = re.compile(r"(발\s*행\s*일|발\s*간\s*일|입\s*력|등\s*록|작\s*성\s*일|게\s*재\s*일|기사\s*입력|date)"
                         r"\s*[|:：]?\s*[|:：]?\s*", re.I)
_PUBLISHER_LABEL = re.compile(r"(발\s*행\s*기\s*관|발\s*행\s*처|발\s*간\s*기\s*관|펴\s*낸\s*곳)"
                              r"\s*[|:：]\s*([^\n|]{2,40})")
_DATELINE_OUTLET = re.compile(r"^\s*\[([^\]\n]{2,40})\]")


def _iso(y: str, m: str, d: str | None = None) -> str | None:
    yi, mi = int(y), int(m)
    if not 1 <= mi <= 12:
        return None
    if d is None:
        return f"{yi:04d}-{mi:02d}"
    di = int(d)
    if not 1 <= di <= 31:
        return None
    return f"{yi:04d}-{mi:02d}-{di:02d}"


def find_date(text: str) -> str | None:
    """The issue date a report prints next to a label (발행일, 입력 ...), ISO."""
    for label in _DATE_LABEL.finditer(text):
        window = text[label.end(): label.end() + 40]
        for pattern in _DATE_PATTERNS:
            m = pattern.match(window.lstrip(" |:"))
            if m:
                iso = _iso(*m.groups())
                if iso:
                    return iso
    return _header_date(text)


def _header_date(text: str, lines: int = 6) -> str | None:
    """A full date in the header lines without a label (``2024-04-18 | 국가 > 중국 | 작성자 …``):
    the first lines that are not sentences, before the body begins."""
    seen = 0
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        seen += 1
        if seen > lines or len(line) > 160:
            break
        if re.search(r"(다|요|음|함)[.!?]?$", line):
            continue
        for pattern in _DATE_PATTERNS:
            for m in pattern.finditer(line):
                if m.groups() and len(m.groups()) == 3:
                    iso = _iso(*m.groups())
                    if iso:
                        return iso
    return None


def find_publisher(text: str) -> str | None:
    m = _PUBLISHER_LABEL.search(text)
    if m:
        return m.group(2).strip()
    m = _DATELINE_OUTLET.match(text.lstrip("\ufeff\n "))
    if m:
        # "[보안뉴스 윤서정 기자]" → 보안뉴스; "[더지엠뉴스]" → 더지엠뉴스
        words = m.group(1).split()
        if len(words) >= 2 and words[-1] in ("기자", "특파원", "통신원"):
            words = words[:-2] if len(words) >= 3 else words[:1]
        return " ".join(words) or None
    return None


def find_title(text: str) -> str | None:
    """The first non-empty line when it reads as a headline (short, no sentence ending)."""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if line.startswith("[") or len(line) > 100 or re.search(r"(다|요|음|함)[.!?]?$", line):
            return None
        return line
    return None


def detect_language(text: str) -> str:
    letters = [ch for ch in text[:50000] if ch.isalpha()]
    if not letters:
        return "und"
    hangul = sum(1 for ch in letters if "\uac00" <= ch <= "\ud7a3")
    han = sum(1 for ch in letters if "\u4e00" <= ch <= "\u9fff")
    if hangul / len(letters) >= 0.3:
        return "ko"
    if han / len(letters) >= 0.3:
        return "zh"
    return "en"


def _meta_date(meta: dict[str, str]) -> str | None:
    for key in ("article:published_time", "date", "dcterms.date", "dc.date", "pubdate", "publishdate",
                "og:published_time", "datepublished", "time", "created"):
        value = meta.get(key)
        if value:
            m = re.search(r"(?:D:)?(\d{4})-?(\d{2})-?(\d{2})", value)
            if m:
                iso = _iso(*m.groups())
                if iso:
                    return iso
    return None


# ---- entry point -----------------------------------------------------------------


def _size(n: int) -> str:
    return f"{n / 1048576:.{0 if n % 1048576 == 0 else 1}f} MB" if n >= 1048576 else f"{n} bytes"


def read_source(path: Path | str, *, max_bytes: int = MAX_BYTES) -> SourceText:
    """Read one report file; raises a one-line KGError naming the file on bad input."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise _fail(path, "no such file" if not path.exists() else "is not a regular file", "io")
    if suffix not in SUPPORTED:
        raise _fail(path, f"unsupported file type {suffix or '(none)'!r}; use .txt, .html or .pdf",
                    "unsupported-type")
    size = path.stat().st_size
    if size > max_bytes:
        raise _fail(path, f"file is {_size(size)}, over the {_size(max_bytes)} limit (raise it with --max-mb)",
                    "too-large")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(path, f"cannot read: {exc.strerror}", "io") from None
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise _fail(path, "is empty", "empty-file")
    sha = hashlib.sha256(data).hexdigest()
    meta: dict[str, str] = {}
    encoding: str | None = None
    title: str | None = None
    if suffix in PDF_SUFFIXES:
        if not data.startswith(b"%PDF-"):
            raise _fail(path, "has a .pdf name but is not a PDF file", "bad-pdf")
        raw, meta = pdf_to_text(data, path)
        fmt = "pdf"
        title = meta.get("title")
    else:
        if data.startswith(b"%PDF-") or data[:8] in (b"\x89PNG\r\n\x1a\n",) or data[:3] == b"\xff\xd8\xff":
            raise _fail(path, "is a binary file (PDF or image content), not a text report", "binary-file")
        declared = None
        if suffix in HTML_SUFFIXES:
            m = HTML_CHARSET.search(data[:4096])
            declared = m.group(1).decode("ascii", "replace") if m else None
        decoded, encoding = decode(data, path, declared)
        if _looks_binary(decoded):
            raise _fail(path, "is a binary file, not a text report", "binary-file")
        if suffix in HTML_SUFFIXES:
            raw, meta, title = html_to_text(decoded)
            fmt = "html"
        else:
            raw, fmt = decoded, "txt"
    text = normalise(raw)
    if not text.strip():
        raise _fail(path, "has no text" + (" after removing markup" if fmt == "html" else ""), "empty-file")
    if _looks_binary(text):
        raise _fail(path, "is a binary file, not a text report", "binary-file")
    source = SourceText(path=path, text=text, sha256=sha, fmt=fmt, encoding=encoding, meta=meta)
    source.title = (title or meta.get("og:title") or find_title(text) or None)
    if source.title:
        source.title = " ".join(source.title.split())[:300]
    source.publisher = (meta.get("og:site_name") or meta.get("publisher") or find_publisher(text) or None)
    source.date = _meta_date(meta) or find_date(text)
    source.language = detect_language(text)
    return source
