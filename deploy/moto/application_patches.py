"""Trusted token issuers and customer managed applications for moto 5.2.1's sso-admin (none of these
operations exists in moto).

Every request is checked against botocore's sso-admin model (botocore/data/sso-admin/2020-07-20/
service-2.json, loaded through botocore's Loader): required members, enums, length and value
ranges, list sizes, unions with exactly one member, and the regular expression patterns, answered
with ValidationException in the service's "N validation error(s) detected: Value ... at '...'
failed to satisfy constraint: ..." form. Members the model does not have are ignored, as AWS's JSON
services do. The rules the model cannot express come from the API reference pages cited at each
handler (under https://docs.aws.amazon.com/singlesignon/latest/APIReference/), the quotas page
(https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html) and issue 11; what no page
says is marked ASSUMED.

Every operation is synchronous: its effect is visible to the next call, as in AWS.

State added to SSOAdminBackend (per account and region, so per instance):
  _issuers[tti_arn] = {"InstanceArn", "Name", "Type", "Configuration": OidcJwtConfiguration dict}
  _applications[app_arn] = _Application (fields, grants, authentication methods, access scopes,
                                          assignment setting, assignments)

Seeding an application of another provider (an AWS managed application such as Amazon Q or Athena),
for tests that prove a client never touches it: CreateApplication refuses every provider but
arn:aws:sso::aws:applicationProvider/custom, unless the request carries the HTTP header
    X-Moto-Seed-Managed-Application: true
Then any ApplicationProviderArn of the model's pattern is accepted and the application behaves like
any other. AWS has no such header; a client under test never sends it. With the Java SDK:
    sso.createApplication(r -> r.instanceArn(i).name("QBusiness")
        .applicationProviderArn("arn:aws:sso::aws:applicationProvider/qbusiness")
        .overrideConfiguration(o -> o.putHeader("X-Moto-Seed-Managed-Application", "true")))
"""

import json
import re
import threading

from botocore.loaders import Loader
from moto.core.utils import unix_time
from moto.moto_api._internal import mock_random
from moto.ssoadmin.exceptions import (
    ConflictException,
    ResourceNotFoundException,
    ServiceQuotaExceededException,
)
from moto.ssoadmin.responses import SSOAdminResponse

from moto_state import ValidationException

try:  # \p{L} and friends in the model's patterns; `regex` comes with moto[server] (cfn-lint)
    import regex as _re_unicode
except ImportError:  # pragma: no cover
    _re_unicode = None

SEED_HEADER = "X-Moto-Seed-Managed-Application"
CUSTOM_PROVIDER = re.compile(r"arn:aws(-[a-z]{1,5}){0,3}:sso::aws:applicationProvider/custom")

# --- userguide/limits.html, "Application quotas": "Access scopes per application | 25 | No".
MAX_SCOPES = 25
# --- Issue 11: "at most 10 issuers (a quota that cannot be raised)". The quotas page we could read
#     does not list trusted token issuers; the number is the issue's, taken from the Identity Center
#     console's trusted token issuer page. ASSUMED answered as ServiceQuotaExceededException, one of
#     CreateTrustedTokenIssuer's documented errors.
MAX_ISSUERS = 10

_LOCK = threading.RLock()
_MODEL = Loader().load_service_model("sso-admin", "service-2")
_SHAPES = _MODEL["shapes"]
_OPS = _MODEL["operations"]
_PATTERNS: dict = {}


# ----------------------------------------------------------------------------------------------
# Model validation
# ----------------------------------------------------------------------------------------------
def _pattern(pattern: str):
    if pattern not in _PATTERNS:
        if _re_unicode is not None:
            _PATTERNS[pattern] = _re_unicode.compile(pattern)
        else:
            p = pattern.replace(r"\p{L}\p{Z}\p{N}", r"\w\s").replace(r"\p{L}", r"[^\W\d_]")
            _PATTERNS[pattern] = re.compile(p)
    return _PATTERNS[pattern]


def _lower(name: str) -> str:
    return name[:1].lower() + name[1:]


def _check(shape_name: str, value, path: str, errors: list) -> None:
    shape = _SHAPES[shape_name]
    kind = shape["type"]
    if kind == "structure":
        if shape.get("document"):
            return
        if not isinstance(value, dict):
            errors.append(f"Value at '{path}' failed to satisfy constraint: Member must be a structure")
            return
        members = shape.get("members", {})
        for req in shape.get("required", []):
            if value.get(req) is None:
                errors.append(f"Value null at '{_join(path, req)}' failed to satisfy constraint:"
                              " Member must not be null")
        if shape.get("union"):
            present = [m for m in members if value.get(m) is not None]
            if len(present) != 1:
                errors.append(f"Value at '{path}' failed to satisfy constraint: Member must have"
                              f" exactly one of [{', '.join(_lower(m) for m in members)}] set")
        for name, ref in members.items():
            if value.get(name) is not None:
                _check(ref["shape"], value[name], _join(path, name), errors)
    elif kind == "list":
        if not isinstance(value, list):
            errors.append(f"Value at '{path}' failed to satisfy constraint: Member must be a list")
            return
        _bounds(shape, len(value), value, path, errors, "length")
        for i, item in enumerate(value):
            _check(shape["member"]["shape"], item, f"{path}.{i + 1}.member", errors)
    elif kind == "string":
        if not isinstance(value, str):
            errors.append(f"Value '{value}' at '{path}' failed to satisfy constraint: Member must be a string")
            return
        if "enum" in shape and value not in shape["enum"]:
            errors.append(f"Value '{value}' at '{path}' failed to satisfy constraint: Member must"
                          f" satisfy enum value set: [{', '.join(shape['enum'])}]")
        _bounds(shape, len(value), value, path, errors, "length")
        if "pattern" in shape and not _pattern(shape["pattern"]).fullmatch(value):
            errors.append(f"Value '{value}' at '{path}' failed to satisfy constraint: Member must"
                          f" satisfy regular expression pattern: {shape['pattern']}")
    elif kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            errors.append(f"Value '{value}' at '{path}' failed to satisfy constraint: Member must be an integer")
            return
        _bounds(shape, value, value, path, errors, "value")
    elif kind == "boolean":
        if not isinstance(value, bool):
            errors.append(f"Value '{value}' at '{path}' failed to satisfy constraint: Member must be a boolean")


def _bounds(shape: dict, size: int, value, path: str, errors: list, what: str) -> None:
    shown = value if isinstance(value, (str, int)) else "[...]"
    if "min" in shape and size < shape["min"]:
        errors.append(f"Value '{shown}' at '{path}' failed to satisfy constraint: Member must have"
                      f" {what} greater than or equal to {shape['min']}")
    if "max" in shape and size > shape["max"]:
        errors.append(f"Value '{shown}' at '{path}' failed to satisfy constraint: Member must have"
                      f" {what} less than or equal to {shape['max']}")


def _join(path: str, member: str) -> str:
    return f"{path}.{_lower(member)}" if path else _lower(member)


def _invalid(errors: list) -> ValidationException:
    n = len(errors)
    return ValidationException(f"{n} validation error{'s' if n > 1 else ''} detected: " + "; ".join(errors))


def _params(self, operation: str) -> dict:
    """The request body, validated against the operation's input shape."""
    try:
        body = json.loads(self.body or "{}")
    except ValueError:
        raise ValidationException("Request body is not valid JSON")
    if not isinstance(body, dict):
        raise ValidationException("Request body must be a JSON object")
    errors: list = []
    _check(_OPS[operation]["input"]["shape"], body, "", errors)
    if errors:
        raise _invalid(errors)
    return body


def _page(items: list, key: str, params: dict, default: int, cap: int = None) -> str:
    """NextToken is the offset as text. Page size: MaxResults, else `default`; at most `cap` when the
    response list has a model maximum (ApplicationList: 50)."""
    token = params.get("NextToken")
    if token and not token.isdigit():
        raise ValidationException(f"Invalid NextToken: {token}")
    start = int(token or 0)
    size = params.get("MaxResults") or default
    if cap is not None:
        size = min(size, cap)
    body = {key: items[start : start + size]}
    if start + size < len(items):
        body["NextToken"] = str(start + size)
    return json.dumps(body)


# ----------------------------------------------------------------------------------------------
# State
# ----------------------------------------------------------------------------------------------
class _Application:
    def __init__(self, arn, instance, provider, name, description, status, portal, account, region):
        self.arn = arn
        self.instance_arn = instance.instance_arn
        self.identity_store_id = instance.identity_store_id
        self.provider = provider
        self.name = name
        self.description = description
        self.status = status
        self.portal = portal
        self.account = account
        self.region = region
        self.created = unix_time()
        self.grants: dict = {}  # GrantType -> Grant (union dict)
        self.auth_methods: dict = {}  # AuthenticationMethodType -> AuthenticationMethod (union dict)
        self.scopes: dict = {}  # Scope -> AuthorizedTargets list or None
        self.assignment_required = True
        self.assignments: list = []  # (PrincipalType, PrincipalId), creation order

    def to_json(self) -> dict:
        out = {
            "ApplicationArn": self.arn,
            "ApplicationProviderArn": self.provider,
            "Name": self.name,
            "ApplicationAccount": self.account,
            "InstanceArn": self.instance_arn,
            "IdentityStoreArn": _store_arn(self.account, self.identity_store_id),
            "Status": self.status,
            "CreatedDate": self.created,
            "CreatedFrom": self.region,
        }
        if self.portal:
            out["PortalOptions"] = self.portal
        if self.description is not None:
            out["Description"] = self.description
        return out


def _store_arn(account: str, store_id: str) -> str:
    return f"arn:aws:identitystore::{account}:identitystore/{store_id}"


def _issuers(backend) -> dict:
    if not hasattr(backend, "_issuers"):
        backend._issuers = {}
    return backend._issuers


def _applications(backend) -> dict:
    if not hasattr(backend, "_applications"):
        backend._applications = {}
    return backend._applications


def _instance(backend, instance_arn: str, missing=ResourceNotFoundException):
    """The instance of that ARN. ASSUMED: an unknown instance is ResourceNotFoundException, or
    ValidationException for the operations whose documented errors lack ResourceNotFoundException
    (CreateTrustedTokenIssuer, ListTrustedTokenIssuers, ListApplications)."""
    for instance in backend.instances:
        if instance.instance_arn == instance_arn:
            return instance
    raise missing(f"Instance {instance_arn} does not exist")


def _application(backend, arn: str) -> _Application:
    app = _applications(backend).get(arn)
    if app is None:
        raise ResourceNotFoundException(f"Application {arn} does not exist")
    return app


def _issuer(backend, arn: str) -> dict:
    tti = _issuers(backend).get(arn)
    if tti is None:
        raise ResourceNotFoundException(f"TrustedTokenIssuer {arn} does not exist")
    return tti


def _id(instance_arn: str) -> str:
    return instance_arn.rsplit("/", 1)[-1]


# ----------------------------------------------------------------------------------------------
# Trusted token issuers
# ----------------------------------------------------------------------------------------------
def _check_https(url: str) -> None:
    # --- Issue 11 and the user guide's trusted token issuer setup: the issuer URL is the OIDC
    #     discovery base and must be https:// (the model's pattern also admits http://).
    if not url.lower().startswith("https://"):
        raise ValidationException(f"IssuerUrl {url} must use the https scheme")


# --- API_CreateTrustedTokenIssuer.html: TrustedTokenIssuerType OIDC_JWT with an
#     OidcJwtConfiguration (IssuerUrl, ClaimAttributePath, IdentityStoreAttributePath,
#     JwksRetrievalOption all required); answers TrustedTokenIssuerArn
#     arn:aws:sso::<account>:trustedTokenIssuer/ssoins-<16>/tti-<uuid> (the ARN pattern). At most
#     MAX_ISSUERS per instance: ServiceQuotaExceededException. ASSUMED: names need not be unique
#     (no page says they must); a second issuer with an IssuerUrl already used is accepted too.
def create_trusted_token_issuer(self) -> str:
    p = _params(self, "CreateTrustedTokenIssuer")
    backend = self.ssoadmin_backend
    instance = _instance(backend, p["InstanceArn"], ValidationException)
    config = p["TrustedTokenIssuerConfiguration"].get("OidcJwtConfiguration")
    if config is None:
        raise ValidationException("TrustedTokenIssuerType OIDC_JWT needs an OidcJwtConfiguration")
    _check_https(config["IssuerUrl"])
    with _LOCK:
        issuers = _issuers(backend)
        if sum(1 for t in issuers.values() if t["InstanceArn"] == instance.instance_arn) >= MAX_ISSUERS:
            raise ServiceQuotaExceededException(
                f"You have exceeded the maximum of {MAX_ISSUERS} trusted token issuers for instance"
                f" {_id(instance.instance_arn)}")
        arn = (f"arn:aws:sso::{backend.account_id}:trustedTokenIssuer/{_id(instance.instance_arn)}"
               f"/tti-{mock_random.uuid4()}")
        issuers[arn] = {
            "InstanceArn": instance.instance_arn,
            "Name": p["Name"],
            "Type": p["TrustedTokenIssuerType"],
            "Configuration": {k: config[k] for k in
                              ("IssuerUrl", "ClaimAttributePath", "IdentityStoreAttributePath",
                               "JwksRetrievalOption")},
        }
    return json.dumps({"TrustedTokenIssuerArn": arn})


# --- API_DescribeTrustedTokenIssuer.html: Arn, Name, Type and the configuration as created
#     (TrustedTokenIssuerConfiguration.OidcJwtConfiguration); ResourceNotFoundException otherwise.
def describe_trusted_token_issuer(self) -> str:
    p = _params(self, "DescribeTrustedTokenIssuer")
    arn = p["TrustedTokenIssuerArn"]
    tti = _issuer(self.ssoadmin_backend, arn)
    return json.dumps({
        "TrustedTokenIssuerArn": arn,
        "Name": tti["Name"],
        "TrustedTokenIssuerType": tti["Type"],
        "TrustedTokenIssuerConfiguration": {"OidcJwtConfiguration": dict(tti["Configuration"])},
    })


# --- API_ListTrustedTokenIssuers.html: TrustedTokenIssuerMetadata (Arn, Name, Type) of the
#     instance, in creation order; MaxResults 1-100, NextToken.
def list_trusted_token_issuers(self) -> str:
    p = _params(self, "ListTrustedTokenIssuers")
    instance = _instance(self.ssoadmin_backend, p["InstanceArn"], ValidationException)
    items = [{"TrustedTokenIssuerArn": arn, "Name": t["Name"], "TrustedTokenIssuerType": t["Type"]}
             for arn, t in _issuers(self.ssoadmin_backend).items()
             if t["InstanceArn"] == instance.instance_arn]
    return _page(items, "TrustedTokenIssuers", p, 100)


# --- API_UpdateTrustedTokenIssuer.html: "Updates the name of the trusted token issuer, or the path
#     of a source attribute or destination attribute". OidcJwtUpdateConfiguration has
#     ClaimAttributePath, IdentityStoreAttributePath and JwksRetrievalOption only: the IssuerUrl
#     cannot be changed (an IssuerUrl sent anyway is not a model member and is ignored). Members
#     left out keep their value.
def update_trusted_token_issuer(self) -> str:
    p = _params(self, "UpdateTrustedTokenIssuer")
    with _LOCK:
        tti = _issuer(self.ssoadmin_backend, p["TrustedTokenIssuerArn"])
        if p.get("Name") is not None:
            tti["Name"] = p["Name"]
        update = (p.get("TrustedTokenIssuerConfiguration") or {}).get("OidcJwtConfiguration") or {}
        for key in ("ClaimAttributePath", "IdentityStoreAttributePath", "JwksRetrievalOption"):
            if update.get(key) is not None:
                tti["Configuration"][key] = update[key]
    return "{}"


# --- API_DeleteTrustedTokenIssuer.html: "Deleting this trusted token issuer configuration will
#     cause users to lose access to any applications that are configured to use the trusted token
#     issuer" - so deleting an issuer that grants still name is allowed (no ConflictException). What
#     happens to those grants is not documented: ASSUMED they keep naming the deleted issuer's ARN
#     (GetApplicationGrant shows it) until the grant is replaced or deleted.
def delete_trusted_token_issuer(self) -> str:
    p = _params(self, "DeleteTrustedTokenIssuer")
    with _LOCK:
        _issuer(self.ssoadmin_backend, p["TrustedTokenIssuerArn"])
        del _issuers(self.ssoadmin_backend)[p["TrustedTokenIssuerArn"]]
    return "{}"


# ----------------------------------------------------------------------------------------------
# Applications
# ----------------------------------------------------------------------------------------------
def _check_sign_in(sign_in) -> None:
    # --- API_SignInOptions.html: ApplicationUrl "is a required parameter if the Origin parameter is
    #     APPLICATION".
    if sign_in and sign_in.get("Origin") == "APPLICATION" and not sign_in.get("ApplicationUrl"):
        raise ValidationException("ApplicationUrl is required when SignInOptions.Origin is APPLICATION")


# --- API_CreateApplication.html: "Creates an OAuth 2.0 customer managed application ... This API
#     does not support creating SAML 2.0 customer managed applications or Amazon Web Services
#     managed applications", so the provider must be applicationProvider/custom
#     (ValidationException otherwise; the seeding header of the module docstring lifts this).
#     Status defaults to ENABLED (issue 11; ASSUMED, the page gives no default). Answers
#     ApplicationArn arn:aws:sso::<account>:application/ssoins-<16>/apl-<16> (the ARN pattern).
#     PortalOptions are kept as sent (ASSUMED: no default Visibility is added). ASSUMED: names
#     need not be unique. A new application requires assignments
#     (API_PutApplicationAssignmentConfiguration.html: AssignmentRequired "true (default value)").
def create_application(self) -> str:
    p = _params(self, "CreateApplication")
    backend = self.ssoadmin_backend
    instance = _instance(backend, p["InstanceArn"])
    provider = p["ApplicationProviderArn"]
    seeding = str(self.headers.get(SEED_HEADER, "")).lower() == "true"
    if not seeding and not CUSTOM_PROVIDER.fullmatch(provider):
        raise ValidationException(
            f"ApplicationProviderArn {provider} is not supported: CreateApplication creates customer"
            " managed OAuth 2.0 applications (arn:aws:sso::aws:applicationProvider/custom) only")
    portal = p.get("PortalOptions")
    _check_sign_in((portal or {}).get("SignInOptions"))
    with _LOCK:
        arn = (f"arn:aws:sso::{backend.account_id}:application/{_id(instance.instance_arn)}"
               f"/apl-{mock_random.get_random_string(length=16, lower_case=True)}")
        _applications(backend)[arn] = _Application(
            arn, instance, provider, p["Name"], p.get("Description"), p.get("Status") or "ENABLED",
            portal, backend.account_id, backend.region_name)
    return json.dumps({"ApplicationArn": arn, "InstanceArn": instance.instance_arn,
                       "IdentityStoreArn": _store_arn(backend.account_id, instance.identity_store_id)})


# --- API_DescribeApplication.html: the Application fields; ResourceNotFoundException otherwise.
def describe_application(self) -> str:
    p = _params(self, "DescribeApplication")
    return json.dumps(_application(self.ssoadmin_backend, p["ApplicationArn"]).to_json())


# --- API_ListApplications.html: the instance's applications of every provider (customer managed
#     and AWS managed), Filter.ApplicationAccount / Filter.ApplicationProvider; MaxResults 1-100,
#     NextToken; the response list holds at most 50 (ApplicationList max 50).
def list_applications(self) -> str:
    p = _params(self, "ListApplications")
    instance = _instance(self.ssoadmin_backend, p["InstanceArn"], ValidationException)
    f = p.get("Filter") or {}
    items = [a.to_json() for a in _applications(self.ssoadmin_backend).values()
             if a.instance_arn == instance.instance_arn
             and f.get("ApplicationAccount") in (None, a.account)
             and f.get("ApplicationProvider") in (None, a.provider)]
    return _page(items, "Applications", p, 50, cap=50)


# --- API_UpdateApplication.html: Name, Description, Status and PortalOptions.SignInOptions
#     (UpdateApplicationPortalOptions has no Visibility); members left out keep their value.
def update_application(self) -> str:
    p = _params(self, "UpdateApplication")
    with _LOCK:
        app = _application(self.ssoadmin_backend, p["ApplicationArn"])
        sign_in = (p.get("PortalOptions") or {}).get("SignInOptions")
        _check_sign_in(sign_in)
        if p.get("Name") is not None:
            app.name = p["Name"]
        if p.get("Description") is not None:
            app.description = p["Description"]
        if p.get("Status") is not None:
            app.status = p["Status"]
        if sign_in is not None:
            app.portal = dict(app.portal or {}, SignInOptions=sign_in)
    return "{}"


# --- API_DeleteApplication.html: "Deletes the association with the application". Its grants,
#     authentication methods, access scopes, assignment setting and assignments go with it
#     (they are sub-resources addressed by the application's ARN). ResourceNotFoundException for an
#     unknown ARN (DeleteApplication is not idempotent in the model).
def delete_application(self) -> str:
    p = _params(self, "DeleteApplication")
    with _LOCK:
        _application(self.ssoadmin_backend, p["ApplicationArn"])
        del _applications(self.ssoadmin_backend)[p["ApplicationArn"]]
    return "{}"


# ----------------------------------------------------------------------------------------------
# Grants
# ----------------------------------------------------------------------------------------------
_GRANT_MEMBER = {
    "authorization_code": "AuthorizationCode",
    "refresh_token": "RefreshToken",
    "urn:ietf:params:oauth:grant-type:jwt-bearer": "JwtBearer",
    "urn:ietf:params:oauth:grant-type:token-exchange": "TokenExchange",
}


# --- API_PutApplicationGrant.html: creates or replaces the application's grant of GrantType; the
#     Grant union's member must be the one of that type (API_Grant.html). A JWT bearer grant lists
#     1-10 AuthorizedTokenIssuers, each with 1-10 AuthorizedAudiences (API_AuthorizedTokenIssuer
#     .html), and each issuer must exist in the application's instance (ResourceNotFoundException).
#     ASSUMED: the issuer ARN and the audiences, optional in the model, are both required, and the
#     same issuer may not appear twice in one grant (ValidationException).
def put_application_grant(self) -> str:
    p = _params(self, "PutApplicationGrant")
    backend = self.ssoadmin_backend
    grant_type = p["GrantType"]
    member = _GRANT_MEMBER[grant_type]
    grant = p["Grant"]
    if member not in grant:
        raise ValidationException(f"Grant for GrantType {grant_type} must be a {member} grant")
    with _LOCK:
        app = _application(backend, p["ApplicationArn"])
        body = grant[member]
        if member == "JwtBearer":
            issuers = body.get("AuthorizedTokenIssuers")
            if not issuers:
                raise ValidationException("A JwtBearer grant needs 1 to 10 AuthorizedTokenIssuers")
            seen = set()
            for i, entry in enumerate(issuers):
                at = f"grant.jwtBearer.authorizedTokenIssuers.{i + 1}.member"
                missing = [m for m in ("TrustedTokenIssuerArn", "AuthorizedAudiences") if not entry.get(m)]
                if missing:
                    raise _invalid([f"Value null at '{at}.{_lower(m)}' failed to satisfy constraint:"
                                    " Member must not be null" for m in missing])
                arn = entry["TrustedTokenIssuerArn"]
                if arn in seen:
                    raise ValidationException(f"TrustedTokenIssuerArn {arn} appears more than once")
                seen.add(arn)
                tti = _issuers(backend).get(arn)
                if tti is None or tti["InstanceArn"] != app.instance_arn:
                    raise ResourceNotFoundException(f"TrustedTokenIssuer {arn} does not exist")
            body = {"AuthorizedTokenIssuers": [
                {"TrustedTokenIssuerArn": e["TrustedTokenIssuerArn"],
                 "AuthorizedAudiences": list(e["AuthorizedAudiences"])} for e in issuers]}
        elif member == "AuthorizationCode":
            body = {"RedirectUris": list(body["RedirectUris"])} if body.get("RedirectUris") else {}
        else:
            body = {}
        app.grants[grant_type] = {member: body}
    return "{}"


# --- API_GetApplicationGrant.html: the Grant as put; ResourceNotFoundException when the
#     application has no grant of that type.
def get_application_grant(self) -> str:
    p = _params(self, "GetApplicationGrant")
    app = _application(self.ssoadmin_backend, p["ApplicationArn"])
    grant = app.grants.get(p["GrantType"])
    if grant is None:
        raise ResourceNotFoundException(f"Application {app.arn} has no {p['GrantType']} grant")
    return json.dumps({"Grant": grant})


# --- API_ListApplicationGrants.html: GrantItem (GrantType, Grant) list and NextToken; the request
#     has no MaxResults.
def list_application_grants(self) -> str:
    p = _params(self, "ListApplicationGrants")
    app = _application(self.ssoadmin_backend, p["ApplicationArn"])
    items = [{"GrantType": t, "Grant": g} for t, g in app.grants.items()]
    return _page(items, "Grants", p, 100)


# --- API_DeleteApplicationGrant.html (idempotent in the model): ResourceNotFoundException for an
#     unknown application. ASSUMED: deleting a grant type the application does not have succeeds,
#     as a retried idempotent delete must.
def delete_application_grant(self) -> str:
    p = _params(self, "DeleteApplicationGrant")
    with _LOCK:
        _application(self.ssoadmin_backend, p["ApplicationArn"]).grants.pop(p["GrantType"], None)
    return "{}"


# ----------------------------------------------------------------------------------------------
# Authentication methods
# ----------------------------------------------------------------------------------------------
# --- API_PutApplicationAuthenticationMethod.html: type IAM with AuthenticationMethod.Iam.ActorPolicy,
#     an IAM policy document (ActorPolicyDocument is a "document" shape: JSON, not a string, in
#     requests and responses). Creates or replaces. ASSUMED: the document must be a JSON object
#     (ValidationException otherwise).
def put_application_authentication_method(self) -> str:
    p = _params(self, "PutApplicationAuthenticationMethod")
    iam = p["AuthenticationMethod"].get("Iam")
    if p["AuthenticationMethodType"] == "IAM" and iam is None:
        raise ValidationException("AuthenticationMethodType IAM needs an Iam authentication method")
    if not isinstance(iam["ActorPolicy"], dict):
        raise ValidationException("ActorPolicy must be a JSON policy document (an object)")
    with _LOCK:
        app = _application(self.ssoadmin_backend, p["ApplicationArn"])
        app.auth_methods[p["AuthenticationMethodType"]] = {"Iam": {"ActorPolicy": iam["ActorPolicy"]}}
    return "{}"


# --- API_GetApplicationAuthenticationMethod.html: ResourceNotFoundException when none of that type.
def get_application_authentication_method(self) -> str:
    p = _params(self, "GetApplicationAuthenticationMethod")
    app = _application(self.ssoadmin_backend, p["ApplicationArn"])
    method = app.auth_methods.get(p["AuthenticationMethodType"])
    if method is None:
        raise ResourceNotFoundException(
            f"Application {app.arn} has no {p['AuthenticationMethodType']} authentication method")
    return json.dumps({"AuthenticationMethod": method})


# --- API_ListApplicationAuthenticationMethods.html: AuthenticationMethodItem list and NextToken;
#     no MaxResults.
def list_application_authentication_methods(self) -> str:
    p = _params(self, "ListApplicationAuthenticationMethods")
    app = _application(self.ssoadmin_backend, p["ApplicationArn"])
    items = [{"AuthenticationMethodType": t, "AuthenticationMethod": m} for t, m in app.auth_methods.items()]
    return _page(items, "AuthenticationMethods", p, 100)


# --- API_DeleteApplicationAuthenticationMethod.html (idempotent): as DeleteApplicationGrant.
def delete_application_authentication_method(self) -> str:
    p = _params(self, "DeleteApplicationAuthenticationMethod")
    with _LOCK:
        _application(self.ssoadmin_backend, p["ApplicationArn"]).auth_methods.pop(
            p["AuthenticationMethodType"], None)
    return "{}"


# ----------------------------------------------------------------------------------------------
# Access scopes
# ----------------------------------------------------------------------------------------------
# --- API_PutApplicationAccessScope.html: "Adds or updates the list of authorized targets for an
#     IAM Identity Center access scope"; Scope matches seg(:seg){0,2} (the model's pattern),
#     AuthorizedTargets 1-10 application or instance ARNs. At most 25 scopes per application
#     (limits.html); the operation documents no ServiceQuotaExceededException, so the 26th is a
#     ValidationException (ASSUMED). ASSUMED: targets are not checked for existence.
def put_application_access_scope(self) -> str:
    p = _params(self, "PutApplicationAccessScope")
    with _LOCK:
        app = _application(self.ssoadmin_backend, p["ApplicationArn"])
        scope = p["Scope"]
        if scope not in app.scopes and len(app.scopes) >= MAX_SCOPES:
            raise ValidationException(
                f"Application {app.arn} already has the maximum of {MAX_SCOPES} access scopes")
        targets = p.get("AuthorizedTargets")
        app.scopes[scope] = list(targets) if targets else None
    return "{}"


def _scope(scope: str, targets) -> dict:
    out = {"Scope": scope}
    if targets:
        out["AuthorizedTargets"] = targets
    return out


# --- API_GetApplicationAccessScope.html: Scope and AuthorizedTargets; ResourceNotFoundException
#     for a scope the application does not have.
def get_application_access_scope(self) -> str:
    p = _params(self, "GetApplicationAccessScope")
    app = _application(self.ssoadmin_backend, p["ApplicationArn"])
    if p["Scope"] not in app.scopes:
        raise ResourceNotFoundException(f"Application {app.arn} has no access scope {p['Scope']}")
    return json.dumps(_scope(p["Scope"], app.scopes[p["Scope"]]))


# --- API_ListApplicationAccessScopes.html: ScopeDetails list; MaxResults 1-10 (Scopes max 10),
#     NextToken.
def list_application_access_scopes(self) -> str:
    p = _params(self, "ListApplicationAccessScopes")
    app = _application(self.ssoadmin_backend, p["ApplicationArn"])
    items = [_scope(s, t) for s, t in app.scopes.items()]
    return _page(items, "Scopes", p, 10, cap=10)


# --- API_DeleteApplicationAccessScope.html (idempotent): as DeleteApplicationGrant.
def delete_application_access_scope(self) -> str:
    p = _params(self, "DeleteApplicationAccessScope")
    with _LOCK:
        _application(self.ssoadmin_backend, p["ApplicationArn"]).scopes.pop(p["Scope"], None)
    return "{}"


# ----------------------------------------------------------------------------------------------
# Assignment configuration and assignments
# ----------------------------------------------------------------------------------------------
# --- API_PutApplicationAssignmentConfiguration.html: "If AssignmentsRequired is true (default
#     value), users don't have access to the application unless an assignment is created".
def put_application_assignment_configuration(self) -> str:
    p = _params(self, "PutApplicationAssignmentConfiguration")
    with _LOCK:
        _application(self.ssoadmin_backend, p["ApplicationArn"]).assignment_required = p["AssignmentRequired"]
    return "{}"


# --- API_GetApplicationAssignmentConfiguration.html: AssignmentRequired, true for a new application.
def get_application_assignment_configuration(self) -> str:
    p = _params(self, "GetApplicationAssignmentConfiguration")
    app = _application(self.ssoadmin_backend, p["ApplicationArn"])
    return json.dumps({"AssignmentRequired": app.assignment_required})


def _check_principal(backend, app: _Application, principal_type: str, principal_id: str) -> None:
    """The principal must exist in the instance's identity store (moto's identitystore backend of
    the same account and region): ResourceNotFoundException otherwise."""
    from moto.identitystore.models import identitystore_backends

    store = identitystore_backends[backend.account_id][backend.region_name]
    try:
        if principal_type == "USER":
            store.describe_user(app.identity_store_id, principal_id)
        else:
            store.describe_group(app.identity_store_id, principal_id)
    except Exception:  # moto's identitystore ResourceNotFoundException
        raise ResourceNotFoundException(
            f"{principal_type} {principal_id} does not exist in identity store {app.identity_store_id}")


# --- API_CreateApplicationAssignment.html: "Grant application access to a user or group". The
#     principal must exist in the instance's identity store (ResourceNotFoundException); an
#     assignment that exists already is a ConflictException (ASSUMED: the page does not say which
#     error a duplicate gets; ConflictException is among the documented ones).
def create_application_assignment(self) -> str:
    p = _params(self, "CreateApplicationAssignment")
    backend = self.ssoadmin_backend
    with _LOCK:
        app = _application(backend, p["ApplicationArn"])
        _check_principal(backend, app, p["PrincipalType"], p["PrincipalId"])
        key = (p["PrincipalType"], p["PrincipalId"])
        if key in app.assignments:
            raise ConflictException(
                f"{key[0]} {key[1]} is already assigned to application {app.arn}")
        app.assignments.append(key)
    return "{}"


def _assignment(app: _Application, key) -> dict:
    return {"ApplicationArn": app.arn, "PrincipalType": key[0], "PrincipalId": key[1]}


# --- API_DescribeApplicationAssignment.html: PrincipalType, PrincipalId, ApplicationArn;
#     ResourceNotFoundException when that principal is not assigned.
def describe_application_assignment(self) -> str:
    p = _params(self, "DescribeApplicationAssignment")
    app = _application(self.ssoadmin_backend, p["ApplicationArn"])
    key = (p["PrincipalType"], p["PrincipalId"])
    if key not in app.assignments:
        raise ResourceNotFoundException(f"{key[0]} {key[1]} is not assigned to application {app.arn}")
    return json.dumps(_assignment(app, key))


# --- API_DeleteApplicationAssignment.html (idempotent in the model). ASSUMED: deleting an
#     assignment that does not exist succeeds, as DeleteApplicationGrant.
def delete_application_assignment(self) -> str:
    p = _params(self, "DeleteApplicationAssignment")
    with _LOCK:
        app = _application(self.ssoadmin_backend, p["ApplicationArn"])
        key = (p["PrincipalType"], p["PrincipalId"])
        if key in app.assignments:
            app.assignments.remove(key)
    return "{}"


# --- API_ListApplicationAssignments.html: ApplicationAssignment list; MaxResults 1-100, NextToken.
def list_application_assignments(self) -> str:
    p = _params(self, "ListApplicationAssignments")
    app = _application(self.ssoadmin_backend, p["ApplicationArn"])
    return _page([_assignment(app, k) for k in app.assignments], "ApplicationAssignments", p, 100)


# --- API_ListApplicationAssignmentsForPrincipal.html: the principal's assignments across the
#     instance's applications, Filter.ApplicationArn; MaxResults 1-100, NextToken.
def list_application_assignments_for_principal(self) -> str:
    p = _params(self, "ListApplicationAssignmentsForPrincipal")
    backend = self.ssoadmin_backend
    instance = _instance(backend, p["InstanceArn"])
    key = (p["PrincipalType"], p["PrincipalId"])
    wanted = (p.get("Filter") or {}).get("ApplicationArn")
    items = [_assignment(a, key) for a in _applications(backend).values()
             if a.instance_arn == instance.instance_arn and key in a.assignments
             and wanted in (None, a.arn)]
    return _page(items, "ApplicationAssignments", p, 100)


for _fn in (
    create_trusted_token_issuer,
    describe_trusted_token_issuer,
    list_trusted_token_issuers,
    update_trusted_token_issuer,
    delete_trusted_token_issuer,
    create_application,
    describe_application,
    list_applications,
    update_application,
    delete_application,
    put_application_grant,
    get_application_grant,
    list_application_grants,
    delete_application_grant,
    put_application_authentication_method,
    get_application_authentication_method,
    list_application_authentication_methods,
    delete_application_authentication_method,
    put_application_access_scope,
    get_application_access_scope,
    list_application_access_scopes,
    delete_application_access_scope,
    put_application_assignment_configuration,
    get_application_assignment_configuration,
    create_application_assignment,
    describe_application_assignment,
    delete_application_assignment,
    list_application_assignments,
    list_application_assignments_for_principal,
):
    setattr(SSOAdminResponse, _fn.__name__, _fn)
