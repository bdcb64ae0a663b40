package dev.idcplane.doctor;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One check of the application doctor: what it looked at, its verdict, and what to do. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DoctorCheck(String id, String title, Result result, String detail, String fix) {
  /** A check's verdict. */
  public enum Result {
    PASS,
    WARN,
    FAIL
  }

  /** The worst result of {@code checks}; PASS for none. */
  public static Result worst(java.util.List<DoctorCheck> checks) {
    return checks.stream()
        .map(DoctorCheck::result)
        .max(java.util.Comparator.naturalOrder())
        .orElse(Result.PASS);
  }

  /** The failed {@code exists} check of a declared application the instance does not have. */
  static DoctorCheck missing(dev.idcplane.matrix.DeclaredApplication app) {
    return fail(
        "exists",
        "The application exists",
        "no customer-managed application named " + app.name() + " in the instance",
        "apply the matrix (it is declared at " + app.at() + ")");
  }

  static DoctorCheck pass(String id, String title, String detail) {
    return new DoctorCheck(id, title, Result.PASS, detail, null);
  }

  static DoctorCheck warn(String id, String title, String detail, String fix) {
    return new DoctorCheck(id, title, Result.WARN, detail, fix);
  }

  static DoctorCheck fail(String id, String title, String detail, String fix) {
    return new DoctorCheck(id, title, Result.FAIL, detail, fix);
  }
}
