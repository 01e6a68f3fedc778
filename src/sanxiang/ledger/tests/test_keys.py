"""Key files: a lost key is never silently replaced; ``rotate-key`` certifies a successor."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from pytest_django.fixtures import Settings

from sanxiang.accounts.models import User
from sanxiang.ledger import signing
from sanxiang.ledger.checkpoints import checkpoint_body, signed_message
from sanxiang.ledger.models import Checkpoint, KeyRotation, LedgerEntry
from sanxiang.ledger.tests.helpers import fill, run, run_json
from sanxiang.registry.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def key_file(tmp_path: Path, settings: Settings) -> Iterator[Path]:
    """A key directory of the test's own (the rotation moves files around)."""
    path = tmp_path / "keys" / "ledger_ed25519.pem"
    settings.SIGNING_KEY_FILE = path
    signing.clear_caches()
    yield path
    signing.clear_caches()


def test_a_lost_key_file_is_not_replaced_once_checkpoints_exist(
    key_file: Path, agency_a: Agency, officer_a: User
) -> None:
    fill(agency_a, officer_a, 3)
    code, _ = run_json("checkpoint", "--agency", agency_a.slug)
    assert code == 0 and key_file.exists()
    key_file.unlink()
    signing.clear_caches()

    with pytest.raises(signing.KeyMissing) as refused:
        fill(agency_a, officer_a, 1, start=3)
    assert str(key_file) in str(refused.value)
    assert "拒绝生成新密钥" in str(refused.value) and "refusing to create" in str(refused.value)
    assert not key_file.exists()
    assert LedgerEntry.objects.filter(agency=agency_a).count() == 3
    for args in (("verify",), ("checkpoint",)):
        with pytest.raises(CommandError) as failed:
            run(*args)
        assert failed.value.returncode == 2 and str(key_file) in str(failed.value)
    assert not key_file.exists()
    assert Checkpoint.objects.count() == 1


def test_a_lost_key_file_is_not_replaced_while_sealed_entries_exist(
    key_file: Path, agency_a: Agency, officer_a: User
) -> None:
    """No checkpoint yet, but the entries' seals are keyed from the lost key."""
    fill(agency_a, officer_a, 2)
    key_file.unlink()
    signing.clear_caches()
    with pytest.raises(signing.KeyMissing):
        signing.seal_key()
    assert not key_file.exists()


def test_a_first_key_is_created_when_nothing_depends_on_it(
    key_file: Path, agency_a: Agency, officer_a: User
) -> None:
    assert not key_file.exists()
    fill(agency_a, officer_a, 1)
    assert key_file.exists()
    assert key_file.stat().st_mode & 0o777 == 0o600


def _sign_with(path: Path, checkpoint: Checkpoint) -> bytes:
    retired = signing._load_ed25519(path)
    return retired.sign(signed_message(checkpoint_body(checkpoint)))


def test_rotate_key_certifies_the_new_key_and_verify_accepts_both_in_order(
    key_file: Path, agency_a: Agency, agency_b: Agency, officer_a: User, officer_b: User
) -> None:
    fill(agency_a, officer_a, 3)
    fill(agency_b, officer_b, 2)
    run_json("checkpoint")
    old_id = signing.ed25519_signer().key_id
    fill(agency_a, officer_a, 2, start=3)  # not yet checkpointed: rotate-key signs it first

    code, rotation = run_json("rotate-key")
    assert code == 0
    assert rotation["old_key_id"] == old_id and rotation["new_key_id"] != old_id
    retired = Path(rotation["retired_key_file"])
    assert retired.exists() and retired.name.endswith(old_id)
    assert signing.ed25519_signer().key_id == rotation["new_key_id"]
    assert (key_file.parent / "ledger_seal.key").exists()
    # The old key signed the heads up to the rotation.
    assert Checkpoint.objects.get(agency=agency_a, tree_size=5).key_id == old_id

    fill(agency_a, officer_a, 2, start=5)
    _, latest = run_json("checkpoint", "--agency", agency_a.slug)
    assert latest["key_id"] == rotation["new_key_id"] and latest["tree_size"] == 7
    code, report = run_json("verify", "--json")
    assert code == 0 and report["ok"], report
    # The retired key still answers for its checkpoints (case-file exports use it).
    assert signing.signer_for("ed25519", old_id).public_key_pem().startswith("-----BEGIN")

    # The retired key, stolen, cannot sign a checkpoint dated after its retirement.
    fill(agency_b, officer_b, 1, start=2)
    head = Checkpoint(
        agency=agency_b,
        tree_size=3,
        root_hash=b"\0" * 32,
        created_at=KeyRotation.objects.get().created_at + timedelta(seconds=1),
        algorithm="ed25519",
        key_id=old_id,
        signature=b"",
    )
    head.signature = _sign_with(retired, head)
    head.save(force_insert=True)
    code, report = run_json("verify", "--agency", agency_b.slug, "--json")
    assert code == 1
    problems = report["agencies"][0]["problems"]
    assert any(
        p["problem"] == "bad_signature" and "after that key was retired" in p["detail"]
        for p in problems
    )


def test_a_forged_rotation_does_not_vouch_for_the_old_checkpoints(
    key_file: Path, agency_a: Agency, officer_a: User
) -> None:
    """Someone swaps in their own key and writes a rotation 'certifying' it: the rotation's old
    key is theirs too, so the platform's real old checkpoints fail as unknown keys."""
    fill(agency_a, officer_a, 2)
    run_json("checkpoint", "--agency", agency_a.slug)
    key_file.unlink()
    fake_old = signing.new_key_file(signing.ED25519, key_file.with_name("fake_old.pem"))
    signing.new_key_file(signing.ED25519, key_file)
    signing.clear_caches()
    new = signing.ed25519_signer()
    from django.utils import timezone

    from sanxiang.ledger.keyring import rotation_message

    rotation = KeyRotation(
        created_at=timezone.now(),
        algorithm="ed25519",
        old_key_id=fake_old.key_id,
        old_public_key=signing.spki_of(fake_old),
        new_key_id=new.key_id,
        new_public_key=signing.spki_of(new),
        signature=b"",
        new_signature=b"",
    )
    rotation.signature = fake_old.sign(rotation_message(rotation))
    rotation.new_signature = new.sign(rotation_message(rotation))
    rotation.save(force_insert=True)
    code, report = run_json("verify", "--json")
    assert code == 1
    problems = report["agencies"][0]["problems"]
    assert (1, "bad_signature") in {(p["index"], p["problem"]) for p in problems}
    assert "unknown ed25519 key" in problems[0]["detail"] or any(
        "unknown ed25519 key" in p["detail"] for p in problems
    )


def test_rotate_key_without_a_key_refuses(key_file: Path) -> None:
    with pytest.raises(CommandError) as failed:
        run("rotate-key")
    assert failed.value.returncode == 2
    assert KeyRotation.objects.count() == 0


def test_the_database_refuses_to_change_a_rotation(key_file: Path, agency_a: Agency) -> None:
    fill(agency_a, None, 1)
    run_json("rotate-key")
    for sql in (
        "UPDATE ledger_keyrotation SET algorithm = 'sm2'",
        "DELETE FROM ledger_keyrotation",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert KeyRotation.objects.filter(algorithm="ed25519").count() == 1
