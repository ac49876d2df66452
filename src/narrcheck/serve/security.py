"""Passwords (hashlib.scrypt), signed session cookies (HMAC-SHA256) and CSRF tokens.

No extra dependency: the standard library's scrypt and hmac.

* ``hash_password`` → ``scrypt$n$r$p$salt_b64$hash_b64``; ``verify_password``
  compares in constant time.
* A session cookie is ``base64(json).signature``; the JSON holds the user id
  (or none in open mode), a random CSRF token and the issue time.  Cookies
  older than ``max_age`` or with a bad signature are ignored.
* Every state-changing form carries the session's CSRF token (``csrf`` field
  or ``X-CSRF-Token`` header); a POST without it is refused with 403.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 14, 8, 1


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return "scrypt${}${}${}${}${}".format(SCRYPT_N, SCRYPT_R, SCRYPT_P, base64.b64encode(salt).decode(),
                                          base64.b64encode(digest).decode())


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(base64.b64decode(digest)))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, base64.b64decode(digest))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(s: str) -> bytes:
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


class Signer:
    def __init__(self, secret: str, max_age: int = 12 * 3600):
        self.key = secret.encode("utf-8")
        self.max_age = max_age

    def _sig(self, body: str) -> str:
        return _b64(hmac.new(self.key, body.encode("ascii"), hashlib.sha256).digest())

    def dumps(self, data: dict) -> str:
        body = _b64(json.dumps({**data, "t": int(time.time())}, separators=(",", ":")).encode("utf-8"))
        return body + "." + self._sig(body)

    def loads(self, token: str | None) -> dict | None:
        if not token or "." not in token:
            return None
        body, sig = token.rsplit(".", 1)
        if not hmac.compare_digest(sig, self._sig(body)):
            return None
        try:
            data = json.loads(_unb64(body))
        except ValueError:
            return None
        if not isinstance(data, dict) or time.time() - data.get("t", 0) > self.max_age:
            return None
        return data


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def same_token(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))
