"""电子签章: the platform CA, each agency's signing key and certificate, PAdES signatures.

Keys live under ``settings.VAR_DIR / "documents"`` and are created on first use, mode 0600,
like the ledger key:

    documents/ca/key.pem, ca/cert.pem                 the platform CA (self-signed, 20 years)
    documents/agencies/<slug>/key.pem, cert.pem       the agency's seal key, issued by the CA

ECDSA P-256 keys: fast to sign, accepted by every PAdES validator. The certificate names the
agency (O = agency name, CN = agency name + 电子印章), so a validator shows who sealed. A
production platform would import an agency certificate from a licensed CA (电子签名法 第十三条,
第十六条); the layout allows that by replacing the two files.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from asn1crypto import keys as asn1_keys  # type: ignore[import-untyped]
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from sanxiang.documents.loopsafe import call_blocking

SEAL_FIELD = "AgencySeal"
_lock = threading.Lock()


@dataclass(frozen=True)
class KeyPair:
    key_pem: bytes
    cert_pem: bytes

    @property
    def certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.cert_pem)


def _root() -> Path:
    return Path(settings.VAR_DIR) / "documents"


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _name(common: str, organization: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def _load(directory: Path) -> KeyPair | None:
    key_path, cert_path = directory / "key.pem", directory / "cert.pem"
    if key_path.exists() and cert_path.exists():
        return KeyPair(key_path.read_bytes(), cert_path.read_bytes())
    return None


def _save(directory: Path, pair: KeyPair) -> KeyPair:
    _write_private(directory / "key.pem", pair.key_pem)
    _write_private(directory / "cert.pem", pair.cert_pem)
    return pair


def platform_ca() -> KeyPair:
    """The platform CA, created on first use."""
    directory = _root() / "ca"
    with _lock:
        found = _load(directory)
        if found is not None:
            return found
        key = ec.generate_private_key(ec.SECP256R1())
        name = _name("三项制度平台电子印章根证书", "三项制度平台")
        now = _now()
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365 * 20))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
            .sign(key, hashes.SHA256())
        )
        return _save(directory, KeyPair(_pem(key), cert.public_bytes(serialization.Encoding.PEM)))


def agency_keys(*, slug: str, name: str) -> KeyPair:
    """The agency's seal key and certificate issued by the platform CA, created on first use."""
    ca = platform_ca()
    directory = _root() / "agencies" / slug
    with _lock:
        found = _load(directory)
        if found is not None:
            return found
        ca_key = serialization.load_pem_private_key(ca.key_pem, password=None)
        assert isinstance(ca_key, ec.EllipticCurvePrivateKey)
        key = ec.generate_private_key(ec.SECP256R1())
        now = _now()
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(f"{name}电子印章", name))
            .issuer_name(ca.certificate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365 * 5))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
            )
            .sign(ca_key, hashes.SHA256())
        )
        return _save(directory, KeyPair(_pem(key), cert.public_bytes(serialization.Encoding.PEM)))


def _asn1_cert(pem: bytes) -> asn1_x509.Certificate:
    der = x509.load_pem_x509_certificate(pem).public_bytes(serialization.Encoding.DER)
    return asn1_x509.Certificate.load(der)


def ca_certificate() -> asn1_x509.Certificate:
    return _asn1_cert(platform_ca().cert_pem)


@cache
def _signer(directory: Path, slug: str, name: str) -> signers.SimpleSigner:
    """The agency's signer, loaded once per key directory (keys never change once made)."""
    pair = agency_keys(slug=slug, name=name)
    key = serialization.load_pem_private_key(pair.key_pem, password=None)
    der_key = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return signers.SimpleSigner(
        signing_cert=_asn1_cert(pair.cert_pem),
        signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs([ca_certificate()]),
    )


def sign_pdf(pdf: bytes, *, slug: str, name: str, reason: str) -> bytes:
    """A PAdES B-B signature of the whole PDF with the agency's key (an incremental update)."""
    signer = _signer(_root() / "agencies" / slug, slug, name)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        name=name,
        location="中国",
    )
    # pyHanko's sign_pdf is asyncio.run around its coroutine: keep it off a running loop.
    out = call_blocking(
        signers.sign_pdf,
        writer,
        meta,
        signer=signer,
        new_field_spec=fields.SigFieldSpec(sig_field_name=SEAL_FIELD),
    )
    return out.getvalue()
