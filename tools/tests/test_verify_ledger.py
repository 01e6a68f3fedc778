"""tools/verify_ledger.py, run as a subprocess on what the platform hands out."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sanxiang.accounts.models import User
from sanxiang.ledger import selectors, services
from sanxiang.ledger.models import LedgerEntry
from sanxiang.ledger.tests.helpers import fill, run, run_json
from sanxiang.registry.models import Agency

TOOL = Path(__file__).resolve().parents[1] / "verify_ledger.py"
pytestmark = pytest.mark.django_db


def tool(tmp_path: Path, *args: str) -> tuple[int, dict[str, Any]]:
    # A decoy `sanxiang` package first on the path: importing the project would fail loudly.
    decoy = tmp_path / "decoy" / "sanxiang"
    decoy.mkdir(parents=True, exist_ok=True)
    (decoy / "__init__.py").write_text("raise ImportError('the verifier must not import sanxiang')")
    done = subprocess.run(
        [sys.executable, str(TOOL), "--json", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(decoy.parent), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.stderr == "", done.stderr
    return done.returncode, json.loads(done.stdout)


def write(tmp_path: Path, name: str, data: Any) -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False))
    return str(path)


@pytest.fixture
def bundle(tmp_path: Path, agency_a: Agency, agency_b: Agency, officer_a: User) -> dict[str, str]:
    fill(agency_a, officer_a, 5)
    fill(agency_b, None, 2)
    _, old = run_json("checkpoint", "--agency", agency_a.slug)
    fill(agency_a, officer_a, 8, start=5)
    _, checkpoint = run_json("checkpoint", "--agency", agency_a.slug)
    _, proof = run_json("proof", "--agency", agency_a.slug, "--index", "3")
    _, consistency = run_json("consistency", "--agency", agency_a.slug, "--from", "5", "--to", "13")
    _, key = run("public-key")
    entry = LedgerEntry.objects.get(agency=agency_a, index=3)
    return {
        "key": write(tmp_path, "key.pem", key),
        "checkpoint": write(tmp_path, "checkpoint.json", checkpoint),
        "old": write(tmp_path, "old.json", old),
        "proof": write(tmp_path, "proof.json", proof),
        "consistency": write(tmp_path, "consistency.json", consistency),
        "record": write(tmp_path, "record.json", selectors.record_of(entry)),
    }


def _args(b: dict[str, str], **override: str) -> list[str]:
    files = {**b, **override}
    return [
        "--public-key", files["key"],
        "--checkpoint", files["checkpoint"],
        "--inclusion", files["proof"],
        "--record", files["record"],
        "--consistency", files["consistency"],
        "--old-checkpoint", files["old"],
    ]  # fmt: skip


def test_the_tool_imports_nothing_but_stdlib_and_cryptography() -> None:
    tree = ast.parse(TOOL.read_text(encoding="utf-8"))
    modules = {
        (node.module if isinstance(node, ast.ImportFrom) else alias.name).split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert modules - set(sys.stdlib_module_names) == {"cryptography", "gmssl"}


def test_a_genuine_bundle_is_valid(tmp_path: Path, bundle: dict[str, str]) -> None:
    code, out = tool(tmp_path, *_args(bundle))
    assert code == 0, out
    assert out["valid"] is True
    assert [c["check"].split()[0] for c in out["checks"]] == [
        "signature", "inclusion", "old", "consistency"
    ]  # fmt: skip


def _mutate(tmp_path: Path, b: dict[str, str], name: str, change: Any) -> dict[str, str]:
    data = json.loads(Path(b[name]).read_text())
    change(data)
    return {**b, name: write(tmp_path, f"bad-{name}.json", data)}


def _flip(hex_text: str) -> str:
    raw = bytearray(bytes.fromhex(hex_text))
    raw[0] ^= 1
    return raw.hex()


@pytest.mark.parametrize(
    ("name", "change", "reason"),
    [
        (
            "proof",
            lambda d: d["audit_path"].__setitem__(0, _flip(d["audit_path"][0])),
            "different root",
        ),
        ("proof", lambda d: d["audit_path"].pop(), "shorter"),
        ("proof", lambda d: d.__setitem__("leaf_index", 4), "index or agency"),
        ("proof", lambda d: d.__setitem__("tree_size", 12), "tree size 12"),
        ("record", lambda d: d["payload"].__setitem__("text", "改"), "record changed"),
        (
            "checkpoint",
            lambda d: d.__setitem__("signature", _flip(d["signature"])),
            "signature does not verify",
        ),
        (
            "checkpoint",
            lambda d: d.__setitem__("root_hash", _flip(d["root_hash"])),
            "signature does not verify",
        ),
        ("consistency", lambda d: d["consistency_path"].append(d["to_root"]), "longer"),
        (
            "consistency",
            lambda d: d.__setitem__("from_root", _flip(d["from_root"])),
            "different root than the old checkpoint",
        ),
    ],
)
def test_each_tampering_is_rejected_with_its_reason(
    tmp_path: Path, bundle: dict[str, str], name: str, change: Any, reason: str
) -> None:
    code, out = tool(tmp_path, *_args(_mutate(tmp_path, bundle, name, change)))
    assert code == 1
    assert out["valid"] is False
    failed = [c["detail"] for c in out["checks"] if not c["ok"]]
    assert any(reason in detail for detail in failed), failed


def test_another_key_is_rejected(tmp_path: Path, bundle: dict[str, str]) -> None:
    other = (
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    code, out = tool(tmp_path, *_args({**bundle, "key": write(tmp_path, "o.pem", other.decode())}))
    assert code == 1
    assert "the public key given is" in out["checks"][0]["detail"]


def test_unreadable_input_exits_2(tmp_path: Path, bundle: dict[str, str]) -> None:
    code, out = tool(tmp_path, *_args({**bundle, "proof": str(tmp_path / "absent.json")}))
    assert code == 2
    assert "absent.json" in out["error"]


def test_sm2_checkpoints_verify_offline(
    tmp_path: Path, agency_a: Agency, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SANXIANG_LEDGER_SIGNATURE", "sm2")
    fill(agency_a, None, 3)
    checkpoint = services.create_checkpoint(agency=agency_a)
    assert checkpoint is not None and checkpoint.algorithm == "sm2"
    _, data = run_json("checkpoint", "--agency", agency_a.slug)
    _, key = run("public-key")
    assert run_json("verify", "--json")[0] == 0
    args = ["--public-key", write(tmp_path, "sm2.pem", key)]
    code, out = tool(tmp_path, *args, "--checkpoint", write(tmp_path, "c.json", data))
    assert code == 0, out
    data["signature"] = _flip(data["signature"])
    code, out = tool(tmp_path, *args, "--checkpoint", write(tmp_path, "c2.json", data))
    assert code == 1
