package dev.idcplane.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionsBoundary;
import dev.idcplane.identitycenter.PrincipalType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixLoaderTest {
  private final MatrixLoader loader = new MatrixLoader();

  static final String SETS =
      """
      permission_sets:
        AppDeveloper:
          description: Application developers in non-prod accounts
          session_duration: PT4H
          managed_policies: [arn:aws:iam::aws:policy/ReadOnlyAccess]
          customer_managed_policies: [{name: AppDevActions, path: /app/}, {name: Plain}]
          permissions_boundary: {customer_managed: {name: Boundary, path: /boundaries/}}
          inline_policy: |
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
          tags: {ManagedBy: idc-control-plane, Empty: }
          relay_state: https://console.aws.amazon.com/lambda/home?region=eu-west-1#/functions
        Admin:
          managed_policies: [arn:aws:iam::123456789012:policy/OrgAdmin]
          permissions_boundary: {managed_policy_arn: arn:aws:iam::aws:policy/PowerUserAccess}
        AWSReadOnlyAccess: {external: true}
      """;

  static final String RULES =
      """
      # rules
      assignments:
        - group: aws-team-a-engineers
          permission_set: AppDeveloper
          ous: [Workloads/NonProd]
        - group: aws-platform-admins
          permission_set: Admin
          ous: [Workloads, ou-ab12-cd34ef56, r-ab12]
          accounts: ["111122223333", sandbox-7, 012345678901]
          exclude_accounts: [log-archive]
          owner: platform@example.com
        - user: alice@example.com
          permission_set: AWSReadOnlyAccess
          accounts: ["111122223333"]
          owner: secops@example.com
          expires: 2027-01-31
      ---
      assignments:
        - group: aws-finops
          permission_set: Admin
          ous: [_root_]
      """;

  private static Map<String, String> files() {
    return Map.of("sets.yaml", SETS, "rules.yml", RULES, "README.md", "ignored");
  }

  @Test
  void aValidMultiFileMatrixLoadsWithoutViolations() {
    MatrixLoad load = loader.load(files());

    assertThat(load.violations()).isEmpty();
    Matrix m = load.matrix();
    assertThat(m.files()).containsExactly("rules.yml", "sets.yaml");
    assertThat(m.permissionSets()).containsOnlyKeys("AWSReadOnlyAccess", "Admin", "AppDeveloper");
    assertThat(m.permissionSet("AWSReadOnlyAccess").orElseThrow().external()).isTrue();
    assertThat(m.permissionSet("AppDeveloper").orElseThrow().at())
        .isEqualTo(new SourceLocation("sets.yaml", 2));
    assertThat(m.rules()).hasSize(4);
    assertThat(m.rules())
        .extracting(AssignmentRule::at)
        .containsExactly(
            new SourceLocation("rules.yml", 3), new SourceLocation("rules.yml", 6),
            new SourceLocation("rules.yml", 12), new SourceLocation("rules.yml", 19));
  }

  @Test
  void definitionsAreReadIntoTheSharedValueTypes() {
    PermissionSetDefinition dev =
        loader
            .load(files())
            .matrix()
            .permissionSet("AppDeveloper")
            .orElseThrow()
            .definition()
            .orElseThrow();

    assertThat(dev.description()).isEqualTo("Application developers in non-prod accounts");
    assertThat(dev.sessionDuration()).isEqualTo("PT4H");
    assertThat(dev.managedPolicies()).containsExactly("arn:aws:iam::aws:policy/ReadOnlyAccess");
    assertThat(dev.customerManagedPolicies())
        .containsExactlyInAnyOrder(
            new CustomerManagedPolicyRef("AppDevActions", "/app/"),
            new CustomerManagedPolicyRef("Plain", "/"));
    assertThat(dev.permissionsBoundary())
        .contains(
            PermissionsBoundary.customerManaged(
                new CustomerManagedPolicyRef("Boundary", "/boundaries/")));
    assertThat(dev.inlinePolicy()).startsWith("{\"Version\": \"2012-10-17\"");
    assertThat(dev.tags())
        .containsEntry("ManagedBy", "idc-control-plane")
        .containsEntry("Empty", "");
    assertThat(dev.relayState())
        .isEqualTo("https://console.aws.amazon.com/lambda/home?region=eu-west-1#/functions");

    PermissionSetDefinition admin =
        loader
            .load(files())
            .matrix()
            .permissionSet("Admin")
            .orElseThrow()
            .definition()
            .orElseThrow();
    assertThat(admin.sessionDuration()).isEqualTo("PT1H");
    assertThat(admin.permissionsBoundary())
        .contains(PermissionsBoundary.managed("arn:aws:iam::aws:policy/PowerUserAccess"));
    assertThat(admin.relayState()).as("left out: none").isNull();
  }

  @Test
  void rulesKeepEveryEntryWithItsLocation() {
    Matrix m = loader.load(files()).matrix();
    AssignmentRule admins = m.rules().get(1);

    assertThat(admins.principalType()).isEqualTo(PrincipalType.GROUP);
    assertThat(admins.owner()).contains("platform@example.com");
    assertThat(admins.ous())
        .extracting(LocatedValue::value)
        .containsExactly("Workloads", "ou-ab12-cd34ef56", "r-ab12");
    // unquoted, YAML 1.1 would read 012345678901 as an octal number; the node API keeps the text
    assertThat(admins.accounts())
        .extracting(LocatedValue::value)
        .containsExactly("111122223333", "sandbox-7", "012345678901");
    assertThat(admins.excludeAccounts().get(0).at()).isEqualTo(new SourceLocation("rules.yml", 10));
    assertThat(admins.excludeAccounts().get(0).field())
        .isEqualTo("assignments[1].exclude_accounts[0]");

    AssignmentRule alice = m.rules().get(2);
    assertThat(alice.principalType()).isEqualTo(PrincipalType.USER);
    assertThat(alice.expires()).contains(LocalDate.of(2027, 1, 31));
    assertThat(m.rules().get(3).field()).isEqualTo("assignments[0]");
  }

  @Test
  void theDigestChangesWithContentAndNamesButNotWithIgnoredFiles() {
    String digest = loader.load(files()).matrix().digest();
    Map<String, String> changed = new HashMap<>(files());
    changed.put("rules.yml", RULES.replace("Workloads/NonProd", "Workloads/Prod"));
    Map<String, String> renamed = new HashMap<>(files());
    renamed.put("rules2.yml", renamed.remove("rules.yml"));
    Map<String, String> otherReadme = new HashMap<>(files());
    otherReadme.put("README.md", "something else");

    assertThat(digest).matches("[0-9a-f]{64}");
    assertThat(loader.load(files()).matrix().digest()).isEqualTo(digest);
    assertThat(loader.load(changed).matrix().digest()).isNotEqualTo(digest);
    assertThat(loader.load(renamed).matrix().digest()).isNotEqualTo(digest);
    assertThat(loader.load(otherReadme).matrix().digest()).isEqualTo(digest);
  }

  @Test
  void aFolderAndTheSameFilesInMemoryLoadAlike(@TempDir Path dir) throws Exception {
    for (Map.Entry<String, String> f : files().entrySet()) {
      Files.writeString(dir.resolve(f.getKey()), f.getValue());
    }
    Files.createDirectory(dir.resolve("nested.yaml"));

    MatrixLoad fromFolder = loader.load(dir);

    assertThat(fromFolder.violations()).isEmpty();
    assertThat(fromFolder.matrix()).isEqualTo(loader.load(files()).matrix());
  }

  @Test
  void everyProblemIsReportedAtOnceAndTheValidPartsAreKept() {
    MatrixLoad load =
        loader.load(
            Map.of(
                "m.yaml",
                """
                permission_sets:
                  Good: {session_duration: PT2H}
                  Bad: {session_duration: PT20H, managed_policies: [nope]}
                assignments:
                  - group: g
                    permission_set: Good
                    ous: [Workloads]
                  - group: g
                    permission_set: Bad
                    accounts: ["12"]
                  - user: u
                    permission_set: Good
                    accounts: [app-dev]
                """));

    assertThat(load.violations())
        .extracting(Violation::kind)
        .containsExactlyInAnyOrder(
            "invalid_session_duration",
            "invalid_managed_policy_arn",
            "invalid_account_id",
            "missing_owner",
            "missing_expires");
    assertThat(load.matrix().permissionSets()).containsOnlyKeys("Good");
    assertThat(load.matrix().rules())
        .extracting(AssignmentRule::at)
        .containsExactly(new SourceLocation("m.yaml", 5));
  }

  @Test
  void emptyDocumentsAndNullSectionsAreAllowed() {
    MatrixLoad load =
        loader.load(
            Map.of(
                "a.yaml", "# nothing yet\n",
                "b.yaml", "permission_sets:\nassignments:\n",
                "c.yaml",
                    "permission_sets:\n"
                        + "  Dev:\n"
                        + "assignments:\n"
                        + "  - {group: g, permission_set: Dev, ous: [X]}\n"));

    assertThat(load.violations()).isEmpty();
    assertThat(load.matrix().permissionSet("Dev").flatMap(DeclaredPermissionSet::definition))
        .isEqualTo(
            Optional.of(
                new PermissionSetDefinition(null, null, null, null, null, null, null, null)));
  }

  @Test
  void filesHoldingNothingAreNamedAsEmpty() {
    Map<String, String> files = new HashMap<>();
    files.put("blank.yaml", "");
    files.put("comments.yaml", "# nothing here yet\n---\n");
    files.put("sections.yaml", "permission_sets: {}\nassignments: []\n");
    files.put("broken.yaml", "assignments: [\n");
    files.put("sets.yaml", SETS);
    MatrixLoad load = loader.load(files);
    assertThat(load.emptyFiles()).containsExactly("blank.yaml", "comments.yaml", "sections.yaml");
    assertThat(load.allEmpty()).isFalse();
    assertThat(load.emptyFileWarnings())
        .extracting(v -> v.location().file(), Violation::kind, Violation::message)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "blank.yaml", "empty_file", "empty: no permission_sets or assignments"));
    assertThat(loader.load(Map.of("a.yaml", "", "b.yaml", "---\n")).allEmpty()).isTrue();
  }
}
