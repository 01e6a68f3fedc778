"""``sanxiang ledger …``: JSON shapes, defaults and exit codes."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from django.core.management.base import CommandError

from sanxiang.accounts.models import User
from sanxiang.ledger import merkle
from sanxiang.ledger.models import Checkpoint, LedgerEntry
from sanxiang.ledger.tests.helpers import fill, run, run_json
from sanxiang.registry.models import Agency

pytestmark = pytest.mark.django_db


def test_checkpoint_signs_only_when_the_log_grew(
    agency_a: Agency, agency_b: Agency, officer_a: User
) -> None:
    fill(agency_a, officer_a, 3)
    code, first = run_json("checkpoint", "--agency", agency_a.slug)
    assert code == 0
    assert first["tree_size"] == 3 and first["agency"] == agency_a.slug
    assert set(first) == {
        "agency", "algorithm", "key_id", "log", "root_hash", "time", "tree_size", "v", "signature"
    }  # fmt: skip
    assert first["time"].endswith("+08:00")
    _, again = run_json("checkpoint", "--agency", agency_a.slug)
    assert again == first
    assert Checkpoint.objects.count() == 1
    fill(agency_b, None, 2)
    _, both = run_json("checkpoint")
    assert [(c["agency"], c["tree_size"]) for c in both] == [
        (agency_b.slug, 2),
        (agency_a.slug, 3),
    ]
    with pytest.raises(CommandError):
        run("checkpoint", "--agency", "no-such-agency")


def test_proof_defaults_to_the_latest_checkpoint(agency_a: Agency, officer_a: User) -> None:
    fill(agency_a, officer_a, 6)
    _, checkpoint = run_json("checkpoint", "--agency", agency_a.slug)
    fill(agency_a, officer_a, 3, start=6)
    code, proof = run_json("proof", "--agency", agency_a.slug, "--index", "5")
    assert code == 0
    assert set(proof) == {
        "agency",
        "leaf_index",
        "tree_size",
        "leaf_hash",
        "audit_path",
        "root_hash",
    }
    assert proof["tree_size"] == 6
    assert proof["root_hash"] == checkpoint["root_hash"]
    leaf = bytes(LedgerEntry.objects.get(agency=agency_a, index=5).leaf_hash)
    assert proof["leaf_hash"] == leaf.hex()
    merkle.verify_inclusion(
        5,
        6,
        leaf,
        [bytes.fromhex(h) for h in proof["audit_path"]],
        bytes.fromhex(checkpoint["root_hash"]),
    )
    _, wider = run_json("proof", "--agency", agency_a.slug, "--index", "5", "--size", "9")
    assert wider["tree_size"] == 9


def test_consistency(agency_a: Agency, officer_a: User) -> None:
    fill(agency_a, officer_a, 9)
    code, proof = run_json("consistency", "--agency", agency_a.slug, "--from", "3", "--to", "9")
    assert code == 0
    merkle.verify_consistency(
        3,
        9,
        bytes.fromhex(proof["from_root"]),
        bytes.fromhex(proof["to_root"]),
        [bytes.fromhex(h) for h in proof["consistency_path"]],
    )


@pytest.mark.parametrize(
    "args",
    [
        ("proof", "--agency", "wuhan-rsj", "--index", "9"),
        ("proof", "--agency", "wuhan-rsj", "--index", "0", "--size", "99"),
        ("proof", "--agency", "nobody", "--index", "0"),
        ("consistency", "--agency", "wuhan-rsj", "--from", "5", "--to", "2"),
    ],
)
def test_impossible_proofs_exit_2(agency_a: Agency, args: tuple[str, ...]) -> None:
    fill(agency_a, None, 3)
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert caught.value.returncode == 2


def test_public_key(agency_a: Agency) -> None:
    code, pem = run("public-key")
    assert code == 0 and pem.startswith("-----BEGIN PUBLIC KEY-----\n")
    _, data = run_json("public-key", "--json")
    assert data["algorithm"] == "ed25519" and data["public_key_pem"] == pem
    _, sm2 = run_json("public-key", "--algorithm", "sm2", "--json")
    assert sm2["algorithm"] == "sm2" and sm2["key_id"] != data["key_id"]


def test_key_file_is_created_private(agency_a: Agency) -> None:
    from django.conf import settings

    run("public-key")
    assert oct(Path(settings.SIGNING_KEY_FILE).stat().st_mode & 0o777) == "0o600"


def test_console_script_exit_codes(tmp_path: Path) -> None:
    """The real ``sanxiang`` entry point on a fresh database of its own."""
    sanxiang = Path(os.environ.get("VIRTUAL_ENV", ".venv")) / "bin" / "sanxiang"
    if not sanxiang.exists():
        sanxiang = Path(__file__).resolve().parents[4] / ".venv" / "bin" / "sanxiang"
    env = {**os.environ, "SANXIANG_VAR_DIR": str(tmp_path)}
    env.pop("SANXIANG_DATABASE_URL", None)

    def call(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(sanxiang), *args], env=env, capture_output=True, text=True, timeout=120
        )

    assert call("manage", "migrate", "-v", "0").returncode == 0
    done = call("ledger", "verify")
    assert (done.returncode, done.stdout.strip()) == (0, "no ledger entries yet")
    assert call("ledger", "proof", "--agency", "nobody", "--index", "0").returncode == 2
    assert "ledger" in call("--help").stdout
