package dev.idcplane.support;

/** The small matrix several API tests plan: one PowerUser set for one group in a few accounts. */
public final class SmallMatrix {
  private SmallMatrix() {}

  /**
   * PowerUser for aws-team-a-leads in {@code accounts} (a YAML flow list's items, e.g. "app-dev").
   */
  public static String powerUser(String accounts) {
    return "permission_sets:\n"
        + "  PowerUser:\n"
        + "    description: Everything except IAM and Organizations\n"
        + "    session_duration: PT4H\n"
        + "    managed_policies: [arn:aws:iam::aws:policy/PowerUserAccess]\n"
        + "    tags: {ManagedBy: idc-control-plane}\n"
        + "assignments:\n"
        + "  - group: aws-team-a-leads\n"
        + "    permission_set: PowerUser\n"
        + "    accounts: ["
        + accounts
        + "]\n";
  }
}
