from pathlib import Path

import pytest

from .packs import MINI_NATIONAL, write


@pytest.fixture
def packs_dir(tmp_path: Path) -> Path:
    """A packs dir holding only the minimal national pack."""
    directory = tmp_path / "packs"
    directory.mkdir()
    write(directory, "national", MINI_NATIONAL)
    return directory
