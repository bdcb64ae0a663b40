"""CreateTokenWithIAM for moto 5.2.1, which has no SSO OIDC service at all.

SSO OIDC (botocore/data/sso-oidc/2019-06-10/service-2.json: rest-json, signing name sso-oauth)
answers CreateTokenWithIAM at POST /token?aws_iam=t. moto's server routes requests by the signing
name of their SigV4 credential scope and knows no sso-oauth, so this module wraps moto's WSGI
dispatcher: a request signed for sso-oauth to /token is answered here, everything else goes to moto
as before. Only the jwt-bearer grant (urn:ietf:params:oauth:grant-type:jwt-bearer) is implemented;
the other grant types answer UnsupportedGrantTypeException (an emulator limitation, not AWS's).

Behaviour (https://docs.aws.amazon.com/singlesignon/latest/OIDCAPIReference/API_CreateTokenWithIAM.html
and the user guide's "Using applications with a trusted token issuer",
https://docs.aws.amazon.com/singlesignon/latest/userguide/using-apps-with-trusted-token-issuer.html),
checked in this order, over the applications and issuers of application_patches.py and moto's
identitystore backend:
  - clientId must be an application of the caller's account and Region: InvalidClientException;
  - the application's IAM authentication method's actor policy must allow the caller (the SigV4
    access key's principal, as GetCallerIdentity names it; an assumed-role session as its role)
    sso-oauth:CreateTokenWithIAM; an explicit Deny wins: AccessDeniedException;
  - the application must have a jwt-bearer grant: UnsupportedGrantTypeException (ASSUMED: the
    reference names no code for a grant type the application lacks);
  - the assertion's iss must be the IssuerUrl of a trusted token issuer the grant authorizes; its
    signature (RS256, RS384 or RS512) must verify against the keys the issuer publishes (fetched
    through its /.well-known/openid-configuration over HTTPS, as Identity Center does; trusted CAs
    are Python's defaults, so a test with its own CA starts the launcher with SSL_CERT_FILE); exp
    must be in the future and one aud among the grant's AuthorizedAudiences for that issuer:
    InvalidGrantException;
  - the claim at the issuer's ClaimAttributePath must equal the IdentityStoreAttributePath
    (userName or emails.value, the identity store's unique attributes) of exactly one user:
    InvalidGrantException;
  - with assignment required, the user or one of its groups must be assigned to the application:
    AccessDeniedException;
  - requested scopes must be among the application's scopes: InvalidScopeException; none requested
    grants all of them.
Errors are HTTP 400 with x-amzn-ErrorType and the model's body members {"error",
"error_description"}. A granted token answers accessToken, tokenType Bearer, expiresIn 3600,
idToken (claims sub = the user id, aws:identity_store_id, aws:instance_arn, aud = the client id,
sts:identity_context), issuedTokenType, scope and awsAdditionalDetails.identityContext. The tokens
are random and mean nothing to any other moto service.
"""

import base64
import json
import re
import ssl
import time
import urllib.request

from joserfc import jwt
from joserfc.errors import ExpiredTokenError, JoseError
from joserfc.jwk import KeySet, OctKey
from moto.iam.models import get_account_id_from
from moto.moto_api._internal import mock_random
from moto.moto_server.werkzeug_app import DomainDispatcherApplication
from moto.ssoadmin.models import ssoadmin_backends
from moto.sts.models import sts_backends

import application_patches as apps

JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
ACTION = "sso-oauth:CreateTokenWithIAM"
_CREDENTIAL = re.compile(r"Credential=([^/]+)/\d{8}/([^/]+)/sso-oauth/aws4_request")
_ASSUMED_ROLE = re.compile(r"arn:(aws[a-z-]*):sts::(\d{12}):assumed-role/([^/]+)/.+")
_ID_TOKEN_KEY = OctKey.generate_key(256)
_ORIGINAL_CALL = DomainDispatcherApplication.__call__


class _Refused(Exception):
    def __init__(self, shape: str, error: str, description: str):
        super().__init__(description)
        self.shape, self.error, self.description = shape, error, description


def _call(self, environ, start_response):
    match = _CREDENTIAL.search(environ.get("HTTP_AUTHORIZATION", ""))
    if match and environ.get("PATH_INFO") == "/token":
        return _token(environ, start_response, match.group(1), match.group(2))
    return _ORIGINAL_CALL(self, environ, start_response)


DomainDispatcherApplication.__call__ = _call


def _answer(start_response, status: str, body: dict, headers=()):
    data = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"),
                            ("Content-Length", str(len(data))), *headers])
    return [data]


def _token(environ, start_response, access_key: str, region: str):
    try:
        if "aws_iam=t" not in environ.get("QUERY_STRING", ""):
            raise _Refused("InvalidRequestException", "invalid_request", "aws_iam=t is required")
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = json.loads(environ["wsgi.input"].read(length) or b"{}")
        except ValueError:
            raise _Refused("InvalidRequestException", "invalid_request", "The body is not JSON")
        missing = [m for m in ("clientId", "grantType") if not body.get(m)]
        if missing:
            raise _Refused("InvalidRequestException", "invalid_request",
                           "Missing required parameter(s): " + ", ".join(missing))
        if body["grantType"] != JWT_BEARER:
            raise _Refused("UnsupportedGrantTypeException", "unsupported_grant_type",
                           "This emulator implements only the jwt-bearer grant")
        if not body.get("assertion"):
            raise _Refused("InvalidRequestException", "invalid_request",
                           "assertion is required for the jwt-bearer grant")
        return _answer(start_response, "200 OK", _exchange(access_key, region, body))
    except _Refused as r:
        return _answer(start_response, "400 Bad Request",
                       {"error": r.error, "error_description": r.description},
                       [("x-amzn-ErrorType", r.shape)])


def _caller(access_key: str, region: str):
    account = get_account_id_from(access_key)
    _, arn, account = sts_backends[account]["aws"].get_caller_identity(access_key, region)
    m = _ASSUMED_ROLE.fullmatch(arn)
    return account, (f"arn:{m.group(1)}:iam::{m.group(2)}:role/{m.group(3)}" if m else arn)


def _exchange(access_key: str, region: str, body: dict) -> dict:
    account, caller = _caller(access_key, region)
    backend = ssoadmin_backends[account][region]
    with apps._LOCK:
        app = apps._applications(backend).get(body["clientId"])
        if app is None:
            raise _Refused("InvalidClientException", "invalid_client",
                           "Invalid client: " + body["clientId"])
        policy = app.auth_methods.get("IAM", {}).get("Iam", {}).get("ActorPolicy")
        if not _allows(policy, caller, account):
            raise _Refused("AccessDeniedException", "access_denied",
                           f"{caller} is not authorized to perform {ACTION} on {app.arn}")
        grant = app.grants.get(JWT_BEARER, {}).get("JwtBearer")
        if grant is None:
            raise _Refused("UnsupportedGrantTypeException", "unsupported_grant_type",
                           "The application has no jwt-bearer grant")
        issuers = {arn: apps._issuers(backend).get(arn) for arn in
                   (e["TrustedTokenIssuerArn"] for e in grant["AuthorizedTokenIssuers"])}
        audiences = {e["TrustedTokenIssuerArn"]: e["AuthorizedAudiences"]
                     for e in grant["AuthorizedTokenIssuers"]}
        required = app.assignment_required
        assignments = list(app.assignments)
        scopes = list(app.scopes)
        instance_arn, store_id = app.instance_arn, app.identity_store_id
    iss = _unverified_issuer(body["assertion"])
    found = [(arn, t) for arn, t in issuers.items()
             if t is not None and t["Configuration"]["IssuerUrl"] == iss]
    if not found:
        raise _Refused("InvalidGrantException", "invalid_grant",
                       f"The token's issuer {iss} is not authorized by the application")
    arn, tti = found[0]
    config = tti["Configuration"]
    claims = _verified_claims(body["assertion"], config["IssuerUrl"], audiences[arn])
    value = claims.get(config["ClaimAttributePath"])
    if not isinstance(value, str) or not value:
        raise _Refused("InvalidGrantException", "invalid_grant",
                       "The token has no claim " + config["ClaimAttributePath"])
    user_id = _user(account, region, store_id, config["IdentityStoreAttributePath"], value)
    if required and not _assigned(account, region, store_id, user_id, assignments):
        raise _Refused("AccessDeniedException", "access_denied",
                       "The user is not assigned to the application")
    requested = body.get("scope") or []
    if any(s not in scopes for s in requested):
        raise _Refused("InvalidScopeException", "invalid_scope",
                       "Requested scopes are not configured for the application")
    granted = requested or scopes
    context = "sic" + mock_random.get_random_hex(96)
    now = int(time.time())
    id_token = jwt.encode({"alg": "HS256"}, {
        "sub": user_id, "aud": body["clientId"], "iat": now, "exp": now + 3600,
        "aws:identity_store_id": store_id, "aws:instance_arn": instance_arn,
        "sts:identity_context": context}, _ID_TOKEN_KEY)
    return {
        "accessToken": "aoa" + mock_random.get_random_hex(64),
        "tokenType": "Bearer",
        "expiresIn": 3600,
        "idToken": id_token,
        "issuedTokenType": "urn:ietf:params:oauth:token-type:access_token",
        "scope": granted,
        "awsAdditionalDetails": {"identityContext": context},
    }


def _allows(policy, caller: str, account: str) -> bool:
    """IAM's resource-policy evaluation, without conditions: an explicit Deny wins, else an Allow
    must match the caller (its ARN, its account's root or id, a role of the same name, or *) and the
    action (itself, sso-oauth:*, or *)."""
    if policy is None:
        return False
    if isinstance(policy, str):
        try:
            policy = json.loads(policy)
        except ValueError:
            return False
    allowed = False
    for st in _list(policy.get("Statement")):
        principal = st.get("Principal")
        names = ["*"] if principal == "*" else _list((principal or {}).get("AWS"))
        actions = [a.lower() for a in _list(st.get("Action"))]
        if not any(_principal_matches(n, caller, account) for n in names):
            continue
        if not any(a in ("*", ACTION.lower(), "sso-oauth:*") for a in actions):
            continue
        if st.get("Effect") == "Deny":
            return False
        allowed |= st.get("Effect") == "Allow"
    return allowed


def _principal_matches(name: str, caller: str, account: str) -> bool:
    if name in ("*", caller, account) or name.endswith(f":{account}:root"):
        return True
    parts, mine = name.split(":", 5), caller.split(":", 5)
    return (len(parts) == 6 and len(mine) == 6 and parts[4] == account
            and parts[5].startswith("role/") and mine[5].startswith("role/")
            and parts[5].rsplit("/", 1)[-1] == mine[5].rsplit("/", 1)[-1])


def _list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _unverified_issuer(assertion: str):
    try:
        payload = assertion.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))).get("iss")
    except (IndexError, ValueError, AttributeError):
        raise _Refused("InvalidGrantException", "invalid_grant", "The assertion is not a JWT")


def _fetch(url: str) -> dict:
    if not url.startswith("https://"):
        raise ValueError(url + " is not https")
    with urllib.request.urlopen(url, timeout=5, context=ssl.create_default_context()) as r:
        return json.loads(r.read())


def _verified_claims(assertion: str, issuer_url: str, audiences: list) -> dict:
    try:
        discovery = _fetch(issuer_url.rstrip("/") + "/.well-known/openid-configuration")
        if discovery.get("issuer") != issuer_url:
            raise ValueError("discovery names another issuer")
        keys = KeySet.import_key_set(_fetch(discovery["jwks_uri"]))
    except (OSError, ValueError, KeyError, JoseError):
        raise _Refused("InvalidGrantException", "invalid_grant",
                       f"The keys of issuer {issuer_url} could not be fetched")
    try:
        token = jwt.decode(assertion, keys, algorithms=["RS256", "RS384", "RS512"])
    except (JoseError, ValueError):
        raise _Refused("InvalidGrantException", "invalid_grant",
                       "The token's signature does not verify with the issuer's keys")
    registry = jwt.JWTClaimsRegistry(leeway=0, iss={"essential": True, "value": issuer_url},
                                     exp={"essential": True})
    try:
        registry.validate(token.claims)
    except ExpiredTokenError:
        raise _Refused("InvalidGrantException", "invalid_grant", "The token has expired")
    except JoseError:
        raise _Refused("InvalidGrantException", "invalid_grant", "The token is not valid")
    aud = _list(token.claims.get("aud"))
    if not any(a in audiences for a in aud):
        raise _Refused("InvalidGrantException", "invalid_grant",
                       "The token's audience is not authorized for its issuer")
    return token.claims


def _store(account: str, region: str):
    from moto.identitystore.models import identitystore_backends

    return identitystore_backends[account][region]


def _user(account: str, region: str, store_id: str, path: str, value: str) -> str:
    try:
        user_id, _ = _store(account, region).get_user_id(
            store_id, {"UniqueAttribute": {"AttributePath": path, "AttributeValue": value}})
        return user_id
    except Exception:  # moto's identitystore ResourceNotFoundException / ValidationException
        raise _Refused("InvalidGrantException", "invalid_grant",
                       "No user matches the token's identity")


def _assigned(account: str, region: str, store_id: str, user_id: str, assignments: list) -> bool:
    if ("USER", user_id) in assignments:
        return True
    store = _store(account, region)
    data = store._IdentityStoreBackend__get_identity_store(store_id)
    groups = {m["GroupId"] for m in data.group_memberships.values()
              if m["MemberId"].get("UserId") == user_id}
    return any(("GROUP", g) in assignments for g in groups)
