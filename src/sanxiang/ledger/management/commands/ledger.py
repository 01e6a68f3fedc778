"""``sanxiang ledger verify|checkpoint|proof|consistency|public-key|rotate-key``.

Exit codes: 0 success (and, for ``verify``, an intact ledger); 1 ``verify`` found tampering;
2 bad arguments or a proof that cannot exist (unknown agency, index past the end, …).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sanxiang.core.errors import SanxiangError
from sanxiang.env import ConfigError
from sanxiang.ledger import keyring, selectors, services, signing
from sanxiang.ledger.checkpoints import checkpoint_json
from sanxiang.ledger.models import Checkpoint, LedgerEntry, LedgerHead
from sanxiang.ledger.verification import AgencyReport, verify
from sanxiang.registry.models import Agency


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


class Command(BaseCommand):
    help = "Tamper-evident ledger: verify, sign checkpoints, print proofs and keys, rotate the key."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        verify_parser = sub.add_parser("verify", help="recompute every leaf, subtree and signature")
        verify_parser.add_argument("--agency", metavar="SLUG")
        verify_parser.add_argument("--json", action="store_true", help="machine-readable output")

        checkpoint = sub.add_parser(
            "checkpoint", help="sign the current tree head if it grew; print the latest checkpoint"
        )
        checkpoint.add_argument("--agency", metavar="SLUG")

        proof = sub.add_parser("proof", help="inclusion proof of one entry (JSON, hex)")
        proof.add_argument("--agency", metavar="SLUG", required=True)
        proof.add_argument("--index", type=int, required=True)
        proof.add_argument(
            "--size", type=int, help="tree size (default: the latest checkpoint's size)"
        )

        consistency = sub.add_parser("consistency", help="consistency proof between two sizes")
        consistency.add_argument("--agency", metavar="SLUG", required=True)
        consistency.add_argument("--from", dest="from_size", type=int, required=True)
        consistency.add_argument("--to", dest="to_size", type=int, required=True)

        rotate = sub.add_parser(
            "rotate-key", help="replace the checkpoint key; the old key certifies the new one"
        )
        rotate.add_argument("--algorithm", choices=signing.ALGORITHMS)

        public_key = sub.add_parser("public-key", help="print the checkpoint public key (PEM)")
        public_key.add_argument("--algorithm", choices=signing.ALGORITHMS)
        public_key.add_argument("--json", action="store_true", help="algorithm, key id and PEM")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "verify":
                self._verify(options)
            elif action == "checkpoint":
                self._checkpoint(options)
            elif action == "proof":
                agency = selectors.agency_by_slug(options["agency"])
                result = selectors.inclusion_proof(
                    agency=agency, index=options["index"], size=options["size"]
                )
                self.stdout.write(_dump(result.as_json()))
            elif action == "consistency":
                agency = selectors.agency_by_slug(options["agency"])
                consistency = selectors.consistency_proof(
                    agency=agency, from_size=options["from_size"], to_size=options["to_size"]
                )
                self.stdout.write(_dump(consistency.as_json()))
            elif action == "public-key":
                self._public_key(options)
            elif action == "rotate-key":
                self._rotate_key(options)
        except SanxiangError as exc:
            raise CommandError(exc.log_message, returncode=2) from exc
        except ConfigError as exc:
            raise CommandError(f"configuration error: {exc}", returncode=2) from exc
        except signing.SigningError as exc:
            raise CommandError(str(exc), returncode=2) from exc

    def _agencies(self, slug: str | None) -> list[Agency]:
        if slug:
            return [selectors.agency_by_slug(slug)]
        # Not just agencies with a head row: deleting that (mutable) row must not hide a log.
        ids = set(LedgerHead.objects.values_list("agency_id", flat=True))
        ids |= set(LedgerEntry.objects.values_list("agency_id", flat=True).distinct())
        ids |= set(Checkpoint.objects.values_list("agency_id", flat=True).distinct())
        return list(Agency.objects.filter(pk__in=ids).order_by("slug"))

    def _verify(self, options: dict[str, Any]) -> None:
        reports = verify(self._agencies(options["agency"]))
        ok = all(report.ok for report in reports)
        if options["json"]:
            self.stdout.write(_dump({"ok": ok, "agencies": [r.as_json() for r in reports]}))
        else:
            for report in reports:
                self.stdout.write(self._describe(report))
            if not reports:
                self.stdout.write("no ledger entries yet")
        if not ok:
            self.stdout.flush()
            sys.exit(1)

    @staticmethod
    def _describe(report: AgencyReport) -> str:
        head = f"{report.agency}: {report.entries} entries, {report.checkpoints} checkpoints"
        first = report.first
        if first is None:
            return f"{head}: intact"
        lines = [f"{head}: TAMPERED — first bad index {first.index}"]
        for finding in sorted(report.findings, key=lambda f: f.index):
            problem = str(finding.problem).replace("_", " ")
            lines.append(f"  index {finding.index}: {problem} ({finding.detail})")
        return "\n".join(lines)

    def _checkpoint(self, options: dict[str, Any]) -> None:
        output = []
        for agency in self._agencies(options["agency"]):
            services.create_checkpoint(agency=agency)
            latest = selectors.latest_checkpoint(agency)
            if latest is None:
                if options["agency"]:
                    raise CommandError(f"{agency.slug}: the ledger is empty", returncode=2)
                continue
            output.append(checkpoint_json(latest))
        self.stdout.write(_dump(output[0] if options["agency"] else output))

    def _rotate_key(self, options: dict[str, Any]) -> None:
        algorithm = options["algorithm"] or signing.configured_algorithm()
        rotation = keyring.rotate(algorithm=algorithm)
        self.stdout.write(
            _dump(
                {
                    **keyring.rotation_body(rotation),
                    "signature": bytes(rotation.signature).hex(),
                    "new_signature": bytes(rotation.new_signature).hex(),
                    "retired_key_file": str(
                        keyring.retired_path(signing.key_path(algorithm), rotation.old_key_id)
                    ),
                }
            )
        )

    def _public_key(self, options: dict[str, Any]) -> None:
        algorithm = options["algorithm"] or signing.configured_algorithm()
        signer = signing.sm2_signer() if algorithm == signing.SM2 else signing.ed25519_signer()
        if options["json"]:
            data = {
                "algorithm": signer.algorithm,
                "key_id": signer.key_id,
                "public_key_pem": signer.public_key_pem(),
            }
            self.stdout.write(_dump(data))
        else:
            self.stdout.write(signer.public_key_pem(), ending="")
