"""Report ingestion: reading, numbers, mentions, relations, RDF, the three commands, bad input.

Writing tests work on copies of one store built here (no OWL, ~5 s) in temporary
directories; the corpus is the shared one (``Config.corpus_dir``). Sentences marked
"unseen" are written for these tests and appear in no report of the corpus.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.config import Config
from kg.errors import KGError
from kg.namespaces import PREFIXES
from kg.store import EmbeddedStore, open_store
from loaders.ingest import gazetteer as gz
from loaders.ingest.evaluate import GOLD_DIR, evaluate, load_gold
from loaders.ingest.numbers import find_quantities
from loaders.ingest.numerals import parse_number
from loaders.ingest.pipeline import INGEST_GRAPH_PREFIX, extract, extract_source
from loaders.ingest.sentences import split
from loaders.ingest.text import read_source

from .conftest import kg_command

CORPUS = Config.from_env().corpus_dir
pytestmark = pytest.mark.skipif(CORPUS is None, reason="the shared corpus (../shared/corpus) is missing")
ID = "https://w3id.org/cnpolicy/id/"
TARGET_QUERY = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX its: <http://www.w3.org/2005/11/its/rdf#>
SELECT ?t ?region ?value ?year ?conf ?start ?end ?sentence WHERE {
  ?t a cnp:Target ; cnp:jurisdiction ?region ; cnp:value ?value ; cnp:targetYear ?year ;
     prov:wasGeneratedBy ?activity ; its:taConfidence ?conf .
  ?ann oa:hasBody ?t ; oa:hasTarget ?s .
  ?s oa:hasSelector ?p, ?q . ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?sentence .
} ORDER BY ?start ?value
"""


def kg(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([*kg_command(), *args], capture_output=True, text=True, check=check)


@pytest.fixture(scope="module")
def base_store(kg_store: Path) -> Path:
    """The session's built KG (read-only here: tests that write use ``store``, a copy)."""
    return kg_store


@pytest.fixture
def store(base_store: Path, tmp_path: Path) -> Path:
    """A private writable copy of the built store."""
    target = tmp_path / "store"
    shutil.copytree(os.path.realpath(base_store), target)
    return target


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def state(path: Path) -> tuple[str, int, bytes]:
    """Store version (symlink target), number of quads, and the non-ingest quads."""
    s = EmbeddedStore(path)
    try:
        quads = s.dump()
    finally:
        s.close()
    curated = b"".join(sorted(line + b"\n" for line in quads.splitlines()
                              if INGEST_GRAPH_PREFIX.encode() not in line))
    return os.path.realpath(path), len(quads.splitlines()), curated


def ingest_nquads(path: Path) -> bytes:
    s = EmbeddedStore(path)
    try:
        lines = [line for line in s.dump().splitlines() if INGEST_GRAPH_PREFIX.encode() in line]
    finally:
        s.close()
    return b"\n".join(sorted(lines))


# ---- numbers --------------------------------------------------------------------------


@pytest.mark.parametrize("expr,value", [
    ("16조4천780억", 16478000000000), ("1,500억", 150000000000), ("27조 4,470억", 27447000000000),
    ("2,072억", 207200000000), ("1만 320", 10320), ("4천950억9천 만", 495090000000), ("11.02만", 110200),
    ("1만7000", 17000), ("삼천억", 300000000000), ("100,000만", 1000000000), ("7,000", 7000),
])
def test_parse_korean_numbers(expr: str, value: int) -> None:
    assert parse_number(expr) == Decimal(value)


def _q(text: str, date: dt.date | None = None) -> list[tuple[str, str, dict]]:
    return [(m.type, m.text, m.attrs) for m in find_quantities(text, date)]


@pytest.mark.parametrize("text,cny,krw", [
    ("1000억 위안(약 16조4천780억 원)", 100000000000, 16478000000000),
    ("1,500억 위안(27조 4,470억 원)", 150000000000, 27447000000000),
    ("2,072억위안(약 39조원)", 207200000000, 39000000000000),
])
def test_amounts_with_won_conversion(text: str, cny: int, krw: int) -> None:
    [(kind, surface, attrs)] = _q(f"규모는 {text}으로")
    assert (kind, surface, attrs["unit"]) == ("amount", text, "CNY")
    assert attrs["value"] == cny and attrs["krw"] == krw


def test_coordinated_amounts_share_the_currency() -> None:
    found = _q("16조와 8조 원 이상으로 각각 육성")
    assert [(t, s, a["value"], a["unit"]) for t, s, a in found] == [
        ("amount", "16조", 16 * 10**12, "KRW"), ("amount", "8조 원", 8 * 10**12, "KRW")]
    assert found[1][2]["qualifier"] == "at-least"


@pytest.mark.parametrize("text,surface,value,flag", [
    ("2025년까지 육성", "2025년", 2025, "until"), ("'22년 상하이", "'22년", 2022, None),
    ("’27년에 달성", "’27년", 2027, "in"), ("행동계획('23~'25) 발표", "'23~'25", 2023, None),
    ("(2021~2035년)", "2021~2035년", 2021, None), ("2019~2021년 시장", "2019~2021년", 2019, None),
])
def test_years(text: str, surface: str, value: int, flag: str | None) -> None:
    [(kind, found, attrs)] = _q(text)
    assert (kind, found, attrs["value"]) == ("year", surface, value)
    if flag:
        assert attrs.get(flag)
    if "~" in surface:
        assert attrs["end_year"] in (2025, 2035, 2021)


def test_bulletin_dates_follow_the_report_date() -> None:
    january = dt.date(2023, 1, 20)
    assert _q("계획 수립(1.11)", january)[0][2]["iso"] == "2023-01-11"
    assert _q("능력 강화(12.28)", january)[0][2]["iso"] == "2022-12-28"  # December item of a January bulletin
    assert _q("출처: 신화망 (01.09)", january)[0][2]["iso"] == "2023-01-09"
    assert _q("2022년 3월 23일, 발표")[0][2]["iso"] == "2022-03-23"
    assert _q("비행 검증 진행('22.7)")[0][2]["iso"] == "2022-07"


@pytest.mark.parametrize("text,kind,surface,value,qualifier", [
    ("전년 대비 8.7% 증가", "percent", "8.7%", Decimal("8.7"), None),
    ("비중은 4.2%에 육박", "percent", "4.2%", Decimal("4.2"), "approximately"),
    ("기업 수는 1만 320개 사로", "count", "1만 320개 사", 10320, None),
    ("500개 이상으로 늘리고", "count", "500개", 500, "at-least"),
    ("7,000명에 가까운 인재", "count", "7,000명", 7000, "approximately"),
    ("프로젝트 계약 10건 유치", "count", "10건", 10, None),
    ("여섯 개의 도시들도", "count", "여섯 개", 6, None),
])
def test_percentages_and_counts(text: str, kind: str, surface: str, value: object, qualifier: str | None) -> None:
    [(found_kind, found, attrs)] = _q(text)
    assert (found_kind, found, attrs["value"], attrs.get("qualifier")) == (kind, surface, value, qualifier)


def test_numbers_in_names_and_codes_are_not_quantities() -> None:
    assert _q("13대 중점업무, 46nm 광원, C919, 5G 및 6G, 14차 5개년, https://a.cn/2023/art_10.html") == []


# ---- reading files --------------------------------------------------------------------------

KOREAN = "상하이는 2025년까지 인공지능 핵심 산업 규모를 1,500억 위안 이상으로 육성할 계획이다. 똠방각하 뷁"


@pytest.mark.parametrize("name,data,encoding", [
    ("utf8.txt", KOREAN.encode("utf-8"), "utf-8"),
    ("bom.txt", b"\xef\xbb\xbf" + KOREAN.encode("utf-8"), "utf-8-sig"),
    ("cp949.txt", KOREAN.encode("cp949"), "cp949"),  # 똠, 뷁 exist only in CP949
    ("euckr.txt", KOREAN[:-6].encode("euc-kr"), "euc-kr"),
])
def test_encodings_are_detected(tmp_path: Path, name: str, data: bytes, encoding: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    source = read_source(path)
    assert source.encoding == encoding
    assert source.text == (KOREAN if encoding != "euc-kr" else KOREAN[:-6])
    assert source.language == "ko"


def test_html_main_text_without_boilerplate(tmp_path: Path) -> None:
    page = """<html><head><meta charset="euc-kr"><title>사이트 | 기사</title>
    <meta property="article:published_time" content="2023-05-02T09:00:00+09:00">
    <meta property="og:site_name" content="테스트뉴스"><style>p {color: red}</style>
    <script>var x = "스크립트 본문";</script></head><body>
    <nav><a href="/">홈</a> 메뉴 항목</nav><header>사이트 머리</header>
    <article><h1>광둥성, 인공지능 행동계획 발표</h1><p>광둥성은 2025년까지 핵심 산업 규모를
    1,500억 위안으로 육성할 계획이다.</p><p>둘째 문단 &amp; 끝.</p></article>
    <aside class="related">관련 기사</aside><footer>저작권 보호</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("euc-kr"))
    source = read_source(path)
    assert source.encoding == "euc-kr" and source.fmt == "html"
    assert source.title == "광둥성, 인공지능 행동계획 발표"
    assert source.date == "2023-05-02" and source.publisher == "테스트뉴스"
    assert "1,500억 위안으로 육성할 계획이다" in source.text and "둘째 문단 & 끝." in source.text
    for noise in ("스크립트", "color", "메뉴", "사이트 머리", "관련 기사", "저작권"):
        assert noise not in source.text


def make_pdf(lines: list[str], *, image_only: bool = False) -> bytes:
    """A one-page PDF: text in a Type0 font whose codes are the code points (identity ToUnicode),
    or only an image (no text layer)."""
    objs: list[bytes | None] = []

    def add(body: bytes | None) -> int:
        objs.append(body)
        return len(objs)

    catalog, pages, page = add(None), add(None), add(None)
    if image_only:
        pixels = bytes([128] * 256)
        image = add(b"<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray "
                    b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream")
        content, resources = b"q 200 0 0 200 100 400 cm /Im1 Do Q", b"<< /XObject << /Im1 %d 0 R >> >>" % image
    else:
        cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) "
                b"/Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 "
                b"begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <FFFF> <0000> "
                b"endbfrange endcmap CMapName currentdict /CMap defineresource pop end end")
        to_unicode = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
        descriptor = add(b"<< /Type /FontDescriptor /FontName /Dummy /Flags 4 /FontBBox [0 0 1000 1000] "
                         b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>")
        cid = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Dummy /CIDSystemInfo << /Registry (Adobe) "
                  b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 >>" % descriptor)
        font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /Dummy /Encoding /Identity-H /DescendantFonts "
                   b"[%d 0 R] /ToUnicode %d 0 R >>" % (cid, to_unicode))
        ops = [b"BT /F1 12 Tf 14 TL 50 750 Td"] + [
            b"<" + line.encode("utf-16-be").hex().encode() + b"> Tj T*" for line in lines] + [b"ET"]
        content, resources = b"\n".join(ops), b"<< /Font << /F1 %d 0 R >> >>" % font
    stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objs[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages
    objs[pages - 1] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page
    objs[page - 1] = (b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %d 0 R >>"
                      % (pages, resources, stream))
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + (body or b"") + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, xref)
    return bytes(out)


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(["상하이는 2025년까지 인공지능 핵심 산업 규모를", "1,500억 위안으로 육성할 계획이다."]))
    source = read_source(path)
    assert source.fmt == "pdf" and "1,500억 위안으로 육성할 계획이다." in source.text


def test_sentences_carry_exact_offsets() -> None:
    text = read_source(CORPUS / "002_096e3aaa4d986b67.txt").text
    sentences = split(text)
    assert len(sentences) > 300
    for s in sentences:
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text
    assert not any(s.text.endswith("2023.") for s in sentences)  # "2023. 1. 20" is one date


# ---- bad input: one-line error naming the file, nothing written -------------------------------

BAD_INPUTS = {
    "empty": ("empty.txt", b"  \n\n", "empty-file"),
    "binary": ("data.txt", bytes(range(256)) * 40, "binary-file"),
    "image-pdf": ("scan.pdf", make_pdf([], image_only=True), "no-text-layer"),
    "encoding": ("latin1.txt", ("Déjà vu, café crème à la française. " * 40).encode("latin-1"), "bad-encoding"),
    "noise": ("noise.txt", bytes((0xB0 + (i * 7) % 24) if i % 2 == 0 else (0xA1 + (i * 13) % 90)
                                 for i in range(6000)), "bad-encoding"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_fails_cleanly_and_writes_nothing(store: Path, tmp_path: Path, case: str) -> None:
    name, data, rule = BAD_INPUTS[case]
    bad = tmp_path / name
    bad.write_bytes(data)
    good = CORPUS / "003_cc08ff2c2edef71c.txt"
    before = state(store)
    result = kg("ingest", str(good), str(bad), "--store", str(store), check=False)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("kg ingest: error: ") and str(bad) in lines[-1] and f"[{rule}]" in lines[-1]
    assert "Traceback" not in result.stderr
    assert state(store) == before


def test_oversized_file_is_refused(store: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(("상하이는 2025년까지 육성한다. " * 40000).encode("utf-8"))  # ~1.6 MB
    before = state(store)
    result = kg("ingest", str(big), "--store", str(store), "--max-mb", "1", check=False)
    assert result.returncode == 1 and "[too-large]" in result.stderr and str(big) in result.stderr
    assert state(store) == before
    with pytest.raises(KGError, match="over the 1000 bytes limit"):
        read_source(big, max_bytes=1000)
    assert read_source(big).text.startswith("상하이는")  # the default limit is 20 MB


# ---- gazetteer and mentions ----------------------------------------------------------------------


def test_gazetteer_comes_from_the_store(gazetteer: gz.Gazetteer) -> None:
    shanghai = gazetteer.entries[ID + "region/shanghai"]
    assert shanghai.type == "region" and "상하이" in shanghai.labels["ko"] and "上海市" in shanghai.labels["zh"]
    assert all(not iri.startswith(gz.PROPOSED_BASE) for iri in gazetteer.entries)
    found = {(text[m.start:m.end], m.entries[0].short) for text in ["중국과학원은 상하이에서 중국 내 항저우시는"]
             for m in gazetteer.find(text)}
    assert ("중국과학원", "org/cas") in found and ("상하이", "region/shanghai") in found
    assert ("항저우시", "region/hangzhou") in found and ("중국", "region/china") in found
    assert not any(m.start == 0 and m.end == 2 for m in gazetteer.find("중국과학원은"))  # no 중국 inside a name


def _extract(text: str, gazetteer: gz.Gazetteer, tmp_path: Path, name: str = "unseen.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract(path, gazetteer)


def test_unseen_titles_organisations_and_people_become_proposals(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    x = _extract("허페이시는 ‘허페이시 양자산업 육성 3년 행동방안(合肥市量子产业发展三年行动方案)’을 발표했다. "
                 "칭화대학(清华大学)과 창장메모리(长江存储科技有限责任公司)는 안후이성에 공동연구원을 세운다. "
                 "왕린(王琳) 교수는 이를 환영했다.", gazetteer, tmp_path)
    by_type = {(m.type, m.text) for m in x.mentions}
    assert ("document", "허페이시 양자산업 육성 3년 행동방안(合肥市量子产业发展三年行动方案)") in by_type
    assert ("organisation", "칭화대학(清华大学)") in by_type and ("person", "왕린(王琳)") in by_type
    assert ("organisation", "창장메모리(长江存储科技有限责任公司)") in by_type
    assert ("region", "허페이시") in by_type and ("region", "안후이성") in by_type
    doc = next(m for m in x.mentions if m.type == "document")
    assert doc.proposed and doc.entity.startswith(f"{ID}proposed/{x.doc_id}/document-")
    assert doc.attrs["zh"] == "合肥市量子产业发展三年行动方案"


def test_organisation_name_shapes_become_proposals(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    x = _extract("중국과학원 자동화연구소와 난카이대학교 환경공학부는 공동으로 선전 로봇혁신센터를 세웠다. "
                 "허페이양자실험실은 연구를 맡는다. 수석연구원 왕린(王琳) 박사가 참석했다.\n"
                 "출처: 과기일보, 인민망 (03.11)\n", gazetteer, tmp_path)
    orgs = {m.text for m in x.mentions if m.type == "organisation"}
    assert {"중국과학원 자동화연구소", "난카이대학교 환경공학부", "허페이양자실험실", "과기일보", "인민망"} <= orgs
    assert not any("수석연구원" in o for o in orgs)  # a researcher's rank, not an institute
    unit = next(m for m in x.mentions if m.text == "난카이대학교 환경공학부")  # in no table: a proposal
    assert unit.proposed and unit.attrs["parent"] == ID + "org/nankai-university"


def test_reference_gazetteer_knows_places_and_bodies_no_report_names(gazetteer: gz.Gazetteer,
                                                                      tmp_path: Path) -> None:
    x = _extract("허베이성 장자커우시는 2025년까지 수소 산업 규모를 850억 위안으로 키울 계획이다. "
                 "네이멍구와 대만, 미국도 언급됐다.", gazetteer, tmp_path)
    regions = {(m.text, m.entity[len(ID):]) for m in x.mentions if m.type == "region"}
    assert {("허베이성", "region/hebei"), ("장자커우시", "region/zhangjiakou")} <= regions
    assert {"네이멍구", "대만", "미국"} <= {text for text, _ in regions}
    assert _targets(x) == {("region/zhangjiakou", 85000000000, "CNY", 2025, None)}


# ---- relations on sentences no report of the corpus contains --------------------------------------


def _targets(x) -> set[tuple[str, int, str, int, str | None]]:
    return {(f.attrs["jurisdiction"][len(ID):], int(f.attrs["value"]), f.attrs["unit"], f.attrs["year"],
             f.attrs["scope"]) for f in x.facts if f.kind == "target"}


@pytest.mark.parametrize("text,expected", [
    ("허페이시는 2026년까지 양자 핵심 산업 규모를 500억 위안 이상으로 확대할 계획이다.",
     {("region/hefei", 50000000000, "CNY", 2026, "core")}),
    ("베이징과 톈진은 2030년까지 관련 산업 규모를 각각 2조 위안과 1조 위안으로 키우겠다고 밝혔다.",
     {("region/beijing", 2 * 10**12, "CNY", 2030, "related"), ("region/tianjin", 10**12, "CNY", 2030, "related")}),
    ("후난성은 ’26년에 로봇 기업 300개를 육성할 예정이다.", {("region/hunan", 300, "count", 2026, None)}),
    ("안후이성은 지난해 인공지능 산업 규모가 3000억 위안을 돌파했다.", set()),  # past: a statistic
    ("상하이, 베이징과 선전은 2025년까지 합계 1조 위안을 목표로 한다.", set()),  # one amount, three regions
    ("2018년까지 장시성은 1000억 위안을 달성했다.", set()),
])
def test_target_rules_on_unseen_sentences(gazetteer: gz.Gazetteer, tmp_path: Path, text: str,
                                          expected: set) -> None:
    assert _targets(_extract(text, gazetteer, tmp_path)) == expected


def test_context_year_and_region_carry_within_a_section(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    text = ("■후난성 인공지능 계획\n후난성은 2027년까지 핵심 산업 규모를 2000억 위안으로 키운다. "
            "또 관련 산업 규모는 5000억 위안을 넘어서도록 할 방침이다.\n■다른 소식\n기업 50개를 육성한다.")
    found = _targets(_extract(text, gazetteer, tmp_path))
    assert found == {("region/hunan", 200000000000, "CNY", 2027, "core"),
                     ("region/hunan", 500000000000, "CNY", 2027, "related")}


def test_issuing_bodies_locations_and_founders(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    x = _extract("재정부와 국가세무총국은 공동으로 ‘집적회로 기업 세제 지원 통지’를 발표했다. "
                 "중국과학원과 푸단대학은 허페이시에서 양자 연구원(量子研究院)을 공동 설립했다.", gazetteer, tmp_path)
    rel = {(f.kind, (f.subject or "")[len(ID):].split("/")[0], (f.object or "")[len(ID):]) for f in x.facts}
    assert ("issuedBy", "proposed", "body/mof") in rel and ("issuedBy", "proposed", "body/sta") in rel
    assert ("location", "proposed", "region/hefei") in rel
    assert ("foundedBy", "proposed", "org/cas") in rel and ("foundedBy", "proposed", "org/fudan") in rel


# ---- ingest into a store ------------------------------------------------------------------------


def test_ingest_corpus_then_query_a_target_with_its_sentence(store: Path) -> None:
    files = [str(p) for p in corpus_files()]
    before = state(store)
    result = kg("ingest", *files, "--store", str(store), "--report-out", str(store.parent / "run.json"))
    assert "ingested 4 document(s)" in result.stdout
    assert "[" in result.stderr and "4/4" in result.stderr  # the progress bar
    report = json.loads((store.parent / "run.json").read_text(encoding="utf-8"))
    assert len(report["documents"]) == 4 and report["quads"] > 1000
    after = state(store)
    assert after[0] != before[0] and after[2] == before[2]  # new version, curated graphs untouched
    rows = open_store(store).query(TARGET_QUERY, prefixes=PREFIXES).rows
    assert len(rows) >= 20
    texts = {p.name: read_source(p).text for p in corpus_files()}
    shanghai = [r for r in rows if r[1].value == ID + "region/shanghai" and r[2].value == "100000000000"]
    assert shanghai and shanghai[0][3].value == "2020"
    start, end, sentence = int(shanghai[0][5].value), int(shanghai[0][6].value), shanghai[0][7].value
    assert texts["003_cc08ff2c2edef71c.txt"][start:end] == sentence and "1000억 위안" in sentence
    assert all(0 < float(r[4].value) <= 1 for r in rows)
    # the documented query, through the CLI
    out = kg("query", "--store", str(store), "--format", "json", TARGET_QUERY).stdout
    assert len(json.loads(out)["results"]["bindings"]) == len(rows)


def test_reingest_changes_nothing_and_renamed_copy_replaces(store: Path, tmp_path: Path) -> None:
    files = [str(p) for p in corpus_files()]
    kg("ingest", *files, "--store", str(store), "-q")
    first = ingest_nquads(store)
    result = kg("ingest", *files, "--store", str(store), "-q")
    assert result.stderr == ""  # -q: no progress bar
    assert ingest_nquads(store) == first
    renamed = tmp_path / "renamed.txt"
    shutil.copy(CORPUS / "004_58cc2174c4f770a3.txt", renamed)
    kg("ingest", str(renamed), "--store", str(store), "-q")
    graphs = [g for g in EmbeddedStore(store).graphs() if g.startswith(INGEST_GRAPH_PREFIX)]
    assert len(graphs) == 4 and any(g.endswith("/renamed-9b996424e67c") for g in graphs)


def test_review_lists_proposals_with_sentences_and_yaml(store: Path) -> None:
    kg("ingest", *[str(p) for p in corpus_files()], "--store", str(store), "-q")
    table = kg("review", "--store", str(store)).stdout
    assert "proposed entities" in table and "sentence (chars" in table and "suggestion for data/facts.yaml" in table
    assert "[already curated: target:shanghai-ai-core-industry-2020]" in table
    data = json.loads(kg("review", "--store", str(store), "--format", "json",
                         "--doc", "003-cc08ff2c2edef71c-40fea4a22099").stdout)
    [doc] = data["documents"]
    assert doc["curated_report"] == ID + "report/ai-local-policies-2017-11-23"
    target = next(f for f in doc["facts"] if f["kind"] == "target" and not f["already_curated"])
    import yaml

    [record] = yaml.safe_load(target["suggestion"][1])
    assert record["type"] == "Target" and record["sources"][0]["report"] == "ai-local-policies-2017-11-23"
    bad = kg("review", "--store", str(store), "--doc", "nope", check=False)
    assert bad.returncode == 1 and "no ingested document 'nope'" in bad.stderr


# ---- quality against the gold annotations -----------------------------------------------------


def test_gold_files_resolve() -> None:
    files = sorted(GOLD_DIR.glob("*.yaml"))
    assert len(files) == 4
    for path in files:
        text = read_source(CORPUS / path.name.replace(".yaml", ".txt")).text
        gold = load_gold(path, text)
        assert gold.mentions and all(text[g.start:g.end] == g.text for g in gold.mentions)


def test_eval_floors_hold(base_store: Path) -> None:
    result = evaluate(str(base_store), CORPUS)
    assert result.overall.precision >= 0.95 and result.overall.recall >= 0.90
    assert result.targets.precision >= 0.90 and result.targets.recall >= 0.80
    for kind in ("region", "organisation", "document", "amount", "year", "percent"):
        assert result.per_type[kind].tp + result.per_type[kind].fn > 0


def test_eval_ingest_command_prints_the_figures(base_store: Path) -> None:
    out = kg("eval-ingest", "--store", str(base_store), "--check").stdout
    for word in ("region", "organisation", "document", "amount", "year", "percent", "targets", "-> hold"):
        assert word in out


def test_extraction_is_deterministic(gazetteer: gz.Gazetteer) -> None:
    source = read_source(CORPUS / "002_096e3aaa4d986b67.txt")
    a, b = extract_source(source, gazetteer), extract_source(source, gazetteer)
    assert [(m.start, m.end, m.type, m.entity) for m in a.mentions] == [
        (m.start, m.end, m.type, m.entity) for m in b.mentions]
    from loaders.ingest.rdf import to_quads

    assert sorted(map(str, to_quads(a))) == sorted(map(str, to_quads(b)))
    assert all(isinstance(q.graph_name, ox.NamedNode) for q in to_quads(a))

