package dev.idcplane.identitycenter.aws;

import dev.idcplane.identitycenter.Account;
import dev.idcplane.identitycenter.AccountStatus;
import dev.idcplane.identitycenter.OrgUnit;
import dev.idcplane.identitycenter.Organization;
import dev.idcplane.identitycenter.PageSizes;
import java.util.List;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

/** The Organizations half of {@link AwsIdentityCenter}: every page through SDK paginators. */
final class AwsOrganizations {
  private final OrganizationsClient client;

  AwsOrganizations(OrganizationsClient client) {
    this.client = client;
  }

  Organization describeOrganization() {
    return AwsErrors.call(
        "DescribeOrganization",
        () -> {
          var org = client.describeOrganization(r -> {}).organization();
          return new Organization(org.id(), org.masterAccountId());
        });
  }

  List<OrgUnit> listRoots() {
    return AwsErrors.call(
        "ListRoots",
        () ->
            client.listRootsPaginator(r -> r.maxResults(PageSizes.ORGANIZATIONS)).stream()
                .flatMap(page -> page.roots().stream())
                .map(root -> new OrgUnit(root.id(), root.name()))
                .toList());
  }

  List<OrgUnit> listOrganizationalUnitsForParent(String parentId) {
    return AwsErrors.call(
        "ListOrganizationalUnitsForParent",
        () ->
            client
                .listOrganizationalUnitsForParentPaginator(
                    r -> r.parentId(parentId).maxResults(PageSizes.ORGANIZATIONS))
                .stream()
                .flatMap(page -> page.organizationalUnits().stream())
                .map(ou -> new OrgUnit(ou.id(), ou.name()))
                .toList());
  }

  List<Account> listAccountsForParent(String parentId) {
    return AwsErrors.call(
        "ListAccountsForParent",
        () ->
            client
                .listAccountsForParentPaginator(
                    r -> r.parentId(parentId).maxResults(PageSizes.ORGANIZATIONS))
                .stream()
                .flatMap(page -> page.accounts().stream())
                .map(
                    a ->
                        new Account(
                            a.id(),
                            a.name(),
                            a.email(),
                            status(a.stateAsString(), a.statusAsString())))
                .toList());
  }

  /**
   * The account's {@code State}; its {@code Status} only where {@code State} is absent. AWS retired
   * {@code Status} on 2026-09-09 (API_Account: "The Status parameter ... will be retired on
   * September 9, 2026 ... use the State parameter"), so today only {@code State} is answered.
   * Unknown future values, and an account with neither, count as SUSPENDED: never targeted.
   */
  @SuppressWarnings("deprecation")
  static AccountStatus status(String state, String status) {
    if (state != null && !state.isBlank()) {
      return switch (state) {
        case "PENDING_ACTIVATION" -> AccountStatus.PENDING_ACTIVATION;
        case "ACTIVE" -> AccountStatus.ACTIVE;
        case "PENDING_CLOSURE" -> AccountStatus.PENDING_CLOSURE;
        case "CLOSED" -> AccountStatus.CLOSED;
        default -> AccountStatus.SUSPENDED;
      };
    }
    if (status == null) {
      return AccountStatus.SUSPENDED;
    }
    return switch (status) {
      case "ACTIVE" -> AccountStatus.ACTIVE;
      case "PENDING_CLOSURE" -> AccountStatus.PENDING_CLOSURE;
      default -> AccountStatus.SUSPENDED;
    };
  }
}
