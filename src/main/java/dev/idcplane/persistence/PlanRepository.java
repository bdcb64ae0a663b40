package dev.idcplane.persistence;

import dev.idcplane.plan.AssignmentKey;
import dev.idcplane.plan.Change;
import dev.idcplane.plan.DriftFinding;
import dev.idcplane.plan.Plan;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stores plans with one row per change and per drift finding. */
@ApplicationScoped
public class PlanRepository implements PanacheRepositoryBase<PlanEntity, UUID> {

  /**
   * Who made a plan ({@code by}: a token's sub; {@code byName}: its display name, if any), when,
   * and of which matrix: {@code configured} or {@code request}.
   */
  public record Made(
      UUID id, java.time.Instant at, String by, String byName, String matrixOrigin) {}

  /** Stores the plan; {@code document} is its API JSON, {@code text} its text rendering. */
  @Transactional
  public PlanEntity store(Made made, Plan plan, String document, String text, String matrixFiles) {
    PlanEntity e = new PlanEntity();
    e.id = made.id();
    e.createdAt = made.at();
    e.createdBy = made.by();
    e.createdByName = made.byName();
    e.instanceArn = plan.source().instanceArn();
    e.matrixDigest = plan.source().matrixDigest();
    e.matrixCommit = plan.source().matrixCommit();
    e.matrixOrigin = made.matrixOrigin();
    e.snapshotAt = plan.source().snapshotAt();
    e.fingerprint = plan.fingerprint();
    e.changeCount = plan.changes().size();
    e.driftCount = plan.drift().size();
    e.document = document;
    e.renderedText = text;
    e.matrixFiles = matrixFiles;
    e.managedAssignments = plan.managedAssignments();
    int seq = 0;
    for (Change c : plan.changes()) {
      e.changes.add(changeRow(e, seq++, c));
    }
    seq = 0;
    for (DriftFinding d : plan.drift()) {
      e.drift.add(driftRow(e, seq++, d));
    }
    persist(e);
    return e;
  }

  public Optional<PlanEntity> find(UUID id) {
    return findByIdOptional(id);
  }

  /** Newest first, at most {@code limit}, optionally only those older than {@code before}. */
  public List<PlanEntity> recent(int limit, Optional<java.time.Instant> before) {
    Sort sort = Sort.descending("createdAt").and("id", Sort.Direction.Descending);
    var query = before.isPresent() ? find("createdAt < ?1", sort, before.get()) : findAll(sort);
    return query.page(Page.ofSize(limit)).list();
  }

  /** When the newest plan of matrix origin {@code origin} ('configured' or 'request') was made. */
  public Optional<java.time.Instant> newestCreatedAt(String origin) {
    return Optional.ofNullable(
        getEntityManager()
            .createQuery(
                "select max(p.createdAt) from PlanEntity p where p.matrixOrigin = ?1",
                java.time.Instant.class)
            .setParameter(1, origin)
            .getSingleResult());
  }

  private static PlanChangeEntity changeRow(PlanEntity plan, int seq, Change c) {
    PlanChangeEntity r = new PlanChangeEntity();
    r.plan = plan;
    r.seq = seq;
    r.action = c.action().name();
    r.changeKey = c.key();
    r.reason = c.reason();
    AssignmentKey k = null;
    switch (c.action()) {
      case CREATE_PERMISSION_SET -> r.permissionSet = ((Change.CreatePermissionSet) c).name();
      case UPDATE_PERMISSION_SET -> r.permissionSet = ((Change.UpdatePermissionSet) c).name();
      case PROVISION_PERMISSION_SET -> {
        Change.ProvisionPermissionSet p = (Change.ProvisionPermissionSet) c;
        r.permissionSet = p.name();
        r.accountId = p.target().accountId().orElse(null);
      }
      case CREATE_ASSIGNMENT -> k = ((Change.CreateAssignment) c).assignment();
      case DELETE_ASSIGNMENT -> k = ((Change.DeleteAssignment) c).assignment();
    }
    if (k != null) {
      r.permissionSet = k.permissionSetName();
      r.accountId = k.accountId();
      r.principalType = k.principalType().name();
      r.principalId = k.principalId();
    }
    return r;
  }

  private static PlanDriftEntity driftRow(PlanEntity plan, int seq, DriftFinding d) {
    PlanDriftEntity r = new PlanDriftEntity();
    r.plan = plan;
    r.seq = seq;
    r.kind = d.kind().name();
    r.findingKey = d.key();
    r.permissionSet = d.permissionSetName();
    r.accountId = d.accountId();
    r.principalType = d.principalType() == null ? null : d.principalType().name();
    r.principalId = d.principalId();
    r.principalName = d.principalName();
    r.detail = d.detail();
    return r;
  }
}
