package dev.idcplane.plan;

/** What the plan of the shipped matrix against the shipped sandbox seed must contain. */
public final class ShippedExample {
  /** 2 set creates + 1 update + 2 provisions + 19 assignment creates + 2 deletes. */
  public static final int TOTAL_CHANGES = 26;

  /** 19 missing, 4 unexpected, 1 unmanaged, 11 protected, 1 definition, 1 out of sync. */
  public static final int DRIFT_FINDINGS = 37;

  private ShippedExample() {}
}
