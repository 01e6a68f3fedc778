"""The deadline calculator works on a machine where no database was ever set up."""

import os
import subprocess
import sys
from pathlib import Path

SANXIANG = Path(sys.executable).with_name("sanxiang")


def test_add_answers_from_the_repository_table_without_a_database(tmp_path: Path) -> None:
    env = {**os.environ, "SANXIANG_VAR_DIR": str(tmp_path)}
    env.pop("SANXIANG_DATABASE_URL", None)
    result = subprocess.run(
        [str(SANXIANG), "workdays", "add", "2026-09-29", "7"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "2026-10-14" in result.stdout
