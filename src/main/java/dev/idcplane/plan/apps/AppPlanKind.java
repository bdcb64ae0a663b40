package dev.idcplane.plan.apps;

import java.util.Locale;

/**
 * The kinds of error planning applications can report, as {@link
 * dev.idcplane.matrix.Violation#kind()} strings; the principal kinds are the same strings as
 * permission-set planning reports.
 */
public enum AppPlanKind {
  /** An application assigns a group the identity store does not have. */
  UNKNOWN_GROUP,
  /** An application assigns a user the identity store does not have. */
  UNKNOWN_USER,
  /** A declared application's name belongs to an application of another provider (AWS-managed). */
  NOT_A_CUSTOM_APPLICATION;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
