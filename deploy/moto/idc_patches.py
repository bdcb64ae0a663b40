"""Patches moto 5.2.1's sso-admin and organizations backends to the documented AWS behaviour the control plane needs.

Each patch (in permission_set_patches.py, provisioning_patches.py and assignment_patches.py, with
shared state in moto_state.py; organizations_patches.py for Organizations accounts;
application_patches.py for trusted token issuers and customer managed applications, which moto
lacks entirely; oidc_patches.py for SSO OIDC's CreateTokenWithIAM, a service moto does not have) names the AWS
API reference page it follows. They are applied in-process by
launcher.py before the server starts; moto itself is not modified on disk.

State the patches add to SSOAdminBackend:
  _provisioned[ps_arn][account_id] = definition version provisioned there
  _ps_requests[request_id] = PermissionSetProvisioningStatus dict
  _assignment_requests["create" | "delete"][request_id] = AccountAssignmentOperationStatus dict
  _issuers[tti_arn], _applications[app_arn] (application_patches.py, which also documents the
  X-Moto-Seed-Managed-Application header that seeds an AWS managed application)
and to PermissionSet: _version (bumped on every definition change), _boundary.

Every page cited is under https://docs.aws.amazon.com/singlesignon/latest/APIReference/ unless
it names another guide.
"""

import permission_set_patches  # noqa: F401
import provisioning_patches  # noqa: F401
import assignment_patches  # noqa: F401
import organizations_patches  # noqa: F401
import application_patches  # noqa: F401
import oidc_patches  # noqa: F401
