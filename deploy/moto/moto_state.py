"""State the sso-admin patches add to moto, and small helpers they share."""

import json

from moto.core.exceptions import JsonRESTError
from moto.ssoadmin import models as m

Backend = m.SSOAdminBackend


class ValidationException(JsonRESTError):
    code = 400

    def __init__(self, message: str) -> None:
        super().__init__("ValidationException", message)


def _provisioned(backend) -> dict:
    if not hasattr(backend, "_provisioned"):
        backend._provisioned = {}
        backend._ps_requests = {}
    return backend._provisioned


def _version(ps) -> int:
    return getattr(ps, "_version", 1)


def _bump(ps) -> None:
    ps._version = _version(ps) + 1


def _page(items: list, key: str, params_get) -> str:
    """NextToken is the offset as text; MaxResults as the caller asked (AWS max 100)."""
    start = int(params_get("NextToken") or 0)
    size = int(params_get("MaxResults") or 100)
    chunk = items[start : start + size]
    body = {key: chunk}
    if start + size < len(items):
        body["NextToken"] = str(start + size)
    return json.dumps(body)


