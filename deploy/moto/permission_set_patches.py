"""Patches to sso-admin permission set definitions (ARN format, defaults, versions, job-function policies)."""

import json
import re
import secrets

from moto.ssoadmin import models as m
from moto.ssoadmin.exceptions import ConflictException
from moto.ssoadmin.responses import SSOAdminResponse

from moto_state import Backend, _bump

# --- API_PermissionSet.html: PermissionSetArn is arn:aws:sso:::permissionSet/ssoins-…/ps-…
#     (moto builds it as <instance arn>/ps-…).
def _generate_id(instance_arn: str) -> str:
    partition = instance_arn.split(":")[1]
    instance_id = instance_arn.rsplit("/", 1)[-1]
    return f"arn:{partition}:sso:::permissionSet/{instance_id}/ps-{secrets.token_hex(8)}"


m.PermissionSet.generate_id = staticmethod(_generate_id)


# --- API_CreatePermissionSet.html: SessionDuration defaults to one hour, an ISO-8601 string
#     (moto stores the integer 3600); a name already used in the instance is a ConflictException
#     (moto creates a second set of that name).
def create_permission_set(self) -> str:
    name = self._get_param("Name")
    instance_arn = self._get_param("InstanceArn")
    if any(p.name == name and p.instance_arn == instance_arn for p in self.ssoadmin_backend.permission_sets):
        raise ConflictException(f"PermissionSet with name {name} already exists")
    ps = self.ssoadmin_backend.create_permission_set(
        name=self._get_param("Name"),
        description=self._get_param("Description"),
        instance_arn=self._get_param("InstanceArn"),
        session_duration=self._get_param("SessionDuration") or "PT1H",
        relay_state=self._get_param("RelayState"),
        tags=self._get_param("Tags") or [],
    )
    return json.dumps({"PermissionSet": ps})


# --- API_UpdatePermissionSet.html: a Description or SessionDuration left out keeps its value
#     (moto resets the session duration to 3600 and clears the description), but a RelayState left
#     out is cleared: AWS replaces the relay state with what the request carries, so an update that
#     only changes the session duration wipes it (terraform-provider-aws issue #17411, "Setting
#     session_duration in aws_ssoadmin_permission_set seems to clear relay_state", fixed in the
#     provider by PR #17423 sending relay_state on every UpdatePermissionSet). An update makes
#     provisioned copies stale.
def update_permission_set(self) -> str:
    ps = self.ssoadmin_backend._find_permission_set(
        self._get_param("InstanceArn"), self._get_param("PermissionSetArn"))
    for attr, key in (("description", "Description"), ("session_duration", "SessionDuration")):
        value = self._get_param(key)
        if value is not None:
            setattr(ps, attr, value)
    ps.relay_state = self._get_param("RelayState")
    _bump(ps)
    return "{}"


SSOAdminResponse.create_permission_set = create_permission_set
SSOAdminResponse.update_permission_set = update_permission_set


# --- API_ProvisionPermissionSet.html: every change to a set's policies leaves the copies
#     already provisioned to accounts out of date until ProvisionPermissionSet runs.
def _bumping(name: str) -> None:
    original = getattr(Backend, name)

    def wrapper(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        ps = self._find_permission_set(kwargs["instance_arn"], kwargs["permission_set_arn"])
        _bump(ps)
        return result

    setattr(Backend, name, wrapper)


for _name in (
    "put_inline_policy_to_permission_set",
    "delete_inline_policy_from_permission_set",
    "attach_managed_policy_to_permission_set",
    "detach_managed_policy_from_permission_set",
    "attach_customer_managed_policy_reference_to_permission_set",
    "detach_customer_managed_policy_reference_from_permission_set",
):
    _bumping(_name)


# --- IAM User Guide, access_policies_job-functions.html: AWS managed policies for job functions
#     live under the /job-function/ path (moto's policy list lacks them and rejects the ARNs).
JOB_FUNCTIONS = {
    "Billing", "DatabaseAdministrator", "DataScientist", "NetworkAdministrator",
    "SupportUser", "SystemAdministrator", "ViewOnlyAccess",
}
_find_managed_policy = Backend._find_managed_policy


def find_managed_policy(self, arn: str):
    match = re.fullmatch(r"arn:[a-z-]+:iam::aws:policy/job-function/([\w+=,.@-]+)", arn)
    if match and match.group(1) in JOB_FUNCTIONS:
        return m.ManagedPolicy(arn, match.group(1))
    return _find_managed_policy(self, arn)


Backend._find_managed_policy = find_managed_policy
