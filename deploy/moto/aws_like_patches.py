"""AWS-like mode for sso-admin: operations that take time, the outstanding-operation cap, the request
rate, and accounts that are not ACTIVE. Enabled per server process by launcher.py --aws-like; the
default mode (idc_patches.py alone) completes every operation inside the call.

What AWS does, and where it is written down:

* CreateAccountAssignment, DeleteAccountAssignment and ProvisionPermissionSet answer IN_PROGRESS
  and finish later; callers poll Describe*Status / List*Status (API_CreateAccountAssignment.html,
  API_DeleteAccountAssignment.html, API_ProvisionPermissionSet.html: "After a successful response,
  call Describe...Status"). Here an operation stays IN_PROGRESS for --op-latency seconds, then
  SUCCEEDS or FAILS; its effect (the assignment appearing in or leaving ListAccountAssignments, the
  set's copy in an account) happens only when it SUCCEEDS.
* "The write API operations have a limit of 15 outstanding asynchronous calls. This limit cannot be
  increased." (https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html#ssothrottlelimits,
  same text in https://docs.aws.amazon.com/IAM/latest/UserGuide/aam-quotas.html). A submission
  beyond --max-outstanding IN_PROGRESS operations fails with HTTP 400 ThrottlingException "There are
  too many requests processing. Please try again later." - the exact answer quoted in
  aws-samples/aws-iam-identity-center-extensions issue #87 ("__type":"ThrottlingException",
  "httpStatusCode":400). The error is one of CreateAccountAssignment's documented errors
  (API_CreateAccountAssignment.html#API_CreateAccountAssignment_Errors: ThrottlingException).
* "The account access API has a collective throttle limit of 20 transactions per second (TPS)"
  (same quotas pages). More than --rate sso-admin calls in any one-second window fail with
  ThrottlingException "Rate exceeded", the message CloudTrail shows for sso-admin throttling in
  hashicorp/terraform-provider-aws issue #25552.
* Accounts that are not ACTIVE (SUSPENDED, PENDING_CLOSURE): Identity Center cannot obtain
  permissions to manage them, so an assignment there ends FAILED, and ProvisionPermissionSet to
  ALL_PROVISIONED_ACCOUNTS of a set provisioned to such an account ends FAILED with
  "AWS SSO is unable to complete your request at this time. Obtaining permissions to manage your
  AWS account '<id>' takes longer than usual. ..." (aws-samples/aws-identitycenter-codepipeline-
  auto-assignment issue #31; the same failure for assignments in SUSPENDED accounts in
  benkehoe/aws-sso-util issue #80 / PR #81; a suspended account's resources cannot be used:
  https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-closing.html).
  The account's state is read from moto's organizations backend: FakeAccount.state, falling back
  to FakeAccount.status.

Thread safety: ThreadedMotoServer serves requests concurrently; every sso-admin call runs under one
lock, after finishing the operations whose time has come (lazily, so no timer threads). Time is
real time (time.monotonic).
"""

import json
import threading
import time
from collections import deque

from moto.core.exceptions import JsonRESTError
from moto.core.utils import unix_time
from moto.moto_api._internal import mock_random
from moto.ssoadmin.exceptions import ResourceNotFoundException
from moto.ssoadmin.responses import SSOAdminResponse

import assignment_patches
from moto_state import ValidationException, _provisioned, _version

TOO_MANY_PROCESSING = "There are too many requests processing. Please try again later."
RATE_EXCEEDED = "Rate exceeded"


class ThrottlingException(JsonRESTError):
    code = 400

    def __init__(self, message: str) -> None:
        super().__init__("ThrottlingException", message)


def _unmanageable(account_id: str) -> str:
    return ("AWS SSO is unable to complete your request at this time. Obtaining permissions to manage"
            f" your AWS account '{account_id}' takes longer than usual. Please try again in a few"
            " minutes. If this problem continues, contact AWS Support.")


def account_state(management_account: str, account_id: str) -> str:
    """ACTIVE unless the organization of the caller knows the account in another state."""
    from moto.organizations.models import organizations_backends

    backend = organizations_backends[management_account]["aws"]
    for account in getattr(backend, "accounts", []):
        if account.id == account_id:
            return getattr(account, "state", None) or getattr(account, "status", None) or "ACTIVE"
    return "ACTIVE"


class _Operation:
    def __init__(self, due: float, entry: dict, finish) -> None:
        self.due = due
        self.entry = entry
        self.finish = finish  # () -> failure reason or None


class AwsLike:
    """The per-process AWS-like state: pending operations and the recent call times."""

    def __init__(self, latency: float, max_outstanding: int, rate: int, clock=time.monotonic) -> None:
        self.latency = latency
        self.max_outstanding = max_outstanding
        self.rate = rate
        self.clock = clock
        self.lock = threading.RLock()
        self.pending: list = []
        self.calls: deque = deque()

    def admit(self, now: float) -> None:
        """Counts one sso-admin call; ThrottlingException when the one-second window is full."""
        while self.calls and now - self.calls[0] >= 1.0:
            self.calls.popleft()
        if self.rate > 0 and len(self.calls) >= self.rate:
            raise ThrottlingException(RATE_EXCEEDED)
        self.calls.append(now)

    def settle(self, now: float) -> None:
        """Finishes, in submission order, every operation whose time has come."""
        due = [op for op in self.pending if op.due <= now]
        self.pending = [op for op in self.pending if op.due > now]
        for op in due:
            try:
                reason = op.finish()
            except JsonRESTError as e:  # e.g. the permission set was deleted meanwhile
                reason = e.message
            op.entry["Status"] = "FAILED" if reason else "SUCCEEDED"
            if reason:
                op.entry["FailureReason"] = reason

    def start(self, entry: dict, finish) -> dict:
        """Registers an IN_PROGRESS operation, or ThrottlingException at the outstanding cap."""
        if len(self.pending) >= self.max_outstanding:
            raise ThrottlingException(TOO_MANY_PROCESSING)
        self.pending.append(_Operation(self.clock() + self.latency, entry, finish))
        return entry


MODE: AwsLike = None


# --- API_CreateAccountAssignment.html: validation errors answer at once; the assignment exists
#     (and the set is provisioned to the account) only once the request SUCCEEDS.
def create_account_assignment(self) -> str:
    def act(backend, p):
        backend.create_account_assignment(**assignment_patches._kwargs(p))
        return None

    return _assignment_request(self, "create", "AccountAssignmentCreationStatus", act)


# --- API_DeleteAccountAssignment.html: the assignment leaves ListAccountAssignments only once the
#     request SUCCEEDS; one that does not exist ends FAILED with AWS's 404 reason (see
#     assignment_patches.delete_account_assignment).
def delete_account_assignment(self) -> str:
    def act(backend, p):
        try:
            backend.delete_account_assignment(**assignment_patches._kwargs(p))
        except ResourceNotFoundException:
            return assignment_patches._not_found_reason(p)
        return None

    return _assignment_request(self, "delete", "AccountAssignmentDeletionStatus", act)


def _assignment_request(self, kind: str, status_key: str, act) -> str:
    """Accepts an assignment request IN_PROGRESS; when it is due it FAILS in an account that is
    not ACTIVE (issue #31 above), else act(backend, params) returns None or a failure reason."""
    backend = self.ssoadmin_backend
    p = assignment_patches._params(self)
    backend._find_permission_set(p["InstanceArn"], p["PermissionSetArn"])
    entry = _entry(p)

    def finish():
        if account_state(backend.account_id, p["TargetId"]) != "ACTIVE":
            return _unmanageable(p["TargetId"])
        return act(backend, p)

    MODE.start(entry, finish)
    assignment_patches._requests(backend)[kind][entry["RequestId"]] = entry
    return json.dumps({status_key: entry})


# --- API_ProvisionPermissionSet.html: provisions the definition of the time of the call; to
#     ALL_PROVISIONED_ACCOUNTS it FAILS when one of them is not ACTIVE (issue #31 above), after
#     updating the ACTIVE ones.
def provision_permission_set(self) -> str:
    backend = self.ssoadmin_backend
    ps = backend._find_permission_set(self._get_param("InstanceArn"), self._get_param("PermissionSetArn"))
    target_type = self._get_param("TargetType")
    accounts = _provisioned(backend).setdefault(ps.permission_set_arn, {})
    target = self._get_param("TargetId")
    if target_type == "AWS_ACCOUNT":
        if not target:
            raise ValidationException("TargetId is required when TargetType is AWS_ACCOUNT")
    elif target_type == "ALL_PROVISIONED_ACCOUNTS":
        target = None
    else:
        raise ValidationException("TargetType must be AWS_ACCOUNT or ALL_PROVISIONED_ACCOUNTS")
    version = _version(ps)
    entry = {"Status": "IN_PROGRESS", "RequestId": str(mock_random.uuid4()),
             "PermissionSetArn": ps.permission_set_arn, "CreatedDate": unix_time()}
    if target:
        entry["AccountId"] = target

    def finish():
        for account in [target] if target else list(accounts):
            if account_state(backend.account_id, account) != "ACTIVE":
                return _unmanageable(account)
        for account in [target] if target else list(accounts):
            accounts[account] = version
        return None

    MODE.start(entry, finish)
    backend._ps_requests[entry["RequestId"]] = entry
    return json.dumps({"PermissionSetProvisioningStatus": entry})


def _entry(p: dict) -> dict:
    entry = {k: p[k] for k in assignment_patches._FIELDS if k != "InstanceArn"}
    entry.update({"Status": "IN_PROGRESS", "RequestId": str(mock_random.uuid4()), "CreatedDate": unix_time()})
    return entry


def enable(latency: float, max_outstanding: int, rate: int) -> AwsLike:
    """Switches this process's sso-admin to the AWS-like mode. Call once, before serving."""
    global MODE
    MODE = AwsLike(latency, max_outstanding, rate)
    for fn in (create_account_assignment, delete_account_assignment, provision_permission_set):
        setattr(SSOAdminResponse, fn.__name__, fn)
    plain = SSOAdminResponse.call_action

    def call_action(self):
        with MODE.lock:
            now = MODE.clock()
            try:
                MODE.admit(now)
            except ThrottlingException as e:
                headers = dict(e.get_headers() or [])
                headers["status"] = e.code
                status, headers, body = self._transform_response(self.response_headers, (e.description, headers))
                headers, body = self._enrich_response(headers, body)
                return status, headers, body
            MODE.settle(now)
            return plain(self)

    SSOAdminResponse.call_action = call_action
    return MODE
