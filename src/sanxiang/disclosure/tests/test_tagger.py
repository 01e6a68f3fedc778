"""The statistical tagger's part of name detection (round 11): names with no cue around them.

Every text here is written for the test (none is from an evaluation set). The first group has
names that no rule points to — the tagger must find them; the second group is the tagger's known
noise (its dictionary tags 申请人, 许可证, 童工 … as person names), places and amounts, which
must stay.
"""

import pytest

from sanxiang.disclosure import tagger
from sanxiang.disclosure.redaction import Known, find_spans

TAGGER_REASON = "分词模型标注的人名"


def _names(text: str, known: Known | None = None) -> dict[str, str]:
    return {text[s.start : s.end]: s.reason for s in find_spans(text, known) if s.kind == "name"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("付款凭证显示，该笔补贴转入戴明辉个人账户。", "戴明辉"),
        ("该笔款项最终由黎晓峰垫付。", "黎晓峰"),
        ("胡蓓蓓已于当日补缴社会保险费。", "胡蓓蓓"),
        ("项目资金于次日转入谭志刚控制的账户。", "谭志刚"),
        ("经核实，韦丽娟并未参与项目研发。", "韦丽娟"),
    ],
)
def test_a_name_without_any_cue_is_found_by_the_tagger(text: str, name: str) -> None:
    assert _names(text) == {name: TAGGER_REASON}


def test_a_tagged_name_is_removed_everywhere_it_appears() -> None:
    text = "该笔款项最终由黎晓峰垫付。次月，黎晓峰又垫付了第二笔。"
    spans = [s for s in find_spans(text) if s.kind == "name"]
    second = text.index("黎晓峰", 10)
    assert [(s.start, s.end) for s in spans] == [(7, 10), (second, second + 3)]


@pytest.mark.parametrize(
    "text",
    [
        # jieba's dictionary tags each of these words nr: never taken from the dictionary.
        "申请人提交的材料齐全，许可证有效期五年。",
        "依据《禁止使用童工规定》第六条，依照《中华人民共和国行政许可法》办理。",
        "请你单位今后严格遵守劳动保障法律法规，按时付清款项。",
        # An amount in capital numerals (伍万元) and place names are not people.
        "决定对你单位处以罚款人民币伍万元整。",
        "柏泉街道、辛安渡街道的调解组织共受理纠纷9件。",
    ],
)
def test_dictionary_words_amounts_and_places_stay(text: str) -> None:
    assert _names(text) == {}


def test_officers_named_after_their_role_stay() -> None:
    # 送达人、记录员、听证员、监察员 are the agency's people (published anyway); 受送达人 is not.
    text = (
        "送达人：彭建华、邹丽。受送达人：万晓东（签收）。"
        "听证员：覃秀芳；记录员：杜海燕。如有异议，可咨询我局监察员汤志勇。"
    )
    assert set(_names(text)) == {"万晓东"}


def test_a_recorded_person_is_removed_even_with_an_officer_cue() -> None:
    # keep never wins over the case record: a recorded name is removed wherever it stands.
    text = "记录员：杜海燕。"
    assert set(_names(text, Known(names=("杜海燕",)))) == {"杜海燕"}


def test_tokens_carry_offsets_into_the_original_text() -> None:
    text = "经核实，韦丽娟并未参与。"
    toks = tagger.tokens(text)
    assert "".join(t.word for t in toks) == text
    assert all(text[t.start : t.end] == t.word for t in toks)
    assert tagger.in_dictionary("许可证") and not tagger.in_dictionary("韦丽娟")
