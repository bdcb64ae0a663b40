package dev.idcplane.identitycenter.aws;

import dev.idcplane.identitycenter.ContractFixture;
import dev.idcplane.identitycenter.ContractFixture.AccountSpec;
import dev.idcplane.identitycenter.ContractFixture.AssignmentSpec;
import dev.idcplane.identitycenter.ContractFixture.PermissionSetSpec;
import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.Instance;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.SeededWorld;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Seeds {@link ContractFixture} into moto through real SDK calls, the way an operator's tooling
 * would build the world in AWS. Out-of-sync copies are made the AWS way: update the set after it is
 * provisioned, then re-provision every account except the stale ones.
 */
final class MotoSeeder {
  /** The name the seeder gives moto's instance (UpdateInstance), so ListInstances reports one. */
  static final String INSTANCE_NAME = "idc-contract";

  private final AwsClients aws;

  MotoSeeder(AwsClients aws) {
    this.aws = aws;
  }

  SeededWorld seed() {
    var org = aws.organizations().createOrganization(r -> r.featureSet("ALL")).organization();
    String root = aws.organizations().listRoots(r -> {}).roots().get(0).id();
    Map<String, String> units = new LinkedHashMap<>();
    for (String path : ContractFixture.UNITS) {
      int slash = path.lastIndexOf('/');
      String parent = slash < 0 ? root : units.get(path.substring(0, slash));
      String name = path.substring(slash + 1);
      units.put(
          path,
          aws.organizations()
              .createOrganizationalUnit(r -> r.parentId(parent).name(name))
              .organizationalUnit()
              .id());
    }
    Map<String, String> accounts = new LinkedHashMap<>();
    for (AccountSpec a : ContractFixture.ACCOUNTS) {
      String id =
          aws.organizations()
              .createAccount(r -> r.accountName(a.name()).email(a.email()))
              .createAccountStatus()
              .accountId();
      if (!a.unitPath().isEmpty()) {
        aws.organizations()
            .moveAccount(
                r ->
                    r.accountId(id)
                        .sourceParentId(root)
                        .destinationParentId(units.get(a.unitPath())));
      }
      if (a.closed()) {
        aws.organizations().closeAccount(r -> r.accountId(id));
      }
      accounts.put(a.name(), id);
    }
    String instanceArn = aws.ssoAdmin().listInstances(r -> {}).instances().get(0).instanceArn();
    aws.ssoAdmin().updateInstance(r -> r.instanceArn(instanceArn).name(INSTANCE_NAME));
    var i = aws.ssoAdmin().listInstances(r -> {}).instances().get(0);
    Instance instance =
        new Instance(
            i.instanceArn(),
            i.identityStoreId(),
            INSTANCE_NAME,
            org.masterAccountId(),
            Instance.ACTIVE);
    String store = instance.identityStoreId();
    Map<String, String> groups = new LinkedHashMap<>();
    for (String g : ContractFixture.GROUPS) {
      groups.put(
          g,
          aws.identityStore().createGroup(r -> r.identityStoreId(store).displayName(g)).groupId());
    }
    Map<String, String> users = new LinkedHashMap<>();
    for (String u : ContractFixture.USERS) {
      users.put(
          u,
          aws.identityStore()
              .createUser(
                  r ->
                      r.identityStoreId(store)
                          .userName(u)
                          .displayName(u)
                          .name(n -> n.givenName("Test").familyName(u)))
              .userId());
    }
    Map<String, String> sets = new LinkedHashMap<>();
    for (PermissionSetSpec p : ContractFixture.PERMISSION_SETS) {
      sets.put(p.name(), createPermissionSet(instance.instanceArn(), p.name(), p.definition()));
    }
    SeededWorld world =
        new SeededWorld(
            instance, org.id(), org.masterAccountId(), accounts, units, groups, users, sets);
    for (AssignmentSpec a : ContractFixture.ASSIGNMENTS) {
      aws.ssoAdmin()
          .createAccountAssignment(
              r ->
                  r.instanceArn(instance.instanceArn())
                      .targetType("AWS_ACCOUNT")
                      .targetId(world.account(a.account()))
                      .permissionSetArn(world.permissionSet(a.permissionSet()))
                      .principalType(a.type().name())
                      .principalId(world.principal(a.type(), a.principal())));
    }
    for (PermissionSetSpec p : ContractFixture.PERMISSION_SETS) {
      if (!p.outOfSyncAccounts().isEmpty()) {
        makeStale(instance.instanceArn(), world, p);
      }
    }
    return world;
  }

  private String createPermissionSet(String instanceArn, String name, PermissionSetDefinition d) {
    var sso = aws.ssoAdmin();
    String arn =
        sso.createPermissionSet(
                r ->
                    r.instanceArn(instanceArn)
                        .name(name)
                        .description(d.description())
                        .sessionDuration(d.sessionDuration())
                        .relayState(d.relayState())
                        .tags(
                            d.tags().entrySet().stream()
                                .map(
                                    e ->
                                        software.amazon.awssdk.services.ssoadmin.model.Tag.builder()
                                            .key(e.getKey())
                                            .value(e.getValue())
                                            .build())
                                .toList()))
            .permissionSet()
            .permissionSetArn();
    for (String policy : d.managedPolicies()) {
      sso.attachManagedPolicyToPermissionSet(
          r -> r.instanceArn(instanceArn).permissionSetArn(arn).managedPolicyArn(policy));
    }
    for (CustomerManagedPolicyRef ref : d.customerManagedPolicies()) {
      sso.attachCustomerManagedPolicyReferenceToPermissionSet(
          r ->
              r.instanceArn(instanceArn)
                  .permissionSetArn(arn)
                  .customerManagedPolicyReference(c -> c.name(ref.name()).path(ref.path())));
    }
    d.permissionsBoundary()
        .ifPresent(
            b ->
                sso.putPermissionsBoundaryToPermissionSet(
                    r ->
                        r.instanceArn(instanceArn)
                            .permissionSetArn(arn)
                            .permissionsBoundary(
                                pb -> {
                                  if (b.customerManaged() != null) {
                                    pb.customerManagedPolicyReference(
                                        c ->
                                            c.name(b.customerManaged().name())
                                                .path(b.customerManaged().path()));
                                  } else {
                                    pb.managedPolicyArn(b.managedPolicyArn());
                                  }
                                })));
    if (d.inlinePolicy() != null) {
      sso.putInlinePolicyToPermissionSet(
          r -> r.instanceArn(instanceArn).permissionSetArn(arn).inlinePolicy(d.inlinePolicy()));
    }
    return arn;
  }

  private void makeStale(String instanceArn, SeededWorld world, PermissionSetSpec p) {
    String arn = world.permissionSet(p.name());
    aws.ssoAdmin()
        .updatePermissionSet(
            r ->
                r.instanceArn(instanceArn)
                    .permissionSetArn(arn)
                    .description(p.definition().description())
                    .sessionDuration(p.definition().sessionDuration())
                    .relayState(p.definition().relayState()));
    Set<String> stale = p.outOfSyncAccounts();
    for (String account : ContractFixture.assignedAccounts(p.name())) {
      if (!stale.contains(account)) {
        aws.ssoAdmin()
            .provisionPermissionSet(
                r ->
                    r.instanceArn(instanceArn)
                        .permissionSetArn(arn)
                        .targetType("AWS_ACCOUNT")
                        .targetId(world.account(account)));
      }
    }
  }
}
