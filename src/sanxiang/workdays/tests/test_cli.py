"""``sanxiang workdays …``: output, JSON shape, exit codes, and load-year from a file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sanxiang.accounts.models import User
from sanxiang.workdays.models import HolidayDay, HolidayYear
from sanxiang.workdays.tests.helpers import DATA, example_2027

REPO = Path(__file__).resolve().parents[4]


def run(*args: str) -> str:
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_add_prints_the_due_date_then_the_explanation() -> None:
    lines = run("add", "2026-09-29", "7").splitlines()
    assert lines[0] == "2026-10-14"
    assert any("跳过 2026-10-01：国庆节放假" in line for line in lines)
    assert lines[-1].startswith("依据：")


@pytest.mark.django_db
def test_add_json_has_exactly_the_documented_keys() -> None:
    data = json.loads(run("add", "2026-09-29", "7", "--json"))
    assert list(data) == ["due", "provisional", "skipped", "basis"]
    assert data["due"] == "2026-10-14"
    assert data["provisional"] is False
    assert {"date": "2026-10-11", "reason": "周日"} in data["skipped"]
    assert "国办发明电〔2025〕7号" in data["basis"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "due", "provisional"),
    [
        (["2026-09-24", "7", "--unit", "day"], "2026-10-08", False),
        (["2026-09-01", "1", "--unit", "month"], "2026-10-08", False),
        (["2026-12-31", "1", "--unit", "workday"], "2027-01-01", True),
    ],
)
def test_add_units(args: list[str], due: str, provisional: bool) -> None:
    data = json.loads(run("add", *args, "--json"))
    assert (data["due"], data["provisional"]) == (due, provisional)


@pytest.mark.django_db
def test_is_workday() -> None:
    assert run("is-workday", "2026-10-10").strip() == "是：2026-10-10 周六，国庆节调休上班"
    assert run("is-workday", "2026-10-01").strip() == "否：2026-10-01 国庆节放假"
    assert run("is-workday", "2026-10-09").strip() == "是：2026-10-09 周五"
    assert "暂定" in run("is-workday", "2027-01-01")


@pytest.mark.django_db
def test_years_without_loaded_years() -> None:
    out = run("years")
    assert "节假日安排表：2004–2026 年" in out
    assert "数据库载入：无" in out


def test_load_year_from_a_file(tmp_path: Path, platform_admin: User) -> None:
    path = tmp_path / "2027.json"
    path.write_text(json.dumps(example_2027(), ensure_ascii=False), encoding="utf-8")
    assert "已载入 2027 年" in run("load-year", str(path), "--as", "platform_admin")
    assert "节假日安排表：2004–2027 年" in run("years")
    assert json.loads(run("add", "2026-12-31", "1", "--json"))["due"] == "2027-01-04"


def test_load_year_refuses_the_example_file(platform_admin: User) -> None:
    with pytest.raises(CommandError) as info:
        run("load-year", str(DATA / "example-2027.json"), "--as", "platform_admin")
    assert info.value.returncode == 1
    assert "示例" in str(info.value)
    assert HolidayYear.objects.count() == HolidayDay.objects.count() == 0


def test_load_year_refuses_a_gap(tmp_path: Path, platform_admin: User) -> None:
    data = example_2027()
    data.update(year=2029, off={"2029-10-01": "国庆节"}, work={})
    path = tmp_path / "2029.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError) as info:
        run("load-year", str(path), "--as", "platform_admin")
    assert info.value.returncode == 1
    assert "年份不连续" in str(info.value) and "gap" in str(info.value)
    assert HolidayYear.objects.count() == HolidayDay.objects.count() == 0


def test_load_year_prints_one_line_per_problem(tmp_path: Path, platform_admin: User) -> None:
    data = example_2027()
    data["work"] = {"2027-10-08": "国庆节", "2027-10-09": "国庆"}  # a Friday; a wrong name
    path = tmp_path / "2027.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError) as info:
        run("load-year", str(path), "--as", "platform_admin")
    lines = str(info.value).splitlines()
    assert lines[0] == "未载入 / not loaded:"
    assert lines[1].startswith(f"{path}: work: 2027-10-08 是周五")
    assert lines[2].startswith(f"{path}: work: 2027-10-09 的节日名称“国庆”")
    assert HolidayYear.objects.count() == HolidayDay.objects.count() == 0


def test_load_year_refuses_a_non_administrator(tmp_path: Path, officer_a: User) -> None:
    path = tmp_path / "2027.json"
    path.write_text(json.dumps(example_2027(), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="平台管理员") as info:
        run("load-year", str(path), "--as", "officer_a")
    assert info.value.returncode == 1
    assert HolidayYear.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "无法读取文件"), (b"{oops", "不是有效的 JSON")],
)
def test_load_year_unreadable_file_is_a_usage_error(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "2027.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as info:
        run("load-year", str(path), "--as", "nobody")
    assert info.value.returncode == 2


def cli(tmp_path: Path, *args: str, program: str = "manage.py") -> subprocess.CompletedProcess[str]:
    """The command in its own process, on a throwaway SQLite database.

    ``program="sanxiang"`` runs the installed console script, exactly what a user types.
    """
    env = {k: v for k, v in os.environ.items() if k != "SANXIANG_DATABASE_URL"}
    env["SANXIANG_VAR_DIR"] = str(tmp_path)
    if program == "sanxiang":
        command = [str(Path(sys.executable).with_name("sanxiang"))]
    else:
        command = [sys.executable, str(REPO / "manage.py")]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2026-13-01", "3"], "日期格式应为 YYYY-MM-DD"),
        (["yesterday", "3"], "日期格式应为 YYYY-MM-DD"),
        (["20260929", "3"], "日期格式应为 YYYY-MM-DD"),
        (["2026-09-29", "-3"], "期限不能为负数"),
        (["2026-09-29", "three"], "期限应为非负整数"),
        (["2026-09-29", "3", "--unit", "week"], "未知的期限单位"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = cli(tmp_path, "workdays", "add", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_missing_action_exits_2(tmp_path: Path) -> None:
    assert cli(tmp_path, "workdays").returncode == 2


@pytest.mark.slow
def test_brief_example_end_to_end(tmp_path: Path) -> None:
    assert cli(tmp_path, "migrate", "-v0").returncode == 0
    result = cli(tmp_path, "workdays", "add", "2026-09-29", "7", program="sanxiang")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "2026-10-14"
    result = cli(tmp_path, "workdays", "add", "2026-09-29", "-7", program="sanxiang")
    assert result.returncode == 2 and "期限不能为负数" in result.stderr
    result = cli(tmp_path, "workdays", "is-workday", "2026-10-01", program="sanxiang")
    assert (result.returncode, result.stdout.strip()) == (0, "否：2026-10-01 国庆节放假")
