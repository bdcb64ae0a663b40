"""Patches to sso-admin account assignment requests: request ids, their statuses and the List*Status calls.

moto runs every operation to completion inside the call, so a request's status is terminal as soon
as it is returned (AWS answers IN_PROGRESS and finishes seconds later); Describe*Status and
List*Status then report that terminal status under the request id the call returned. The AWS-like
mode (aws_like_patches.py, launcher.py --aws-like) replaces the two submissions with ones that stay
IN_PROGRESS for a while.
"""

import json

from moto.core.utils import unix_time
from moto.moto_api._internal import mock_random
from moto.ssoadmin.exceptions import ResourceNotFoundException
from moto.ssoadmin.responses import SSOAdminResponse

from moto_state import _page

_FIELDS = ("InstanceArn", "TargetId", "TargetType", "PermissionSetArn", "PrincipalType", "PrincipalId")


def _requests(backend) -> dict:
    if not hasattr(backend, "_assignment_requests"):
        backend._assignment_requests = {"create": {}, "delete": {}}
    return backend._assignment_requests


def _params(self) -> dict:
    return {f: self._get_param(f) for f in _FIELDS}


def _kwargs(p: dict) -> dict:
    return {
        "instance_arn": p["InstanceArn"], "target_id": p["TargetId"], "target_type": p["TargetType"],
        "permission_set_arn": p["PermissionSetArn"], "principal_type": p["PrincipalType"],
        "principal_id": p["PrincipalId"],
    }


def _record(backend, kind: str, p: dict, status: str, reason=None) -> dict:
    entry = {k: p[k] for k in _FIELDS if k != "InstanceArn"}
    entry.update({"Status": status, "RequestId": str(mock_random.uuid4()), "CreatedDate": unix_time()})
    if reason:
        entry["FailureReason"] = reason
    _requests(backend)[kind][entry["RequestId"]] = entry
    return entry


# --- API_CreateAccountAssignment.html: every call returns a new RequestId that
#     DescribeAccountAssignmentCreationStatus answers for, also after the assignment is deleted
#     (moto returns the assignment's first request id and forgets it on deletion).
def create_account_assignment(self) -> str:
    backend = self.ssoadmin_backend
    p = _params(self)
    backend._find_permission_set(p["InstanceArn"], p["PermissionSetArn"])
    backend.create_account_assignment(**_kwargs(p))
    return json.dumps({"AccountAssignmentCreationStatus": _record(backend, "create", p, "SUCCEEDED")})


# --- API_DeleteAccountAssignment.html: an unknown instance or permission set is a
#     ResourceNotFoundException, but deleting an assignment that does not exist is accepted and the
#     request ends FAILED with a 404 reason (moto raises ResourceNotFoundException). The reason is
#     AWS's as quoted in hashicorp/terraform-provider-aws
#     internal/service/ssoadmin/account_assignment.go, which treats it as "already deleted".
def delete_account_assignment(self) -> str:
    backend = self.ssoadmin_backend
    p = _params(self)
    backend._find_permission_set(p["InstanceArn"], p["PermissionSetArn"])
    try:
        backend.delete_account_assignment(**_kwargs(p))
    except ResourceNotFoundException:
        entry = _record(backend, "delete", p, "FAILED", _not_found_reason(p))
        return json.dumps({"AccountAssignmentDeletionStatus": entry})
    return json.dumps({"AccountAssignmentDeletionStatus": _record(backend, "delete", p, "SUCCEEDED")})


def _not_found_reason(p: dict) -> str:
    instance_id = p["InstanceArn"].rsplit("/", 1)[-1]
    ps_id = p["PermissionSetArn"].rsplit("/", 1)[-1]
    return ("Received a 404 status error: EntitlementItem doesn't exist with the given entitlement key"
            f" EntitlementKey{{accessorId=AccessorId{{value={p['PrincipalId']}}}, resourceId=ResourceId"
            f"{{value={ps_id}}}, auxiliaryResourceId=AuxiliaryResourceId{{value={p['TargetId']}}},"
            f" containerId=ContainerId{{value={instance_id}}}}}")


def _describe(self, kind: str, id_param: str, key: str, noun: str) -> str:
    request_id = self._get_param(id_param)
    entry = _requests(self.ssoadmin_backend)[kind].get(request_id)
    if entry is None:
        raise ResourceNotFoundException(f"{noun} with id {request_id} does not exist")
    return json.dumps({key: entry})


# --- API_DescribeAccountAssignmentCreationStatus.html: ResourceNotFoundException for an unknown id.
def describe_account_assignment_creation_status(self) -> str:
    return _describe(self, "create", "AccountAssignmentCreationRequestId",
                     "AccountAssignmentCreationStatus", "AccountAssignmentCreationRequest")


# --- API_DescribeAccountAssignmentDeletionStatus.html: ResourceNotFoundException for an unknown id.
def describe_account_assignment_deletion_status(self) -> str:
    return _describe(self, "delete", "AccountAssignmentDeletionRequestId",
                     "AccountAssignmentDeletionStatus", "AccountAssignmentDeletionRequest")


def _list(self, kind: str, key: str) -> str:
    wanted = (self._get_param("Filter") or {}).get("Status")
    items = [{"Status": e["Status"], "RequestId": e["RequestId"], "CreatedDate": e["CreatedDate"]}
             for e in _requests(self.ssoadmin_backend)[kind].values()
             if wanted is None or e["Status"] == wanted]
    return _page(items, key, self._get_param)


# --- API_ListAccountAssignmentCreationStatus.html (missing in moto): Filter.Status, MaxResults,
#     NextToken; entries carry Status, RequestId and CreatedDate only.
def list_account_assignment_creation_status(self) -> str:
    return _list(self, "create", "AccountAssignmentsCreationStatus")


# --- API_ListAccountAssignmentDeletionStatus.html (missing in moto): as above.
def list_account_assignment_deletion_status(self) -> str:
    return _list(self, "delete", "AccountAssignmentsDeletionStatus")


for _fn in (
    create_account_assignment,
    delete_account_assignment,
    describe_account_assignment_creation_status,
    describe_account_assignment_deletion_status,
    list_account_assignment_creation_status,
    list_account_assignment_deletion_status,
):
    setattr(SSOAdminResponse, _fn.__name__, _fn)
