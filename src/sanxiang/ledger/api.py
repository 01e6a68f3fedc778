"""Read-only ledger API under ``/api/v1/ledger/``: checkpoints, proofs and the public key.

Deliberately public (no authentication): a checkpoint or a proof reveals only hashes, sizes and
times — never a record's content — and the point of publishing them is that anyone (a party, a
court, the 司法局) can check the platform without an account. Record payloads are never served
here.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from sanxiang.core.errors import NotInScope
from sanxiang.ledger import selectors, signing
from sanxiang.ledger.checkpoints import checkpoint_json
from sanxiang.registry.models import Agency

router = Router(tags=["防篡改账本"])


class CheckpointOut(Schema):
    agency: str
    algorithm: str
    key_id: str
    log: str
    root_hash: str
    time: str
    tree_size: int
    v: int
    signature: str


class InclusionOut(Schema):
    agency: str
    leaf_index: int
    tree_size: int
    leaf_hash: str
    audit_path: list[str]
    root_hash: str


class ConsistencyOut(Schema):
    agency: str
    from_size: int
    to_size: int
    from_root: str
    to_root: str
    consistency_path: list[str]


class PublicKeyOut(Schema):
    algorithm: str
    key_id: str
    public_key_pem: str


class InclusionQuery(Schema):
    index: int = Field(ge=0)
    size: int | None = Field(default=None, ge=1)


class ConsistencyQuery(Schema):
    from_size: int = Field(alias="from", ge=0)
    to_size: int = Field(alias="to", ge=0)


def _agency(slug: str) -> Agency:
    try:
        return selectors.agency_by_slug(slug)
    except NotInScope as exc:
        raise HttpError(404, exc.message) from exc


@router.get(
    "/public-key", response=PublicKeyOut, auth=None, url_name="ledger-public-key",
    summary="检查点签名公钥",
)  # fmt: skip
def public_key(request: HttpRequest) -> PublicKeyOut:
    signer = signing.current_signer()
    return PublicKeyOut(
        algorithm=signer.algorithm, key_id=signer.key_id, public_key_pem=signer.public_key_pem()
    )


@router.get(
    "/{slug}/checkpoint", response=CheckpointOut, auth=None, url_name="ledger-checkpoint",
    summary="最新签名检查点",
)  # fmt: skip
def latest_checkpoint(request: HttpRequest, slug: str) -> CheckpointOut:
    checkpoint = selectors.latest_checkpoint(_agency(slug))
    if checkpoint is None:
        raise HttpError(404, "该执法主体尚无签名检查点。")
    return CheckpointOut(**checkpoint_json(checkpoint))


@router.get(
    "/{slug}/proof", response=InclusionOut, auth=None, url_name="ledger-inclusion-proof",
    summary="包含证明（默认对应最新检查点）",
)  # fmt: skip
def inclusion_proof(request: HttpRequest, slug: str, query: Query[InclusionQuery]) -> InclusionOut:
    try:
        proof = selectors.inclusion_proof(agency=_agency(slug), index=query.index, size=query.size)
    except selectors.ProofUnavailable as exc:
        raise HttpError(404, exc.message) from exc
    return InclusionOut(**proof.as_json())


@router.get(
    "/{slug}/consistency", response=ConsistencyOut, auth=None,
    url_name="ledger-consistency-proof", summary="一致性证明",
)  # fmt: skip
def consistency_proof(
    request: HttpRequest, slug: str, query: Query[ConsistencyQuery]
) -> ConsistencyOut:
    try:
        proof = selectors.consistency_proof(
            agency=_agency(slug), from_size=query.from_size, to_size=query.to_size
        )
    except selectors.ProofUnavailable as exc:
        raise HttpError(404, exc.message) from exc
    return ConsistencyOut(**proof.as_json())
