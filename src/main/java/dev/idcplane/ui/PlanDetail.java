package dev.idcplane.ui;

import dev.idcplane.matrix.Violation;
import dev.idcplane.view.DriftView;
import dev.idcplane.view.PlanView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored plan as its page shows it: one page of changes grouped by action, the deletes called
 * out, the deletion guard's verdict (its findings are the plan's {@code guard_*} warnings, and it
 * requires allowDeletes exactly when there are any), drift kept apart, other warnings.
 */
public record PlanDetail(
    PlanView view,
    Map<String, List<ChangeRow>> groups,
    Paged<ChangeRow> changes,
    List<ChangeRow> deletes,
    List<Violation.Detail> guard,
    List<Violation.Detail> warnings,
    Paged<DriftView> drift,
    String text) {

  static final int PAGE = 200;
  static final int DELETES_SHOWN = 500;

  static PlanDetail of(PlanView view, String text, int changePage, int driftPage) {
    List<ChangeRow> rows = view.changes().stream().map(ChangeRow::of).toList();
    Paged<ChangeRow> page = Paged.of(rows, changePage, PAGE);
    Map<String, List<ChangeRow>> groups = new LinkedHashMap<>();
    page.items().forEach(r -> groups.computeIfAbsent(r.action(), a -> new ArrayList<>()).add(r));
    List<ChangeRow> deletes = rows.stream().filter(ChangeRow::delete).toList();
    List<Violation.Detail> guard = new ArrayList<>();
    List<Violation.Detail> other = new ArrayList<>();
    for (Violation.Detail w :
        view.warnings() == null ? List.<Violation.Detail>of() : view.warnings()) {
      (w.kind() != null && w.kind().startsWith("guard_") ? guard : other).add(w);
    }
    return new PlanDetail(
        view,
        groups,
        page,
        deletes,
        guard,
        other,
        Paged.of(view.drift() == null ? List.of() : view.drift(), driftPage, PAGE),
        text);
  }

  /** The apply needs allowDeletes: the guard found something. */
  public boolean needsAllowDeletes() {
    return !guard.isEmpty();
  }

  /** The first deletes, for the confirmation (all of them are counted). */
  public List<ChangeRow> deletesShown() {
    return deletes.size() <= DELETES_SHOWN ? deletes : deletes.subList(0, DELETES_SHOWN);
  }

  /** Changes by action, the actions with none left out. */
  public Map<String, Integer> summaryCounts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    view.summary()
        .changes()
        .forEach(
            (k, v) -> {
              if (v != null && v > 0) {
                out.put(k, v);
              }
            });
    return out;
  }

  /** How many deletes the confirmation does not list. */
  public int moreDeletes() {
    return deletes.size() - deletesShown().size();
  }

  public boolean nothingToDo() {
    return view.changes().isEmpty();
  }

  public String commit() {
    return view.source().matrixCommit() == null ? "—" : view.source().matrixCommit();
  }

  public String author() {
    return view.createdByName() == null ? view.createdBy() : view.createdByName();
  }
}
