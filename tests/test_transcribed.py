"""Glossed names written as a transcription of their Chinese original (loaders/ingest/transcribed.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.ingest import gazetteer as gz
from loaders.ingest.pipeline import extract
from loaders.ingest.transcribed import transcribed_prefix


@pytest.mark.parametrize("hangul,hanzi,expected", [
    ("류례훙", "劉烈宏", 3),  # a person, by sound
    ("다이충하이", "戴瓊海", 3),  # a traditional character with two readings (瓊 qiong/xuan)
    ("싸이리쓰", "賽力斯", 3),
    ("허린거얼", "和林格爾", 4),
    ("톈푸", "天府", 2),
    ("텐푸", "天府", 2),  # the press's spelling beside the orthography's
    ("징청기전", "京城機電", 2),  # two characters by sound, the rest read the Korean way
    ("이구환신", "以舊換新", 0),  # a slogan read the Korean way: not a name
    ("신질생산력", "新質生產力", 0),
    ("중국에너지건설", "中國能建", 0),  # a translation
    ("상해", "上海", 0),  # the Korean reading of a place name
])
def test_transcription_is_told_from_korean_reading(hangul: str, hanzi: str, expected: int) -> None:
    assert transcribed_prefix(hangul, hanzi) == expected


def _types(text: str, gazetteer: gz.Gazetteer, tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "unseen.txt"
    path.write_text(text, encoding="utf-8")
    return {m.text: m.type for m in extract(path, gazetteer).mentions
            if m.type in ("person", "organisation", "region")}


def test_glossed_names_take_their_class_from_context(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    found = _types(
        "궈밍하오(郭明浩) 공업정보화부 국장은 계획을 설명했다. "
        "창안자동차(長安汽車), 둥펑란투(東風嵐圖), 싸이리쓰(賽力斯) 등 완성차 기업이 참여한다. "
        "후이다오(匯道) 등 10곳에 시범구를 지정했다.\n"
        "청위\t쓰촨성 톈푸(天府)\t14만 개\n", gazetteer, tmp_path)
    assert found["궈밍하오(郭明浩)"] == "person"  # a surname first, a title after
    assert found["둥펑란투(東風嵐圖)"] == "organisation"  # its neighbours in the enumeration
    assert found["싸이리쓰(賽力斯)"] == "organisation"
    assert found["후이다오(匯道)"] == "region"  # "등 10곳" counts places
    assert found["톈푸(天府)"] == "region"  # a table cell: a province, then the name


def test_glossed_names_without_a_telling_context_are_left_out(gazetteer: gz.Gazetteer, tmp_path: Path) -> None:
    found = _types("이항(億航)은 지난해 인증을 받았다. 정부는 이구환신(以舊換新)을 추진한다.", gazetteer, tmp_path)
    assert "이항(億航)" not in found and not any("이구환신" in name for name in found)
