package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.Instance;
import dev.idcplane.identitycenter.NewPermissionSet;
import dev.idcplane.identitycenter.OperationState;
import dev.idcplane.identitycenter.OperationStatus;
import dev.idcplane.identitycenter.PageSizes;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionSetInfo;
import dev.idcplane.identitycenter.PermissionSetUpdate;
import dev.idcplane.identitycenter.PermissionsBoundary;
import dev.idcplane.identitycenter.Principal;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.ProvisionTarget;
import dev.idcplane.identitycenter.RequestPacer;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-process, deterministic simulation of IAM Identity Center, its identity store and AWS
 * Organizations, built from a seed ({@link #fromSeed(Path)}) or a {@link SandboxBuilder}, driven by
 * an injected {@link Clock} and shaped by a {@link SandboxBehaviour}.
 *
 * <p>Contract: thread-safe (one lock); reads never change the world; every list is paged by {@link
 * PageSizes} and each simulated page counts as one API call under the AWS operation's name in
 * {@link #callCounts()}. Errors are {@code IdentityCenterException}s of the kind AWS would give.
 *
 * <p>Writes, as AWS: permission set writes apply at once and leave provisioned copies out of date.
 * CreateAccountAssignment, DeleteAccountAssignment and ProvisionPermissionSet return IN_PROGRESS
 * with a request id and reach SUCCEEDED or FAILED once the clock passes their drawn latency
 * (computed lazily; no threads). The behaviour's caps, request rate and faults apply to every
 * sso-admin call; {@link #stats()} reports what was seen. Deleting an assignment that does not
 * exist is accepted and ends FAILED with AWS's "Received a 404 status error" reason.
 *
 * <p>The drift mutations ({@link #createAccountAssignment(AccountAssignment)}, {@link
 * #updatePermissionSet(String, PermissionSetDefinition)}, …) let tests and demos change the world
 * directly: they apply at once, are not counted and are never throttled.
 */
public final class SandboxIdentityCenter extends SandboxReads {

  /** CreatePermissionSet calls still to lose a race (guarded by the lock). */
  private int createConflictsLeft;

  private SandboxApplications applications;

  SandboxIdentityCenter(
      SandboxState state, Clock clock, SandboxBehaviour behaviour, RequestPacer pacer) {
    super(state, clock, behaviour, pacer);
    this.createConflictsLeft = behaviour.faults().createConflicts();
  }

  /**
   * The trusted token issuers and applications of the sandbox's instance (none at first), whose
   * assignments take the principals of its identity store.
   */
  public synchronized SandboxApplications applications() {
    if (applications == null) {
      var instance = state.instance;
      applications =
          new SandboxApplications(
              state.callerAccountId,
              instance.instanceArn(),
              (type, id) -> describePrincipal(instance.identityStoreId(), type, id).isPresent());
    }
    return applications;
  }

  /**
   * Loads a seed file on the system clock, with the seed's {@code behaviour:} section or, without
   * one, {@link SandboxBehaviour#instant()}. A malformed seed fails with a {@link
   * SandboxSeedException} naming file:line.
   */
  /**
   * The role the sandbox's caller is taken to be, in the caller account: what an actor policy must
   * name for the service's own token exchange to be allowed.
   */
  public static final String CALLER_ROLE = "idc-control-plane";

  /**
   * CreateTokenWithIAM against this sandbox, as {@code arn:aws:iam::<caller account>:role/}{@value
   * #CALLER_ROLE}; {@code jwks} fetches the keys an issuer URL publishes.
   */
  public SandboxTokenExchange tokenExchange(
      java.util.function.Function<String, Optional<String>> jwks) {
    Instance instance = state.instance;
    String store = instance.identityStoreId();
    return new SandboxTokenExchange(
        applications(),
        instance.instanceArn(),
        new SandboxTokenExchange.Directory() {
          @Override
          public Optional<String> findUserIdByAttribute(String path, String value) {
            return SandboxIdentityCenter.this.findUserIdByAttribute(store, path, value);
          }

          @Override
          public Set<String> groupsOf(String userId) {
            synchronized (SandboxIdentityCenter.this) {
              return Set.copyOf(state.memberships.getOrDefault(userId, Set.of()));
            }
          }

          @Override
          public String identityStoreId() {
            return store;
          }
        },
        jwks,
        "arn:aws:iam::" + state.callerAccountId + ":role/" + CALLER_ROLE,
        clock);
  }

  public static SandboxIdentityCenter fromSeed(Path yaml) {
    return SeedLoader.load(yaml).build();
  }

  /** As {@link #fromSeed(Path)}, on {@code clock}. */
  public static SandboxIdentityCenter fromSeed(Path yaml, Clock clock) {
    return SeedLoader.load(yaml).clock(clock).build();
  }

  /** As {@link #fromSeed(Path)}, on {@code clock}, with {@code behaviour} instead of the seed's. */
  public static SandboxIdentityCenter fromSeed(Path yaml, Clock clock, SandboxBehaviour behaviour) {
    return SeedLoader.load(yaml).clock(clock).behaviour(behaviour).build();
  }

  /**
   * As {@link #fromSeed(Path, Clock)}, with {@code pacer} pacing each list call's later pages (see
   * {@link RequestPacer}).
   */
  public static SandboxIdentityCenter fromSeed(Path yaml, Clock clock, RequestPacer pacer) {
    return SeedLoader.load(yaml).clock(clock).pacer(pacer).build();
  }

  /** Loads a seed from a stream; {@code name} is used in error messages. */
  public static SandboxIdentityCenter fromSeed(InputStream yaml, String name) {
    return SeedLoader.load(yaml, name).build();
  }

  /** As {@link #fromSeed(InputStream, String)}, on {@code clock}, with {@code behaviour}. */
  public static SandboxIdentityCenter fromSeed(
      InputStream yaml, String name, Clock clock, SandboxBehaviour behaviour) {
    return SeedLoader.load(yaml, name).clock(clock).behaviour(behaviour).build();
  }

  public static SandboxBuilder builder() {
    return new SandboxBuilder();
  }

  // ---- observability ----

  /** Simulated API calls per operation name since creation or the last reset, sorted by name. */
  public Map<String, Long> callCounts() {
    return calls.snapshot();
  }

  /** Sum of {@link #callCounts()}. */
  public long totalCalls() {
    return calls.snapshot().values().stream().mapToLong(Long::longValue).sum();
  }

  public void resetCallCounts() {
    calls.reset();
  }

  /** Maxima, rejections and injected faults seen since creation, plus the call counts. */
  public SandboxStats stats() {
    return mutate(
        () ->
            new SandboxStats(
                operations.maxOutstanding(),
                operations.maxProvisioning(),
                gate.maxRequestsInOneSecond(),
                operations.submitted(),
                gate.rateThrottles(),
                operations.capRejections(),
                operations.provisioningConflicts(),
                gate.stormThrottles(),
                gate.serviceErrors(),
                operations.failedInjected(),
                operations.slowInjected(),
                calls.snapshot()));
  }

  /** Asynchronous operations IN_PROGRESS now (by the clock). Not counted as a call. */
  public int operationsInProgress() {
    return mutate(operations::inProgress);
  }

  public SandboxBehaviour behaviour() {
    return behaviour;
  }

  // ---- IdentityCenter: permission set writes ----

  @Override
  public PermissionSetInfo createPermissionSet(String instanceArn, NewPermissionSet set) {
    String op = "CreatePermissionSet";
    return sso(
        op,
        () -> {
          if (createConflictsLeft > 0 && behaviour.faults().targets(op)) {
            createConflictsLeft--;
            // A concurrent writer created the set first; this call then meets AWS's duplicate
            // answer.
            writes.create(
                op, instanceArn, new NewPermissionSet(set.name(), null, "PT1H", null, Map.of()));
          }
          return writes.create(op, instanceArn, set);
        });
  }

  @Override
  public void updatePermissionSet(
      String instanceArn, String permissionSetArn, PermissionSetUpdate update) {
    run("UpdatePermissionSet", op -> writes.update(op, instanceArn, permissionSetArn, update));
  }

  @Override
  public void putInlinePolicy(String instanceArn, String permissionSetArn, String policy) {
    run(
        "PutInlinePolicyToPermissionSet",
        op -> writes.putInline(op, instanceArn, permissionSetArn, policy));
  }

  @Override
  public void deleteInlinePolicy(String instanceArn, String permissionSetArn) {
    run(
        "DeleteInlinePolicyFromPermissionSet",
        op -> writes.deleteInline(op, instanceArn, permissionSetArn));
  }

  @Override
  public void attachManagedPolicy(String instanceArn, String permissionSetArn, String policyArn) {
    run(
        "AttachManagedPolicyToPermissionSet",
        op -> writes.attachManaged(op, instanceArn, permissionSetArn, policyArn));
  }

  @Override
  public void detachManagedPolicy(String instanceArn, String permissionSetArn, String policyArn) {
    run(
        "DetachManagedPolicyFromPermissionSet",
        op -> writes.detachManaged(op, instanceArn, permissionSetArn, policyArn));
  }

  @Override
  public void attachCustomerManagedPolicyReference(
      String instanceArn, String permissionSetArn, CustomerManagedPolicyRef ref) {
    run(
        "AttachCustomerManagedPolicyReferenceToPermissionSet",
        op -> writes.attachCustomerManaged(op, instanceArn, permissionSetArn, ref));
  }

  @Override
  public void detachCustomerManagedPolicyReference(
      String instanceArn, String permissionSetArn, CustomerManagedPolicyRef ref) {
    run(
        "DetachCustomerManagedPolicyReferenceFromPermissionSet",
        op -> writes.detachCustomerManaged(op, instanceArn, permissionSetArn, ref));
  }

  @Override
  public void putPermissionsBoundary(
      String instanceArn, String permissionSetArn, PermissionsBoundary boundary) {
    run(
        "PutPermissionsBoundaryToPermissionSet",
        op -> writes.putBoundary(op, instanceArn, permissionSetArn, boundary));
  }

  @Override
  public void deletePermissionsBoundary(String instanceArn, String permissionSetArn) {
    run(
        "DeletePermissionsBoundaryFromPermissionSet",
        op -> writes.deleteBoundary(op, instanceArn, permissionSetArn));
  }

  @Override
  public void tagPermissionSet(
      String instanceArn, String permissionSetArn, Map<String, String> tags) {
    run("TagResource", op -> writes.tag(op, instanceArn, permissionSetArn, tags));
  }

  @Override
  public void untagPermissionSet(String instanceArn, String permissionSetArn, Set<String> tagKeys) {
    run("UntagResource", op -> writes.untag(op, instanceArn, permissionSetArn, tagKeys));
  }

  // ---- IdentityCenter: asynchronous operations ----

  @Override
  public OperationStatus provisionPermissionSet(
      String instanceArn, String permissionSetArn, ProvisionTarget target) {
    String op = OperationKind.PROVISION.operation;
    return sso(
        op,
        () -> {
          long version = state.permissionSet(op, instanceArn, permissionSetArn).version;
          target.accountId().ifPresent(id -> state.account(op, id));
          return operations.submit(
              OperationKind.PROVISION,
              null,
              permissionSetArn,
              version,
              target.accountId().orElse(null));
        });
  }

  @Override
  public OperationStatus describePermissionSetProvisioningStatus(
      String instanceArn, String requestId) {
    return describe(
        "DescribePermissionSetProvisioningStatus", OperationKind.PROVISION, instanceArn, requestId);
  }

  @Override
  public OperationStatus createAccountAssignment(String instanceArn, AccountAssignment assignment) {
    return submit(OperationKind.CREATE_ASSIGNMENT, instanceArn, assignment);
  }

  @Override
  public OperationStatus deleteAccountAssignment(String instanceArn, AccountAssignment assignment) {
    return submit(OperationKind.DELETE_ASSIGNMENT, instanceArn, assignment);
  }

  @Override
  public OperationStatus describeAccountAssignmentCreationStatus(
      String instanceArn, String requestId) {
    return describe(
        "DescribeAccountAssignmentCreationStatus",
        OperationKind.CREATE_ASSIGNMENT,
        instanceArn,
        requestId);
  }

  @Override
  public OperationStatus describeAccountAssignmentDeletionStatus(
      String instanceArn, String requestId) {
    return describe(
        "DescribeAccountAssignmentDeletionStatus",
        OperationKind.DELETE_ASSIGNMENT,
        instanceArn,
        requestId);
  }

  @Override
  public List<OperationStatus> listAccountAssignmentCreationStatus(
      String instanceArn, OperationState filter) {
    return list(
        "ListAccountAssignmentCreationStatus",
        OperationKind.CREATE_ASSIGNMENT,
        instanceArn,
        filter);
  }

  @Override
  public List<OperationStatus> listAccountAssignmentDeletionStatus(
      String instanceArn, OperationState filter) {
    return list(
        "ListAccountAssignmentDeletionStatus",
        OperationKind.DELETE_ASSIGNMENT,
        instanceArn,
        filter);
  }

  private OperationStatus submit(OperationKind kind, String instanceArn, AccountAssignment a) {
    return sso(
        kind.operation,
        () -> {
          assignments.checkSubmission(kind.operation, instanceArn, a);
          return operations.submit(kind, a, null, 0);
        });
  }

  private OperationStatus describe(
      String op, OperationKind kind, String instanceArn, String requestId) {
    return sso(
        op,
        () -> {
          state.requireInstance(op, instanceArn);
          return operations.describe(kind, op, requestId);
        });
  }

  private List<OperationStatus> list(
      String op, OperationKind kind, String instanceArn, OperationState filter) {
    return page(
        op,
        true,
        () -> {
          state.requireInstance(op, instanceArn);
          return operations.list(kind, filter);
        });
  }

  private void run(String op, java.util.function.Consumer<String> body) {
    sso(
        op,
        () -> {
          body.accept(op);
          return null;
        });
  }

  // ---- drift mutations for tests and demos (not counted, never throttled) ----

  /** Creates an assignment at once; idempotent like AWS. Returns true when it was new. */
  public boolean createAccountAssignment(AccountAssignment assignment) {
    return mutate(() -> assignments.create(assignment));
  }

  /** Deletes an assignment at once. Returns true when it existed. */
  public boolean deleteAccountAssignment(AccountAssignment assignment) {
    return mutate(() -> assignments.delete(assignment));
  }

  /** Replaces a set's definition; a real change puts every provisioned account out of sync. */
  public void updatePermissionSet(String permissionSetArn, PermissionSetDefinition definition) {
    mutate(
        () -> {
          sets.update(permissionSetArn, definition);
          return null;
        });
  }

  /** Provisions the latest definition to one account at once. */
  public void provisionPermissionSetToAccount(String permissionSetArn, String accountId) {
    mutate(
        () -> {
          sets.provision(permissionSetArn, accountId);
          return null;
        });
  }

  /** Re-provisions the latest definition to every account the set is provisioned to, at once. */
  public void provisionPermissionSetToAllProvisionedAccounts(String permissionSetArn) {
    mutate(
        () -> {
          sets.provisionAll(permissionSetArn);
          return null;
        });
  }

  /** Adds a group with a deterministic id. */
  public Principal addGroup(String displayName) {
    return mutate(() -> directory.add(PrincipalType.GROUP, displayName, null));
  }

  /** Adds a user with a deterministic id. */
  public Principal addUser(String userName) {
    return mutate(() -> directory.add(PrincipalType.USER, userName, null));
  }
}
