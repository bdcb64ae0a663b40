package dev.idcplane.plan;

/** What the plan of the shipped matrix against the shipped sandbox seed must contain. */
public final class ShippedExample {
  /**
   * What {@link dev.idcplane.plan.Planner} plans for the permission sets and assignments: 2 set
   * creates + 1 update + 2 provisions + 19 assignment creates + 2 deletes.
   */
  public static final int PERMISSION_SET_CHANGES = 26;

  /**
   * What applications.yaml adds: 1 issuer + 2 applications + 3 grants (jwt-bearer twice, one
   * refresh_token) + 2 actor policies + 3 scopes + 4 assignments (new applications already require
   * assignments, as declared).
   */
  public static final int APPLICATION_CHANGES = 15;

  /** The whole plan a service makes. */
  public static final int TOTAL_CHANGES = PERMISSION_SET_CHANGES + APPLICATION_CHANGES;

  /**
   * 19 missing, 4 unexpected, 1 unmanaged, 11 protected, 1 definition, 1 out of sync, and one
   * finding per application change (each declared issuer and application is not live).
   */
  public static final int DRIFT_FINDINGS = 37 + APPLICATION_CHANGES;

  private ShippedExample() {}
}
