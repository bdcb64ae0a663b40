package dev.idcplane.identitycenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.identitycenter.IdentityCenterContractTest.Seeded;
import dev.idcplane.identitycenter.IdentityCenterException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One contract for the write side of every {@link IdentityCenter}: each subclass seeds {@link
 * ContractFixture} into a fresh backend once; every test touches its own sets and accounts so the
 * tests are independent of their order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class IdentityCenterWriteContractTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  private static final String SECURITY_AUDIT = "arn:aws:iam::aws:policy/SecurityAudit";
  private static final String VIEW_ONLY = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess";
  private static final String POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:List*\",\"Resource\":\"*\"}]}";

  protected IdentityCenter ic;
  protected SeededWorld world;
  private final Clock clock = Clock.systemUTC();

  /** Seeds the fixture into a fresh backend. */
  protected abstract Seeded seed();

  @BeforeAll
  void seedBackend() {
    Seeded s = seed();
    ic = s.identityCenter();
    world = s.world();
  }

  private String instance() {
    return world.instance().instanceArn();
  }

  private OperationStatus await(Supplier<OperationStatus> poll) {
    return OperationAwait.terminal(clock, TIMEOUT, poll);
  }

  private PermissionSetDefinition read(String arn) {
    PermissionSetInfo info = ic.describePermissionSet(instance(), arn);
    return new PermissionSetDefinition(
        info.description(),
        info.sessionDuration(),
        Set.copyOf(ic.listManagedPolicies(instance(), arn)),
        Set.copyOf(ic.listCustomerManagedPolicyReferences(instance(), arn)),
        ic.getPermissionsBoundary(instance(), arn),
        ic.getInlinePolicy(instance(), arn).orElse(null),
        ic.listTags(instance(), arn),
        info.relayState());
  }

  @Test
  void createsAndUpdatesAPermissionSetAndEveryFieldRoundTrips() {
    PermissionSetInfo created =
        ic.createPermissionSet(
            instance(),
            new NewPermissionSet("WriteContract", "first", "PT2H", null, Map.of("Team", "a")));
    String arn = created.arn();
    assertThat(created.name()).isEqualTo("WriteContract");
    assertThat(ic.listPermissionSets(instance())).contains(arn);
    CustomerManagedPolicyRef extra = new CustomerManagedPolicyRef("extra", "/team/");
    CustomerManagedPolicyRef base = new CustomerManagedPolicyRef("baseline", null);
    ic.attachManagedPolicy(instance(), arn, READ_ONLY);
    ic.attachManagedPolicy(instance(), arn, VIEW_ONLY);
    ic.attachCustomerManagedPolicyReference(instance(), arn, extra);
    ic.attachCustomerManagedPolicyReference(instance(), arn, base);
    ic.putPermissionsBoundary(
        instance(),
        arn,
        PermissionsBoundary.customerManaged(new CustomerManagedPolicyRef("boundary", "/b/")));
    ic.putInlinePolicy(instance(), arn, POLICY);
    ic.tagPermissionSet(instance(), arn, Map.of("Owner", "platform"));
    assertThat(read(arn))
        .isEqualTo(
            new PermissionSetDefinition(
                "first",
                "PT2H",
                Set.of(READ_ONLY, VIEW_ONLY),
                Set.of(extra, base),
                Optional.of(
                    PermissionsBoundary.customerManaged(
                        new CustomerManagedPolicyRef("boundary", "/b/"))),
                POLICY,
                Map.of("Team", "a", "Owner", "platform"),
                null));

    ic.updatePermissionSet(instance(), arn, new PermissionSetUpdate("second", "PT4H", null));
    ic.detachManagedPolicy(instance(), arn, VIEW_ONLY);
    ic.attachManagedPolicy(instance(), arn, SECURITY_AUDIT);
    ic.detachCustomerManagedPolicyReference(instance(), arn, extra);
    ic.putPermissionsBoundary(instance(), arn, PermissionsBoundary.managed(READ_ONLY));
    ic.deleteInlinePolicy(instance(), arn);
    ic.untagPermissionSet(instance(), arn, Set.of("Team"));
    assertThat(read(arn))
        .isEqualTo(
            new PermissionSetDefinition(
                "second",
                "PT4H",
                Set.of(READ_ONLY, SECURITY_AUDIT),
                Set.of(base),
                Optional.of(PermissionsBoundary.managed(READ_ONLY)),
                null,
                Map.of("Owner", "platform"),
                null));

    ic.deletePermissionsBoundary(instance(), arn);
    assertThat(ic.getPermissionsBoundary(instance(), arn)).isEmpty();
  }

  /**
   * UpdatePermissionSet keeps a description or session duration it is not sent but clears a relay
   * state it is not sent (terraform-provider-aws#17411), so the relay state must go on every
   * update.
   */
  @Test
  void relayStateIsKeptOnlyByTheUpdatesThatSendIt() {
    String first = "https://console.aws.amazon.com/ec2/home";
    String second = "https://console.aws.amazon.com/s3/home?region=eu-west-1";
    String arn =
        ic.createPermissionSet(
                instance(), new NewPermissionSet("RelayContract", "a", "PT2H", first, Map.of()))
            .arn();
    assertThat(ic.describePermissionSet(instance(), arn).relayState()).isEqualTo(first);

    ic.updatePermissionSet(instance(), arn, new PermissionSetUpdate("b", "PT2H", first));
    assertThat(ic.describePermissionSet(instance(), arn))
        .isEqualTo(new PermissionSetInfo(arn, "RelayContract", "b", "PT2H", first));

    ic.updatePermissionSet(instance(), arn, new PermissionSetUpdate("c", null, second));
    assertThat(ic.describePermissionSet(instance(), arn))
        .isEqualTo(new PermissionSetInfo(arn, "RelayContract", "c", "PT2H", second));

    ic.updatePermissionSet(instance(), arn, new PermissionSetUpdate(null, "PT3H", null));
    assertThat(ic.describePermissionSet(instance(), arn))
        .isEqualTo(new PermissionSetInfo(arn, "RelayContract", "c", "PT3H", null));
  }

  @Test
  void aDuplicateNameConflictsAndUnknownSetsAreNotFound() {
    assertThatThrownBy(
            () ->
                ic.createPermissionSet(
                    instance(), new NewPermissionSet("Admin", null, "PT1H", null, Map.of())))
        .isInstanceOfSatisfying(
            IdentityCenterException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
              assertThat(e.operation()).isEqualTo("CreatePermissionSet");
            });
    String admin = world.permissionSet("Admin");
    String unknown = admin.substring(0, admin.lastIndexOf("/ps-")) + "/ps-0000000000000000";
    assertThatThrownBy(() -> ic.attachManagedPolicy(instance(), unknown, READ_ONLY))
        .isInstanceOfSatisfying(
            IdentityCenterException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    assertThatThrownBy(() -> ic.detachManagedPolicy(instance(), admin, SECURITY_AUDIT))
        .isInstanceOfSatisfying(
            IdentityCenterException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
  }

  @Test
  void aCreatedAssignmentBecomesVisibleAndCreatingItAgainSucceeds() {
    String account = world.account("shared-services");
    String set = world.permissionSet("Unassigned");
    AccountAssignment a =
        new AccountAssignment(account, set, PrincipalType.GROUP, world.group("unused-group"));
    OperationStatus first = ic.createAccountAssignment(instance(), a);
    assertThat(first.requestId())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    OperationStatus done =
        await(() -> ic.describeAccountAssignmentCreationStatus(instance(), first.requestId()));
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(done.requestId()).isEqualTo(first.requestId());
    assertThat(ic.listAccountAssignments(instance(), account, set)).containsExactly(a);
    assertThat(ic.listAccountsForProvisionedPermissionSet(instance(), set, ProvisioningStatus.ANY))
        .contains(account);

    OperationStatus again = ic.createAccountAssignment(instance(), a);
    assertThat(again.requestId()).isNotEqualTo(first.requestId());
    assertThat(
            await(() -> ic.describeAccountAssignmentCreationStatus(instance(), again.requestId()))
                .state())
        .isEqualTo(OperationState.SUCCEEDED);
    assertThat(ic.listAccountAssignments(instance(), account, set)).containsExactly(a);
    assertThat(ic.listAccountAssignmentCreationStatus(instance(), OperationState.SUCCEEDED))
        .extracting(OperationStatus::requestId)
        .contains(first.requestId(), again.requestId());
    assertThat(ic.listAccountAssignmentCreationStatus(instance(), OperationState.IN_PROGRESS))
        .extracting(OperationStatus::requestId)
        .doesNotContain(first.requestId(), again.requestId());
    assertThat(ic.listAccountAssignmentCreationStatus(instance(), OperationState.FAILED))
        .extracting(OperationStatus::requestId)
        .doesNotContain(first.requestId());
  }

  @Test
  void aDeletedAssignmentIsGoneAndDeletingItAgainFailsNotFound() {
    String account = world.account("app-prod");
    String set = world.permissionSet("Auditor");
    AccountAssignment a =
        new AccountAssignment(account, set, PrincipalType.USER, world.user("bob@example.com"));
    String created = ic.createAccountAssignment(instance(), a).requestId();
    assertThat(await(() -> ic.describeAccountAssignmentCreationStatus(instance(), created)).state())
        .isEqualTo(OperationState.SUCCEEDED);

    OperationStatus deletion = ic.deleteAccountAssignment(instance(), a);
    OperationStatus deleted =
        await(() -> ic.describeAccountAssignmentDeletionStatus(instance(), deletion.requestId()));
    assertThat(deleted.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(ic.listAccountAssignments(instance(), account, set)).doesNotContain(a);
    assertThat(ic.listAccountAssignmentDeletionStatus(instance(), OperationState.SUCCEEDED))
        .extracting(OperationStatus::requestId)
        .contains(deletion.requestId());

    OperationStatus absent = ic.deleteAccountAssignment(instance(), a);
    OperationStatus failed =
        await(() -> ic.describeAccountAssignmentDeletionStatus(instance(), absent.requestId()));
    assertThat(failed.state()).isEqualTo(OperationState.FAILED);
    assertThat(failed.failedNotFound()).as(failed.failureReason()).isTrue();
    assertThat(ic.listAccountAssignmentDeletionStatus(instance(), OperationState.FAILED))
        .extracting(OperationStatus::requestId)
        .contains(absent.requestId());
    assertThat(ic.listAccountAssignmentDeletionStatus(instance(), OperationState.FAILED))
        .allSatisfy(s -> assertThat(s.failureReason()).isNull());
  }

  @Test
  void provisioningBringsOutOfSyncCopiesUpToDate() {
    String set = world.permissionSet("Auditor");
    assertThat(
            ic.listAccountsForProvisionedPermissionSet(
                instance(), set, ProvisioningStatus.LATEST_PERMISSION_SET_NOT_PROVISIONED))
        .isNotEmpty();
    OperationStatus p = ic.provisionPermissionSet(instance(), set);
    OperationStatus done =
        await(() -> ic.describePermissionSetProvisioningStatus(instance(), p.requestId()));
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(
            ic.listAccountsForProvisionedPermissionSet(
                instance(), set, ProvisioningStatus.LATEST_PERMISSION_SET_NOT_PROVISIONED))
        .isEmpty();
  }

  @Test
  void aDefinitionWriteLeavesCopiesStaleUntilProvisioned() {
    String set = world.permissionSet("Admin");
    Set<String> provisioned =
        Set.copyOf(
            ic.listAccountsForProvisionedPermissionSet(instance(), set, ProvisioningStatus.ANY));
    ic.putInlinePolicy(instance(), set, POLICY);
    assertThat(
            ic.listAccountsForProvisionedPermissionSet(
                instance(), set, ProvisioningStatus.LATEST_PERMISSION_SET_NOT_PROVISIONED))
        .containsExactlyInAnyOrderElementsOf(provisioned);
    String id = ic.provisionPermissionSet(instance(), set).requestId();
    assertThat(await(() -> ic.describePermissionSetProvisioningStatus(instance(), id)).state())
        .isEqualTo(OperationState.SUCCEEDED);
    assertThat(
            ic.listAccountsForProvisionedPermissionSet(
                instance(), set, ProvisioningStatus.LATEST_PERMISSION_SET_PROVISIONED))
        .containsExactlyInAnyOrderElementsOf(provisioned);
  }

  @Test
  void unknownRequestIdsAreNotFound() {
    String unknown = "00000000-0000-4000-8000-000000000000";
    for (Runnable call :
        new Runnable[] {
          () -> ic.describeAccountAssignmentCreationStatus(instance(), unknown),
          () -> ic.describeAccountAssignmentDeletionStatus(instance(), unknown),
          () -> ic.describePermissionSetProvisioningStatus(instance(), unknown)
        }) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              IdentityCenterException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }
  }
}
