"""Signing and verifying compliance reports (PAdES, with pyHanko).

``keys`` finds or creates the key material, ``sign`` embeds the decision JSON and certifies the
PDF, ``verify`` checks a signed report, and ``recheck`` re-runs a recorded decision. pyHanko and
reportlab are imported only inside the functions that need them, so importing this package is
cheap.
"""

from compliance.signing.keys import KeyChoice, SigningIdentity, resolve_identity
from compliance.signing.sign import ReportSigner

__all__ = ["KeyChoice", "ReportSigner", "SigningIdentity", "resolve_identity"]
