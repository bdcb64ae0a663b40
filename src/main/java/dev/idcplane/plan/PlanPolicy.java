package dev.idcplane.plan;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The safety rules a plan obeys.
 *
 * @param protectedPermissionSets glob patterns ({@code *} and {@code ?}) of permission set names
 *     that are never changed and cannot be declared with a definition (default: AWS Control Tower's
 *     {@code AWS*} sets)
 * @param allowManagementAccountDeletes whether assignments in the organization's management account
 *     may be deleted
 * @param expiryWarningDays a USER exception whose last valid day is at most this many days away is
 *     reported as expiring (0: never)
 */
public record PlanPolicy(
    List<String> protectedPermissionSets,
    boolean allowManagementAccountDeletes,
    int expiryWarningDays) {
  public static final List<String> DEFAULT_PROTECTED = List.of("AWS*");
  public static final int DEFAULT_EXPIRY_WARNING_DAYS = 14;

  public PlanPolicy {
    protectedPermissionSets = List.copyOf(protectedPermissionSets);
    if (expiryWarningDays < 0) {
      throw new IllegalArgumentException(
          "expiryWarningDays must be 0 or more: " + expiryWarningDays);
    }
  }

  public PlanPolicy(List<String> protectedPermissionSets, boolean allowManagementAccountDeletes) {
    this(protectedPermissionSets, allowManagementAccountDeletes, DEFAULT_EXPIRY_WARNING_DAYS);
  }

  public static PlanPolicy defaults() {
    return new PlanPolicy(DEFAULT_PROTECTED, false);
  }

  public boolean isProtected(String permissionSetName) {
    return protectedPermissionSets.stream()
        .anyMatch(g -> glob(g).matcher(permissionSetName).matches());
  }

  private static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
