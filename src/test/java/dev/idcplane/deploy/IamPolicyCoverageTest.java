package dev.idcplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The policies in {@code deploy/iam/} cover every AWS operation the code can call, each in the
 * policy of its deployment mode: reads in {@code plan}, assignment and permission-set writes in
 * {@code apply}, issuer, application and token-exchange writes in {@code applications}. A new SDK
 * call without a policy line fails here, naming the operation and the file to add it to.
 *
 * <p>SDK client -> IAM prefix: SsoAdminClient {@code sso:}, IdentitystoreClient {@code
 * identitystore:}, OrganizationsClient {@code organizations:}, StsClient {@code sts:},
 * SsoOidcClient {@code sso-oauth:}, S3Client {@code s3:} (Terraform states, in {@code
 * terraform-state}) (see {@link AwsOperations#PREFIXES}).
 */
class IamPolicyCoverageTest {
  private static final List<String> POLICIES =
      List.of("plan", "apply", "applications", "terraform-state");
  private static final Pattern READ = Pattern.compile("^[a-z-]+:(List|Describe|Get)[A-Z].*");
  private static Map<String, Set<String>> called;

  @BeforeAll
  static void collect() {
    called = AwsOperations.calledByMainCode();
  }

  /** The policy file a called action belongs in. */
  static String policyFor(String action) {
    if (action.startsWith("s3:")) {
      return "terraform-state";
    }
    if (READ.matcher(action).matches()) {
      return "plan";
    }
    String op = action.substring(action.indexOf(':') + 1);
    if (action.startsWith("sso-oauth:")
        || op.contains("TrustedTokenIssuer")
        || op.contains("Application")) {
      return "applications";
    }
    return "apply";
  }

  @Test
  void theCollectorSeesTheAdaptersCalls() {
    assertThat(called)
        .containsKeys(
            "sso:ListInstances",
            "sso:CreateAccountAssignment",
            "sso:ProvisionPermissionSet",
            "organizations:ListAccountsForParent",
            "identitystore:GetGroupId",
            "sts:GetCallerIdentity",
            "sso-oauth:CreateTokenWithIAM");
  }

  @Test
  void everyCalledOperationIsInItsPolicy() {
    List<String> missing = new ArrayList<>();
    called.forEach(
        (action, callers) -> {
          String policy = policyFor(action);
          if (!IamPolicy.read(policy).actions().contains(action)) {
            missing.add(
                action
                    + " (called by "
                    + callers
                    + ") is missing from "
                    + IamPolicy.DIR.resolve(policy + ".json"));
          }
        });
    assertThat(missing).as("AWS operations without a policy line").isEmpty();
  }

  @Test
  void noPolicyAllowsAnAwsOperationTheCodeDoesNotCall() {
    List<String> unused = new ArrayList<>();
    Set<String> prefixes = new TreeSet<>(AwsOperations.PREFIXES.values());
    for (String policy : POLICIES) {
      for (String action : IamPolicy.read(policy).actions()) {
        String prefix = action.substring(0, action.indexOf(':'));
        if (prefixes.contains(prefix) && !called.containsKey(action)) {
          unused.add(action + " in " + policy + ".json is called by no code");
        } else if (prefixes.contains(prefix) && !policyFor(action).equals(policy)) {
          unused.add(action + " in " + policy + ".json belongs in " + policyFor(action) + ".json");
        }
      }
    }
    assertThat(unused).as("policy lines beyond least privilege").isEmpty();
  }

  @Test
  void planIsReadOnly() {
    assertThat(IamPolicy.read("plan").actions())
        .as("plan.json may only list, describe and get")
        .allMatch(a -> READ.matcher(a).matches());
  }

  @ParameterizedTest
  @ValueSource(strings = {"plan", "apply", "applications", "terraform-state"})
  void isAValidPolicyWithoutWildcardActions(String name) {
    IamPolicy policy = IamPolicy.read(name);
    assertThat(policy.version()).as(name + ".json Version").isEqualTo("2012-10-17");
    assertThat(policy.statements()).as(name + ".json statements").isNotEmpty();
    for (IamPolicy.Statement s : policy.statements()) {
      assertThat(s.sid()).as(name + ".json Sid").isNotBlank();
      assertThat(s.effect()).as(name + ".json " + s.sid() + " Effect").isEqualTo("Allow");
      assertThat(s.resource()).as(name + ".json " + s.sid() + " Resource").isNotNull();
      assertThat(s.actions())
          .as(name + ".json " + s.sid() + " actions: service:Operation, no wildcard")
          .isNotEmpty()
          .allMatch(a -> a.matches("^[a-z0-9-]+:[A-Za-z]+$"));
    }
  }
}
