package dev.idcplane.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.AccountStatus;
import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.LivePermissionSet;
import dev.idcplane.identitycenter.LiveState;
import dev.idcplane.identitycenter.LiveStateReader;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionsBoundary;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.apps.AccessScope;
import dev.idcplane.identitycenter.apps.ApplicationAssignment;
import dev.idcplane.identitycenter.apps.ApplicationGrant;
import dev.idcplane.identitycenter.apps.GrantType;
import dev.idcplane.identitycenter.apps.LiveApplications;
import dev.idcplane.identitycenter.apps.TrustedTokenIssuer;
import dev.idcplane.identitycenter.sandbox.SandboxBuilder;
import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import dev.idcplane.matrix.MatrixLoad;
import dev.idcplane.matrix.MatrixLoader;
import dev.idcplane.matrix.ViolationKind;
import dev.idcplane.plan.Change;
import dev.idcplane.plan.MatrixRequests;
import dev.idcplane.plan.Plan;
import dev.idcplane.plan.PlanPolicy;
import dev.idcplane.plan.PlanSource;
import dev.idcplane.plan.Planner;
import dev.idcplane.plan.Resolution;
import dev.idcplane.plan.Resolver;
import dev.idcplane.plan.TerraformOwnership;
import dev.idcplane.plan.apps.AppPlan;
import dev.idcplane.plan.apps.AppPlanner;
import dev.idcplane.plan.apps.PrincipalLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Import, then plan the imported matrix against what it was imported from: nothing changes. On the
 * shipped sandbox seed and on random organizations (nested OUs, suspended accounts, sets with every
 * kind of definition, group and user assignments scattered or covering whole OUs). USER exceptions
 * come out as TODO, which the matrix refuses until they are filled in.
 */
class MatrixImportRoundTripTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
  static final PlanPolicy POLICY = PlanPolicy.defaults();

  @TempDir Path dir;
  long reprovisions;

  /** What a round trip imported, and how many re-provisions its plan held. */
  record RoundTrip(ImportedMatrix imported, long reprovisions) {}

  @Test
  void theShippedSeedRoundTrips() throws Exception {
    ImportedMatrix imported =
        roundTrip(SandboxIdentityCenter.fromSeed(Path.of("deploy/sandbox/seed.yaml")));

    String sets = file(imported, "permission-sets.yaml");
    assertThat(sets).contains("AWSAdministratorAccess:\n    external: true");
    assertThat(file(imported, "assignments.yaml")).contains("owner: TODO", "expires: TODO");
    assertThat(imported.todo()).isNotEmpty();
    assertThat(reprovisions).as("ReadOnlyAuditor's outdated copy in 222222222222").isEqualTo(1);
  }

  @Test
  void issuersAndApplicationsRoundTrip() throws Exception {
    SandboxIdentityCenter ic = SandboxIdentityCenter.fromSeed(Path.of("deploy/sandbox/seed.yaml"));
    var apps = ic.applications();
    var instance = ic.listInstances().get(0);
    String arn = instance.instanceArn();
    String idp =
        apps.createTrustedTokenIssuer(
            arn,
            new TrustedTokenIssuer(
                null, "corp-idp", "https://idp.example.com", "email", "emails.value"));
    String notebook = apps.createApplication(arn, "data-notebook", "Notebook", "ENABLED");
    String bot = apps.createApplication(arn, "release-bot", null, "DISABLED");
    apps.putGrant(
        bot,
        ApplicationGrant.jwtBearer(
            List.of(new ApplicationGrant.AuthorizedIssuer(idp, List.of("release-bot", "ci")))));
    apps.putGrant(bot, ApplicationGrant.of(GrantType.REFRESH_TOKEN));
    apps.putActorPolicy(
        bot,
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"AWS\":[\"arn:aws:iam::111111111111:role/release-bot\"]},\"Action\":"
            + "\"sso-oauth:CreateTokenWithIAM\",\"Resource\":\"*\"}]}");
    apps.putAccessScope(bot, new AccessScope("sts:identity_context", List.of()));
    apps.putAccessScope(bot, new AccessScope("s3:access_grants:read", List.of(notebook)));
    apps.putAssignmentRequired(notebook, false);
    String group = ic.findGroupId(instance.identityStoreId(), "aws-platform-admins").orElseThrow();
    String alice = ic.findUserId(instance.identityStoreId(), "alice@example.com").orElseThrow();
    apps.createAssignment(bot, new ApplicationAssignment(PrincipalType.GROUP, group));
    apps.createAssignment(bot, new ApplicationAssignment(PrincipalType.USER, alice));

    var live =
        new LiveStateReader(ic, CLOCK).read(LiveStateReader.Request.everything(Optional.empty()));
    ImportedMatrix imported =
        new MatrixImporter(POLICY)
            .importFrom(
                live.state(),
                LiveApplications.read(apps, arn),
                (type, id) ->
                    ic.describePrincipal(instance.identityStoreId(), type, id)
                        .orElseThrow()
                        .name());
    Path folder = Files.createTempDirectory(dir, "apps");
    for (ImportedMatrix.File f : imported.files()) {
      Files.writeString(
          folder.resolve(f.name()),
          f.content()
              .replace("owner: TODO", "owner: secops@example.com")
              .replace("expires: TODO", "expires: 2099-12-31"));
    }
    assertThat(file(imported, "applications.yaml"))
        .contains("corp-idp:", "release-bot:", "refresh_token: true", "data-notebook");
    MatrixLoad load = new MatrixLoader().load(folder);
    assertThat(load.violations()).as(file(imported, "applications.yaml")).isEmpty();
    AppPlan plan =
        AppPlanner.plan(
            load.matrix(),
            LiveApplications.read(apps, arn),
            PrincipalLookup.of(ic, instance.identityStoreId()));
    assertThat(plan.errors()).isEmpty();
    assertThat(plan.changes()).as(file(imported, "applications.yaml")).isEmpty();
  }

  static Stream<Long> seeds() {
    return IntStream.range(0, 30).mapToObj(i -> 1000L + i);
  }

  @ParameterizedTest(name = "random organization {0}")
  @MethodSource("seeds")
  void aRandomOrganizationRoundTrips(long seed) throws Exception {
    roundTrip(random(new SplittableRandom(seed)));
    assertThat(reprovisions).isZero();
  }

  /** Imports, checks the TODOs are refused, fills them in, plans: no changes. */
  ImportedMatrix roundTrip(IdentityCenter ic) throws Exception {
    RoundTrip t = roundTrip(ic, dir);
    reprovisions = t.reprovisions();
    return t.imported();
  }

  static RoundTrip roundTrip(IdentityCenter ic, Path dir) throws Exception {
    return roundTrip(ic, dir, live -> TerraformOwnership.none());
  }

  static RoundTrip roundTrip(
      IdentityCenter ic, Path dir, Function<LiveState, TerraformOwnership> terraformOf)
      throws Exception {
    LiveStateReader reader = new LiveStateReader(ic, CLOCK);
    var live = reader.read(LiveStateReader.Request.everything(Optional.empty())).state();
    TerraformOwnership terraform = terraformOf.apply(live);
    ImportedMatrix imported =
        new MatrixImporter(POLICY)
            .importFrom(live, new LiveApplications(List.of(), List.of()), (t, id) -> id, terraform);
    Path folder = Files.createTempDirectory(dir, "matrix");
    for (ImportedMatrix.File f : imported.files()) {
      Files.writeString(folder.resolve(f.name()), f.content());
    }
    MatrixLoad unfilled = new MatrixLoader().load(folder);
    assertThat(
            unfilled.violations().stream()
                .filter(v -> v.kind().equals(ViolationKind.UNFILLED_IMPORT.id()))
                .count())
        .isEqualTo(2 * imported.todo().size());
    for (ImportedMatrix.File f : imported.files()) {
      Files.writeString(
          folder.resolve(f.name()),
          f.content()
              .replace("owner: TODO", "owner: secops@example.com")
              .replace("expires: TODO", "expires: 2099-12-31"));
    }
    MatrixLoad load = new MatrixLoader().load(folder);
    assertThat(load.violations()).as(String.join("\n---\n", contents(imported))).isEmpty();
    var resolved = reader.read(MatrixRequests.forMatrix(load.matrix(), Optional.empty()));
    Resolution r =
        new Resolver().resolve(load.matrix(), resolved, POLICY, LocalDate.of(2026, 12, 1));
    assertThat(r.errors()).isEmpty();
    assertThat(terraform.conflicts(r.desired(), resolved.state())).isEmpty();
    Plan plan =
        new Planner()
            .plan(
                r.desired(),
                resolved.state(),
                POLICY,
                new PlanSource(
                    load.matrix().digest(),
                    null,
                    resolved.state().instance().instanceArn(),
                    resolved.state().readAt()),
                terraform);
    // what the matrix keeps for another reason (an account not ACTIVE, a protected set) and
    // Terraform owns is reported as Terraform's, never as a change
    assertThat(plan.drift())
        .filteredOn(d -> d.kind() == dev.idcplane.plan.DriftKind.TERRAFORM_MANAGED)
        .allMatch(d -> !d.fixedByPlan());
    // A set provisioned in an old version somewhere is re-provisioned: live drift no matrix can
    // declare (the shipped seed has one). Nothing else may change.
    assertThat(
            plan.changes().stream()
                .filter(
                    c ->
                        !(c instanceof Change.ProvisionPermissionSet p)
                            || p.outOfSyncAccounts().isEmpty()))
        .as(String.join("\n---\n", contents(imported)))
        .isEmpty();
    return new RoundTrip(
        imported,
        plan.changes().stream().filter(Change.ProvisionPermissionSet.class::isInstance).count());
  }

  /**
   * Terraform owns a third of the sets and a third of the assignments: the owned sets are imported
   * as external (their definitions are Terraform's), and the round trip still plans nothing.
   */
  @ParameterizedTest(name = "random organization {0}, partly Terraform's")
  @MethodSource("seeds")
  void whatTerraformOwnsRoundTripsWithoutClaimingItsDefinitions(long seed) throws Exception {
    SplittableRandom rnd = new SplittableRandom(seed);
    SandboxIdentityCenter ic = random(rnd);
    List<String> ownedSets = new ArrayList<>();
    List<TerraformOwnership.AssignmentRef> ownedAssignments = new ArrayList<>();
    ImportedMatrix imported =
        roundTrip(
                ic,
                dir,
                live -> {
                  String ins = live.instance().instanceArn();
                  Map<String, TerraformOwnership.OwnedPermissionSet> sets = new HashMap<>();
                  Map<TerraformOwnership.AssignmentRef, TerraformOwnership.Owner> assignments =
                      new HashMap<>();
                  for (LivePermissionSet s : new TreeMap<>(live.permissionSetsByName()).values()) {
                    if (rnd.nextInt(3) == 0) {
                      ownedSets.add(s.name());
                      sets.put(
                          s.arn(),
                          new TerraformOwnership.OwnedPermissionSet(
                              s.arn(),
                              ins,
                              s.name(),
                              List.of(
                                  new TerraformOwnership.Owner(
                                      "aws_ssoadmin_permission_set.s" + sets.size(), "t"))));
                    }
                  }
                  for (AccountAssignment a :
                      live.assignments().stream()
                          .sorted(Comparator.comparing(Object::toString))
                          .toList()) {
                    if (assignments.isEmpty() || rnd.nextInt(3) == 0) {
                      var ref =
                          new TerraformOwnership.AssignmentRef(
                              ins,
                              a.permissionSetArn(),
                              a.accountId(),
                              a.principalType(),
                              a.principalId());
                      ownedAssignments.add(ref);
                      assignments.put(
                          ref,
                          new TerraformOwnership.Owner(
                              "aws_ssoadmin_account_assignment.a" + assignments.size(), "t"));
                    }
                  }
                  return new TerraformOwnership(List.of("t"), sets, assignments);
                })
            .imported();
    String sets = file(imported, "permission-sets.yaml");
    for (String name : ownedSets) {
      assertThat(sets).contains(name + ":\n    external: true");
    }
    assertThat(ownedAssignments).as("seed %s owns some assignments", seed).isNotEmpty();
  }

  static List<String> contents(ImportedMatrix m) {
    return m.files().stream().map(ImportedMatrix.File::content).toList();
  }

  static String file(ImportedMatrix m, String name) {
    return m.files().stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow()
        .content();
  }

  /** A random organization with a random identity store, sets and assignments. */
  static SandboxIdentityCenter random(SplittableRandom rnd) {
    SandboxBuilder b = SandboxIdentityCenter.builder().clock(CLOCK);
    b.organization("o-abcdefghij", "100000000000", null);
    b.account("", "100000000000", "management", null, AccountStatus.ACTIVE);
    List<String> paths = new ArrayList<>();
    paths.add("");
    int units = 1 + rnd.nextInt(6);
    for (int i = 0; i < units; i++) {
      String parent = paths.get(rnd.nextInt(paths.size()));
      String path = (parent.isEmpty() ? "" : parent + "/") + "Unit" + i;
      b.unit(path, null);
      paths.add(path);
    }
    List<String> accounts = new ArrayList<>();
    int n = 3 + rnd.nextInt(12);
    for (int i = 0; i < n; i++) {
      String id = String.format("2%011d", i);
      AccountStatus status = rnd.nextInt(8) == 0 ? AccountStatus.SUSPENDED : AccountStatus.ACTIVE;
      b.account(paths.get(rnd.nextInt(paths.size())), id, "acct-" + i, null, status);
      accounts.add(id);
    }
    List<String> groups = List.of("admins", "devs", "auditors");
    List<String> users = List.of("alice@example.com", "bob@example.com");
    groups.forEach(g -> b.group(g, null));
    users.forEach(u -> b.user(u, null));
    List<String> sets = new ArrayList<>(List.of("AWSReadOnlyAccess"));
    b.permissionSet("AWSReadOnlyAccess", null, definition(rnd, 0));
    int setCount = 1 + rnd.nextInt(4);
    for (int i = 0; i < setCount; i++) {
      b.permissionSet("Set" + i, null, definition(rnd, i + 1));
      sets.add("Set" + i);
    }
    int assignments = rnd.nextInt(25);
    for (int i = 0; i < assignments; i++) {
      boolean user = rnd.nextInt(5) == 0;
      String principal =
          user ? users.get(rnd.nextInt(users.size())) : groups.get(rnd.nextInt(groups.size()));
      String set = sets.get(rnd.nextInt(sets.size()));
      List<String> targets =
          rnd.nextBoolean()
              ? List.of(accounts.get(rnd.nextInt(accounts.size())))
              : accounts.stream().filter(a -> rnd.nextInt(3) > 0).toList();
      for (String account : targets) {
        try {
          b.assignment(set, user ? PrincipalType.USER : PrincipalType.GROUP, principal, account);
        } catch (RuntimeException duplicate) {
          // the same assignment drawn twice
        }
      }
    }
    return b.build();
  }

  static PermissionSetDefinition definition(SplittableRandom rnd, int i) {
    List<String> managed =
        List.of(
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
            "arn:aws:iam::aws:policy/PowerUserAccess");
    return new PermissionSetDefinition(
        rnd.nextBoolean() ? "Set number " + i : null,
        "PT" + (1 + rnd.nextInt(12)) + "H",
        Set.copyOf(managed.subList(0, rnd.nextInt(managed.size() + 1))),
        rnd.nextBoolean()
            ? Set.of(new CustomerManagedPolicyRef("team-policy-" + i, "/teams/"))
            : Set.of(),
        rnd.nextInt(3) == 0
            ? Optional.of(PermissionsBoundary.managed("arn:aws:iam::aws:policy/PowerUserAccess"))
            : Optional.empty(),
        rnd.nextBoolean()
            ? "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
                + "\"Action\":\"iam:*\",\"Resource\":\"*\"}]}"
            : null,
        rnd.nextBoolean() ? Map.of("ManagedBy", "idc-control-plane", "Team", "t" + i) : Map.of(),
        rnd.nextInt(4) == 0 ? "https://console.aws.amazon.com/ec2/" : null);
  }
}
