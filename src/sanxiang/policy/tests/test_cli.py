"""`sanxiang policy list|show|check`: output format and exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sanxiang.policy.loader import PACKS_DIR, pack_slugs

GOOD = """
[pack]
slug = "draft"
name = "草稿局"
extends = "national"
version = "0.1"
effective = 2026-01-01

[[deadlines]]
id = "draft_deadline"
label = "立案审批"
trigger = "case_filed"
amount = 3
unit = "workday"
cite = "草稿局办法 第五条"
"""

BAD = """
[pack]
slug = "draft"
name = "草稿局"
extends = "national"
version = "0.1"
effective = 2026-01-01
colour = "red"

[[deadlines]]
id = "draft_deadline"
label = "x"
trigger = "case_filed"
amount = 3
unit = "weeks"
cite = "某办法 第一条"
"""


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("policy", *args, stdout=out)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue()
    return 0, out.getvalue()


def test_check_a_valid_file_outside_the_packs_dir_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "draft.toml"
    path.write_text(GOOD, encoding="utf-8")
    code, output = run("check", str(path))
    assert code == 0
    assert output == "ok: 1 pack(s) valid\n"


def test_check_an_invalid_file_exits_1_with_one_line_per_problem(tmp_path: Path) -> None:
    path = tmp_path / "draft.toml"
    path.write_text(BAD, encoding="utf-8")
    code, output = run("check", str(path))
    assert code == 1
    first, second = output.splitlines()
    assert first == f"{path}: pack.colour: unknown key"
    # The index is the rule's position in the resolved list, after the national deadlines.
    assert second.startswith(f"{path}: deadlines[")
    assert second.endswith("].unit: 'weeks' is not one of 'workday', 'day' or 'month'")


def test_check_several_files_reports_each(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.toml", tmp_path / "bad.toml"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text("[pack\n", encoding="utf-8")
    code, output = run("check", str(good), str(bad))
    assert code == 1
    assert output.splitlines() == [
        f"{bad}: line 1, column 6: TOML syntax error: "
        "Expected ']' at the end of a table declaration"
    ]


def test_check_a_missing_file(tmp_path: Path) -> None:
    code, output = run("check", str(tmp_path / "nope.toml"))
    assert (code, output) == (1, f"{tmp_path / 'nope.toml'}: (file): no such file\n")


def test_list_shows_every_shipped_pack() -> None:
    code, output = run("list")
    assert code == 0
    lines = output.splitlines()
    assert lines[0].split() == ["slug", "name", "version", "extends", "rules"]
    assert [line.split()[0] for line in lines[1:]] == pack_slugs()
    national = lines[1].split()
    assert national[0] == "national" and national[3] == "-" and int(national[4]) > 10


def test_show_prints_every_rule_with_its_citation() -> None:
    code, output = run("show", "national")
    assert code == 0
    assert "作出行政处罚决定" in output
    assert "依据 中华人民共和国行政处罚法 第六十条" in output
    assert "依据 中华人民共和国行政处罚法 第四十八条" in output


def test_show_json_is_the_resolved_pack_with_provenance() -> None:
    code, output = run("show", "national", "--json")
    assert code == 0
    payload = json.loads(output)
    assert payload["pack"]["pack"]["slug"] == "national"
    assert payload["provenance"]["penalty_decision"] == {"origin": "national", "status": "own"}


def test_show_an_unknown_pack_is_a_clear_error() -> None:
    with pytest.raises(CommandError, match="no policy pack 'atlantis'"):
        call_command("policy", "show", "atlantis")


def test_the_console_script_exits_1_for_a_bad_pack(tmp_path: Path) -> None:
    path = tmp_path / "draft.toml"
    path.write_text(BAD, encoding="utf-8")
    script = Path(sys.executable).with_name("sanxiang")
    env = {**os.environ, "SANXIANG_VAR_DIR": str(tmp_path / "var")}
    result = subprocess.run(
        [str(script), "policy", "check", str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == f"{path}: pack.colour: unknown key"
    assert PACKS_DIR.is_dir()
