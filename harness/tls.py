"""HTTPS for the bundled reference: a throw-away certificate authority and a server certificate for the loopback
address, made at start (trustme), that the drivers then trust, and nothing else does."""
from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Certificats:
    """The files of a throw-away CA and of the server certificate it signed."""

    autorite: Path  # the CA's certificate (PEM): what the HTTP driver verifies against
    certificat: Path  # the server's certificate chain (PEM)
    cle: Path  # the server's private key (PEM)
    confiance: Path  # the CA then the server's certificate: what the harness is given to trust


def certificats_de_test(dossier: str | Path, hote: str) -> Certificats:
    """A new CA and a certificate for ``hote`` signed by it, written in ``dossier``."""
    import trustme

    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    autorite = trustme.CA(organization_name="Harnais Chorus (autorité jetable)")
    serveur = autorite.issue_cert(hote)
    certificats = Certificats(dossier / "autorite.pem", dossier / "serveur.pem", dossier / "serveur.key",
                              dossier / "confiance.pem")
    autorite.cert_pem.write_to_path(str(certificats.autorite))
    serveur.private_key_pem.write_to_path(str(certificats.cle))
    chaine = b"".join(pem.bytes() for pem in serveur.cert_chain_pems)
    certificats.certificat.write_bytes(chaine)
    # The CA, for the HTTP channel's verification; the server's own certificate, for Chromium, which can be told to
    # accept one public key (--ignore-certificate-errors-spki-list) but not to trust a CA without a certificate
    # database (NSS's certutil).
    certificats.confiance.write_bytes(autorite.cert_pem.bytes() + serveur.cert_chain_pems[0].bytes())
    return certificats


def empreintes_spki(chemin: str | Path) -> list[str]:
    """The base64 SHA-256 of the public key of each certificate in a PEM file: what Chromium's
    --ignore-certificate-errors-spki-list takes, so that it trusts exactly these keys (not every certificate)."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    empreintes = []
    for cert in x509.load_pem_x509_certificates(Path(chemin).read_bytes()):
        spki = cert.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
        empreintes.append(base64.b64encode(hashlib.sha256(spki).digest()).decode("ascii"))
    return empreintes
