package dev.idcplane.ui;

import dev.idcplane.doctor.DoctorCheck;
import dev.idcplane.planning.DoctorService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The doctor's findings as the matrix page shows them: each declared issuer, then each declared
 * application, with its checks; or the sentence saying why the instance could not be read.
 */
public record DoctorView(List<DoctorView.Row> reports, String problem, String at) {

  /** One issuer's or application's report; {@code kind} is issuer or application. */
  public record Row(
      String kind,
      String label,
      String name,
      DoctorCheck.Result verdict,
      List<DoctorCheck> checks) {}

  static DoctorView of(DoctorService.Findings f, Instant at) {
    List<Row> rows = new ArrayList<>();
    f.issuers().forEach(r -> rows.add(row("issuer", "Trusted token issuer", r)));
    f.applications().forEach(r -> rows.add(row("application", "Application", r)));
    return new DoctorView(rows, "", at.toString());
  }

  static DoctorView failed(String problem, Instant at) {
    return new DoctorView(List.of(), problem, at.toString());
  }

  private static Row row(String kind, String label, DoctorService.Report r) {
    return new Row(kind, label, r.name(), r.verdict(), r.checks());
  }
}
