"""`sanxiang serve` refuses an uninitialised database instead of answering every page with 500."""

import os
import subprocess
import sys
from pathlib import Path

SANXIANG = Path(sys.executable).with_name("sanxiang")


def test_serve_refuses_an_unmigrated_database(tmp_path: Path) -> None:
    env = {**os.environ, "SANXIANG_VAR_DIR": str(tmp_path)}
    env.pop("SANXIANG_DATABASE_URL", None)
    result = subprocess.run(
        [str(SANXIANG), "serve", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "sanxiang demo --no-serve" in result.stderr


def test_a_var_dir_that_is_a_file_is_a_configuration_error(tmp_path: Path) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    env = {**os.environ, "SANXIANG_VAR_DIR": str(not_a_dir)}
    result = subprocess.run(
        [str(SANXIANG), "--help"], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 2
    assert "is not a directory" in result.stderr


def test_a_command_needing_the_database_says_to_migrate_first(tmp_path: Path) -> None:
    env = {**os.environ, "SANXIANG_VAR_DIR": str(tmp_path)}
    env.pop("SANXIANG_DATABASE_URL", None)
    result = subprocess.run(
        [str(SANXIANG), "ledger", "verify"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "sanxiang manage migrate" in result.stderr
    assert "Traceback" not in result.stderr
