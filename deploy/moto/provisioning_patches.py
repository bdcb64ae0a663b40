"""Patches to sso-admin assignments, provisioning, permissions boundaries and tags."""

import json

from moto.core.utils import unix_time
from moto.moto_api._internal import mock_random
from moto.ssoadmin.exceptions import ResourceNotFoundException
from moto.ssoadmin.responses import SSOAdminResponse

from moto_state import Backend, ValidationException, _bump, _page, _provisioned, _version

# --- API_CreateAccountAssignment.html: creating an assignment that exists succeeds without a
#     duplicate (moto appends another), and the set is provisioned to the account as part of it.
_create_assignment = Backend.create_account_assignment


def create_account_assignment(self, **kw):
    self._find_permission_set(kw["instance_arn"], kw["permission_set_arn"])
    try:
        existing = self._find_account(**kw)
        return existing.to_json(include_creation_date=True, include_request_id=True)
    except ResourceNotFoundException:
        pass
    result = _create_assignment(self, **kw)
    ps = self._find_permission_set(kw["instance_arn"], kw["permission_set_arn"])
    _provisioned(self).setdefault(ps.permission_set_arn, {}).setdefault(kw["target_id"], _version(ps))
    return result


Backend.create_account_assignment = create_account_assignment


# --- API_DeleteAccountAssignment.html: removing the last assignment of a set in an account
#     removes the set's role there, so the account leaves ListAccountsForProvisionedPermissionSet
#     (same model as SandboxIdentityCenter).
_delete_assignment = Backend.delete_account_assignment


def delete_account_assignment(self, **kw):
    result = _delete_assignment(self, **kw)
    left = [a for a in self.account_assignments
            if a.permission_set_arn == kw["permission_set_arn"] and a.target_id == kw["target_id"]]
    if not left:
        _provisioned(self).get(kw["permission_set_arn"], {}).pop(kw["target_id"], None)
    return result


Backend.delete_account_assignment = delete_account_assignment


# --- API_ProvisionPermissionSet.html: TargetType AWS_ACCOUNT provisions the latest definition to
#     TargetId; ALL_PROVISIONED_ACCOUNTS re-provisions every account that holds a copy (moto
#     ignores both and provisions to the caller's account).
def provision_permission_set(self) -> str:
    backend = self.ssoadmin_backend
    ps = backend._find_permission_set(self._get_param("InstanceArn"), self._get_param("PermissionSetArn"))
    target_type = self._get_param("TargetType")
    accounts = _provisioned(backend).setdefault(ps.permission_set_arn, {})
    if target_type == "AWS_ACCOUNT":
        target = self._get_param("TargetId")
        if not target:
            raise ValidationException("TargetId is required when TargetType is AWS_ACCOUNT")
        accounts[target] = _version(ps)
    elif target_type == "ALL_PROVISIONED_ACCOUNTS":
        target = None
        for account in accounts:
            accounts[account] = _version(ps)
    else:
        raise ValidationException("TargetType must be AWS_ACCOUNT or ALL_PROVISIONED_ACCOUNTS")
    status = {"Status": "SUCCEEDED", "RequestId": str(mock_random.uuid4()),
              "PermissionSetArn": ps.permission_set_arn, "CreatedDate": unix_time()}
    if target:
        status["AccountId"] = target
    backend._ps_requests[status["RequestId"]] = status
    return json.dumps({"PermissionSetProvisioningStatus": status})


# --- API_DescribePermissionSetProvisioningStatus.html (missing in moto).
def describe_permission_set_provisioning_status(self) -> str:
    _provisioned(self.ssoadmin_backend)
    request_id = self._get_param("ProvisionPermissionSetRequestId")
    status = self.ssoadmin_backend._ps_requests.get(request_id)
    if status is None:
        raise ResourceNotFoundException(f"Could not find provisioning request {request_id}")
    return json.dumps({"PermissionSetProvisioningStatus": status})


# --- API_ListPermissionSetProvisioningStatus.html (missing in moto): Filter.Status.
def list_permission_set_provisioning_status(self) -> str:
    _provisioned(self.ssoadmin_backend)
    wanted = (self._get_param("Filter") or {}).get("Status")
    items = [{"Status": s["Status"], "RequestId": s["RequestId"], "CreatedDate": s["CreatedDate"]}
             for s in self.ssoadmin_backend._ps_requests.values()
             if wanted is None or s["Status"] == wanted]
    return _page(items, "PermissionSetsProvisioningStatus", self._get_param)


def _matches(ps, version: int, status) -> bool:
    if status == "LATEST_PERMISSION_SET_PROVISIONED":
        return version == _version(ps)
    if status == "LATEST_PERMISSION_SET_NOT_PROVISIONED":
        return version != _version(ps)
    return True


# --- API_ListAccountsForProvisionedPermissionSet.html: the accounts the set is provisioned to,
#     filtered by ProvisioningStatus, paged by MaxResults/NextToken (moto returns the caller's
#     account only).
def list_accounts_for_provisioned_permission_set(self) -> str:
    backend = self.ssoadmin_backend
    ps = backend._find_permission_set(self._get_param("InstanceArn"), self._get_param("PermissionSetArn"))
    status = self._get_param("ProvisioningStatus")
    accounts = _provisioned(backend).get(ps.permission_set_arn, {})
    ids = [a for a, v in accounts.items() if _matches(ps, v, status)]
    return _page(ids, "AccountIds", self._get_param)


# --- API_ListPermissionSetsProvisionedToAccount.html: AccountId and ProvisioningStatus honoured.
def list_permission_sets_provisioned_to_account(self) -> str:
    backend = self.ssoadmin_backend
    account = self._get_param("AccountId")
    status = self._get_param("ProvisioningStatus")
    arns = []
    for ps in backend.permission_sets:
        version = _provisioned(backend).get(ps.permission_set_arn, {}).get(account)
        if version is not None and _matches(ps, version, status):
            arns.append(ps.permission_set_arn)
    return _page(arns, "PermissionSets", self._get_param)


def _ps(self):
    return self.ssoadmin_backend._find_permission_set(
        self._get_param("InstanceArn"), self._get_param("PermissionSetArn"))


# --- API_PutPermissionsBoundaryToPermissionSet.html: exactly one of CustomerManagedPolicyReference
#     or ManagedPolicyArn; the set's provisioned copies become stale.
def put_permissions_boundary_to_permission_set(self) -> str:
    ps = _ps(self)
    boundary = self._get_param("PermissionsBoundary") or {}
    if ("CustomerManagedPolicyReference" in boundary) == ("ManagedPolicyArn" in boundary):
        raise ValidationException(
            "PermissionsBoundary needs exactly one of CustomerManagedPolicyReference or ManagedPolicyArn")
    ref = boundary.get("CustomerManagedPolicyReference")
    if ref is not None:
        boundary = {"CustomerManagedPolicyReference": {"Name": ref["Name"], "Path": ref.get("Path", "/")}}
    ps._boundary = boundary
    _bump(ps)
    return "{}"


# --- API_GetPermissionsBoundaryForPermissionSet.html: ResourceNotFoundException when none.
def get_permissions_boundary_for_permission_set(self) -> str:
    ps = _ps(self)
    boundary = getattr(ps, "_boundary", None)
    if not boundary:
        raise ResourceNotFoundException("Permissions boundary not found for this permission set")
    return json.dumps({"PermissionsBoundary": boundary})


# --- API_DeletePermissionsBoundaryFromPermissionSet.html.
def delete_permissions_boundary_from_permission_set(self) -> str:
    ps = _ps(self)
    if not getattr(ps, "_boundary", None):
        raise ResourceNotFoundException("Permissions boundary not found for this permission set")
    ps._boundary = None
    _bump(ps)
    return "{}"


def _tagged(self):
    return self.ssoadmin_backend._find_permission_set(
        self._get_param("InstanceArn"), self._get_param("ResourceArn"))


# --- API_TagResource.html: adds or overwrites tags, at most 50 per resource.
def tag_resource(self) -> str:
    ps = _tagged(self)
    tags = {t["Key"]: t["Value"] for t in (ps.tags or [])}
    tags.update({t["Key"]: t["Value"] for t in self._get_param("Tags") or []})
    if len(tags) > 50:
        raise ValidationException("A resource can have at most 50 tags")
    ps.tags = [{"Key": k, "Value": v} for k, v in tags.items()]
    return "{}"


# --- API_UntagResource.html.
def untag_resource(self) -> str:
    ps = _tagged(self)
    drop = set(self._get_param("TagKeys") or [])
    ps.tags = [t for t in (ps.tags or []) if t["Key"] not in drop]
    return "{}"


# --- API_ListTagsForResource.html: NextToken paging, no MaxResults.
def list_tags_for_resource(self) -> str:
    ps = _tagged(self)
    return json.dumps({"Tags": list(ps.tags or [])})


for _fn in (
    provision_permission_set,
    describe_permission_set_provisioning_status,
    list_permission_set_provisioning_status,
    list_accounts_for_provisioned_permission_set,
    list_permission_sets_provisioned_to_account,
    put_permissions_boundary_to_permission_set,
    get_permissions_boundary_for_permission_set,
    delete_permissions_boundary_from_permission_set,
    tag_resource,
    untag_resource,
    list_tags_for_resource,
):
    setattr(SSOAdminResponse, _fn.__name__, _fn)
