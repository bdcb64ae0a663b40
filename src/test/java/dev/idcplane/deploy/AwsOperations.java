package dev.idcplane.deploy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every AWS operation the main code can call: each call whose owner is one of the SDK client
 * interfaces the service uses, as the IAM action it needs ({@code sso:CreateAccountAssignment}). A
 * {@code ...Paginator} method is the operation without the suffix.
 */
final class AwsOperations {
  /** SDK client interface -> IAM service prefix (Service Authorization Reference). */
  static final Map<String, String> PREFIXES =
      Map.of(
          "software.amazon.awssdk.services.ssoadmin.SsoAdminClient", "sso",
          "software.amazon.awssdk.services.identitystore.IdentitystoreClient", "identitystore",
          "software.amazon.awssdk.services.organizations.OrganizationsClient", "organizations",
          "software.amazon.awssdk.services.sts.StsClient", "sts",
          "software.amazon.awssdk.services.ssooidc.SsoOidcClient", "sso-oauth",
          "software.amazon.awssdk.services.s3.S3Client", "s3");

  /** Client methods that are not AWS operations. */
  private static final Set<String> NOT_OPERATIONS =
      Set.of(
          "close",
          "serviceName",
          "serviceClientConfiguration",
          "utilities",
          "waiter",
          "builder",
          "create");

  private AwsOperations() {}

  /** IAM action -> the classes calling it (for failure messages). */
  static Map<String, Set<String>> calledByMainCode() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.idcplane");
    Map<String, Set<String>> actions = new TreeMap<>();
    for (var javaClass : classes) {
      for (JavaMethodCall call : javaClass.getMethodCallsFromSelf()) {
        String prefix = PREFIXES.get(call.getTargetOwner().getName());
        String method = call.getName();
        if (prefix == null || NOT_OPERATIONS.contains(method)) {
          continue;
        }
        actions
            .computeIfAbsent(prefix + ":" + operation(method), k -> new TreeSet<>())
            .add(javaClass.getSimpleName());
      }
    }
    return actions;
  }

  /** {@code listAccountsForParentPaginator} -> {@code ListAccountsForParent}. */
  static String operation(String method) {
    String op = method;
    for (String suffix : List.of("Paginator", "AsBytes")) {
      op = op.endsWith(suffix) ? op.substring(0, op.length() - suffix.length()) : op;
    }
    return Character.toUpperCase(op.charAt(0)) + op.substring(1);
  }
}
