package dev.idcplane.identitycenter;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a permission set's full definition: the five calls after DescribePermissionSet (managed
 * policies, customer-managed references, boundary, inline policy, tags). Each call goes through
 * {@link Calls}, so a caller can rate-limit and retry them (apply) or make them directly (plan).
 */
public final class DefinitionReader {

  /** How each AWS call is made. */
  public interface Calls {
    <T> T call(String operation, Supplier<T> call) throws InterruptedException;
  }

  /** Calls made as they are, no waiting and no retry. */
  public static final Calls DIRECT =
      new Calls() {
        @Override
        public <T> T call(String operation, Supplier<T> call) {
          return call.get();
        }
      };

  private DefinitionReader() {}

  public static PermissionSetDefinition read(
      IdentityCenter ic, String instanceArn, PermissionSetInfo info, Calls calls)
      throws InterruptedException {
    String ps = info.arn();
    String name = " " + info.name();
    return new PermissionSetDefinition(
        info.description(),
        info.sessionDuration(),
        Set.copyOf(
            calls.call(
                "ListManagedPoliciesInPermissionSet" + name,
                () -> ic.listManagedPolicies(instanceArn, ps))),
        Set.copyOf(
            calls.call(
                "ListCustomerManagedPolicyReferencesInPermissionSet" + name,
                () -> ic.listCustomerManagedPolicyReferences(instanceArn, ps))),
        calls.call(
            "GetPermissionsBoundaryForPermissionSet" + name,
            () -> ic.getPermissionsBoundary(instanceArn, ps)),
        calls
            .call(
                "GetInlinePolicyForPermissionSet" + name, () -> ic.getInlinePolicy(instanceArn, ps))
            .orElse(null),
        calls.call("ListTagsForResource" + name, () -> ic.listTags(instanceArn, ps)),
        info.relayState());
  }

  /** {@link #read} with {@link #DIRECT} calls, which never wait. */
  public static PermissionSetDefinition readDirect(
      IdentityCenter ic, String instanceArn, PermissionSetInfo info) {
    try {
      return read(ic, instanceArn, info, DIRECT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("direct calls do not wait", e);
    }
  }
}
