"""The ``[documents]`` table (issue 8): 文号 patterns and template fragments, checked at load.

``sanxiang policy check`` reports a pattern with an unknown placeholder or without its year or
sequence, a document type the documents app does not know, and a template fragment that names
a file-reading Typst function — each as ``FILE: key.path: reason``.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from sanxiang.policy.loader import PACKS_DIR, check_file, load_file, load_pack

from .packs import agency


def check_agency(packs_dir: Path, body: str) -> list[str]:
    path = agency(packs_dir, body)
    return [str(p).replace(f"{packs_dir}/", "") for p in check_file(path, packs_dir=packs_dir)]


def test_a_documents_table_loads_and_merges(packs_dir: Path) -> None:
    national = packs_dir / "national.toml"
    national.write_text(
        national.read_text(encoding="utf-8")
        + '\n[documents.numbering]\ndefault = "{abbr}{code}〔{year}〕{seq}号"\n',
        encoding="utf-8",
    )
    body = """
    [documents]
    abbreviation = "武人社"
    numbering = { penalty_decision = "武人社罚字〔{year}〕第{seq:03}号" }
    templates = { service_receipt = "#header() #title() #form() 注：本局格式" }
    """
    assert check_agency(packs_dir, body) == []
    pack = load_file(packs_dir / "agency.toml", packs_dir=packs_dir)
    documents = pack.model.documents
    assert documents is not None and documents.abbreviation == "武人社"
    # The national default is inherited beside the agency's own series.
    assert documents.numbering == {
        "default": "{abbr}{code}〔{year}〕{seq}号",
        "penalty_decision": "武人社罚字〔{year}〕第{seq:03}号",
    }


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("武人社罚〔{year}〕号", "has no {seq}"),
        ("武人社罚{seq}号", "has no {year}"),
        ("{agency}罚〔{year}〕{seq}号", "unknown placeholder {agency}"),
        ("罚〔{year}〕{}号", "unknown placeholder {}"),
        ("罚〔{year}〕{seq号", "is not a valid pattern"),
        ("罚〔{year:04}〕{seq}号", "{year} takes no format"),
    ],
)
def test_bad_numbering_patterns(packs_dir: Path, pattern: str, reason: str) -> None:
    body = f"""
    [documents.numbering]
    penalty_decision = "{pattern}"
    """
    found = check_agency(packs_dir, body)
    assert len(found) == 1, found
    assert found[0].startswith("agency.toml: documents.numbering.penalty_decision: ")
    assert reason in found[0]


def test_unknown_document_type(packs_dir: Path) -> None:
    body = """
    [documents.numbering]
    penalty_decison = "{abbr}罚〔{year}〕{seq}号"
    """
    assert check_agency(packs_dir, body) == [
        "agency.toml: documents.numbering: unknown document type 'penalty_decison'"
    ]


def test_numbering_a_form_that_carries_no_number(packs_dir: Path) -> None:
    body = """
    [documents.numbering]
    inquiry_transcript = "{abbr}询〔{year}〕{seq}号"
    """
    found = check_agency(packs_dir, body)
    assert found == [
        "agency.toml: documents.numbering: 'inquiry_transcript' (询问笔录) carries no 文号"
    ]


@pytest.mark.parametrize("call", ['#read("/etc/passwd")', '#import "x.typ": *', '#image("a")'])
def test_template_fragment_may_not_reach_files(packs_dir: Path, call: str) -> None:
    body = f"""
    [documents.templates]
    penalty_decision = '''{call}'''
    """
    found = check_agency(packs_dir, body)
    assert len(found) == 1 and found[0].startswith(
        "agency.toml: documents.templates.penalty_decision: template fragment may not use"
    ), found


def test_unknown_key_in_documents(packs_dir: Path) -> None:
    body = """
    [documents]
    abbrevation = "武人社"
    """
    assert check_agency(packs_dir, body) == ["agency.toml: documents.abbrevation: unknown key"]


def test_policy_check_command_reports_a_bad_pattern(tmp_path: Path) -> None:
    national = PACKS_DIR / "national.toml"
    bad = tmp_path / "bad.toml"
    bad.write_text(
        national.read_text(encoding="utf-8").replace(
            'default = "{abbr}{code}〔{year}〕{seq}号"', 'default = "{abbr}{code}〔{year}〕号"'
        ),
        encoding="utf-8",
    )
    out = io.StringIO()
    with pytest.raises(SystemExit) as failed:
        call_command("policy", "check", str(bad), stdout=out)
    assert failed.value.code == 1
    assert "documents.numbering.default" in out.getvalue()
    assert "has no {seq}" in out.getvalue()


def test_shipped_packs_give_every_agency_its_abbreviation() -> None:
    expected = {
        "wuhan-kjj": "武科",
        "wuhan-rsj": "武人社",
        "liuzhou-kjj": "柳科",
        "qiaokou-rzj": "硚人",
        "dongxihu-sfj": "东司",
    }
    for slug, abbreviation in expected.items():
        documents = load_pack(slug).model.documents
        assert documents is not None and documents.abbreviation == abbreviation
        assert documents.numbering["default"] == "{abbr}{code}〔{year}〕{seq}号"
