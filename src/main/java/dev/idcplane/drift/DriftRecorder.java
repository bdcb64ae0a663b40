package dev.idcplane.drift;

import dev.idcplane.plan.DriftFinding;
import dev.idcplane.plan.Plan;
import dev.idcplane.planning.PlanStored;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the drift history after each stored plan ({@link PlanStored}): upserts the open occurrences
 * the plan sees and resolves those it no longer sees (see {@link ResolutionAttributor}).
 *
 * <p>Only plans of the configured matrix count: of {@code idc.matrix.source}, or of files sent in a
 * request whose digest is the configured matrix's (CI sending the merged matrix). A plan of any
 * other matrix sent in a request (a pull-request preview) describes a desired state nobody has
 * merged: its drift would open and resolve findings that do not exist for the organisation, so it
 * is not recorded.
 *
 * <p>{@code accountPath} gives an account's OU path (as the plan's live read saw it), kept on the
 * finding for the {@code ou} filter.
 *
 * <p>Recorders of one instance are serialised by a transaction-scoped advisory lock, so concurrent
 * plans never open the same finding twice. A plan recorded after a newer one neither moves an
 * occurrence's {@code lastSeen} back nor resolves what the newer plan saw.
 */
@ApplicationScoped
public class DriftRecorder {

  private final DriftStore store;

  public DriftRecorder(DriftStore store) {
    this.store = store;
  }

  @Transactional
  public void record(@Observes PlanStored stored) {
    if (!stored.ofConfiguredMatrix()) {
      return;
    }
    Plan plan = stored.plan();
    var ref =
        new DriftStore.PlanRef(
            stored.planId(),
            stored.createdAt(),
            stored.createdBy(),
            plan.source().instanceArn(),
            plan.source().matrixDigest(),
            plan.source().matrixCommit());
    store.lockInstance(ref.instanceArn());
    Map<String, DriftStore.Open> open = new HashMap<>(store.open(ref.instanceArn()));
    for (DriftFinding f : plan.drift()) {
      DriftStore.Open existing = open.remove(f.key());
      String path = f.accountId() == null ? null : stored.accountPath().apply(f.accountId());
      if (existing != null) {
        if (!existing.lastSeen().isAfter(ref.at())) {
          store.seen(existing.id(), ref, f, path);
        }
      } else {
        store.insert(ref, f, path);
      }
    }
    if (open.isEmpty()) {
      return;
    }
    Instant since =
        open.values().stream()
            .map(DriftStore.Open::lastSeen)
            .min(Comparator.naturalOrder())
            .orElseThrow();
    List<ResolutionAttributor.RunTouch> touches = store.touchesSince(ref.instanceArn(), since);
    for (DriftStore.Open gone : open.values()) {
      if (gone.lastSeen().isAfter(ref.at())) {
        continue; // a newer plan, recorded first, saw it: this older one does not resolve it
      }
      var seen = new ResolutionAttributor.Seen(gone.key(), gone.lastSeen(), gone.matrixDigest());
      store.resolve(
          gone.id(),
          ref,
          ResolutionAttributor.attribute(seen, touches, ref.digest(), ref.createdBy()));
    }
  }
}
