package dev.idcplane.identitycenter.apps;

/**
 * Whether a principal an actor policy names covers the service's caller, as IAM matches a resource
 * policy's {@code Principal.AWS}: the same ARN; the account's root ARN or bare account id (every
 * principal of the account); or, for a role, the same role name in the same account whatever its
 * path (STS reports an assumed role's ARN without the path).
 */
public final class CallerMatch {
  private CallerMatch() {}

  public static boolean matches(String declared, String caller) {
    if (declared.equals(caller) || declared.equals("*")) {
      return true;
    }
    String[] c = caller.split(":", 6);
    if (c.length < 6) {
      return false;
    }
    String account = c[4];
    if (declared.equals(account) || declared.equals("arn:" + c[1] + ":iam::" + account + ":root")) {
      return true;
    }
    String[] d = declared.split(":", 6);
    if (d.length < 6 || !d[4].equals(account) || !d[5].startsWith("role/")) {
      return false;
    }
    return c[5].startsWith("role/") && name(d[5]).equals(name(c[5]));
  }

  private static String name(String resource) {
    return resource.substring(resource.lastIndexOf('/') + 1);
  }
}
