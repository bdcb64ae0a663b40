package dev.idcplane.planning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.audit.AuditAction;
import dev.idcplane.audit.AuditTrail;
import dev.idcplane.config.IdcConfig;
import dev.idcplane.error.ControlPlaneException;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.Instance;
import dev.idcplane.identitycenter.LiveState;
import dev.idcplane.identitycenter.LiveStateReader;
import dev.idcplane.identitycenter.apps.Applications;
import dev.idcplane.identitycenter.apps.LiveApplications;
import dev.idcplane.matrix.DeclaredPermissionSet;
import dev.idcplane.matrix.EmptyMatrixException;
import dev.idcplane.matrix.Matrix;
import dev.idcplane.matrix.MatrixInvalidException;
import dev.idcplane.matrix.MatrixLoad;
import dev.idcplane.matrix.MatrixLoader;
import dev.idcplane.matrix.SourceLocation;
import dev.idcplane.matrix.Violation;
import dev.idcplane.metrics.ControlPlaneMetrics;
import dev.idcplane.persistence.PlanDeclaredStore;
import dev.idcplane.persistence.PlanRepository;
import dev.idcplane.plan.DeletionGuard;
import dev.idcplane.plan.MatrixRequests;
import dev.idcplane.plan.Plan;
import dev.idcplane.plan.PlanPolicy;
import dev.idcplane.plan.PlanSource;
import dev.idcplane.plan.PlanTextRenderer;
import dev.idcplane.plan.Planner;
import dev.idcplane.plan.Resolution;
import dev.idcplane.plan.Resolver;
import dev.idcplane.plan.TerraformOwnership;
import dev.idcplane.plan.apps.AppPlan;
import dev.idcplane.plan.apps.AppPlanner;
import dev.idcplane.plan.apps.PrincipalLookup;
import dev.idcplane.security.Caller;
import dev.idcplane.source.CurrentMatrix;
import dev.idcplane.source.MatrixOrigin;
import dev.idcplane.source.MatrixSource;
import dev.idcplane.terraform.TerraformStates;
import dev.idcplane.view.PlanView;
import dev.idcplane.view.PlanViews;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Plans a matrix against the live instance: load and validate the matrix, read the live state,
 * resolve, plan, store. Reads only; changes nothing in Identity Center. An invalid matrix throws
 * {@link MatrixInvalidException} with every violation and stores nothing.
 */
@ApplicationScoped
public class PlanningService {
  private final IdcConfig config;
  private final IdentityCenter identityCenter;
  private final Clock clock;
  private final MatrixLoader loader;
  private final Resolver resolver;
  private final Planner planner;
  private final PlanPolicy policy;
  private final PlanRepository plans;
  private final ObjectMapper json;
  private final AuditTrail audit;
  private final ControlPlaneMetrics metrics;
  private final Event<PlanStored> stored;
  private final MatrixSource source;
  private final PlanDeclaredStore declarations;
  private final Applications applications;
  private final TerraformStates terraform;

  public PlanningService(
      IdcConfig config,
      IdentityCenter identityCenter,
      Clock clock,
      MatrixLoader loader,
      Resolver resolver,
      Planner planner,
      PlanPolicy policy,
      PlanRepository plans,
      ObjectMapper json,
      AuditTrail audit,
      ControlPlaneMetrics metrics,
      Event<PlanStored> stored,
      MatrixSource source,
      PlanDeclaredStore declarations,
      Applications applications,
      TerraformStates terraform) {
    this.config = config;
    this.identityCenter = identityCenter;
    this.clock = clock;
    this.loader = loader;
    this.resolver = resolver;
    this.planner = planner;
    this.policy = policy;
    this.plans = plans;
    this.json = json;
    this.audit = audit;
    this.metrics = metrics;
    this.stored = stored;
    this.source = source;
    this.declarations = declarations;
    this.applications = applications;
    this.terraform = terraform;
  }

  /**
   * A plan computed and stored, in both its renderings, with the deletion guard's verdict (its
   * findings are among the plan's warnings) and the OU path of each account as the plan's read saw
   * it (for drift history).
   */
  public record StoredPlan(
      PlanView view,
      String text,
      Plan plan,
      DeletionGuard.Verdict guard,
      java.util.function.Function<String, String> accountPath) {}

  /**
   * A plan computed from a fresh read, not stored, with what it was computed from and what its
   * matrix declares: the matrix, the instance's issuers and applications, the Terraform ownership
   * it left alone, and the identity store lookups it made (memoized, so a report built on the
   * preview asks no name twice).
   */
  public record Preview(
      LiveState live,
      Resolution resolution,
      Plan plan,
      DeletionGuard.Declared declared,
      Matrix matrix,
      LiveApplications applications,
      TerraformOwnership terraform,
      PrincipalLookup principals) {}

  /**
   * Plans without storing: for reports that need the live state and the resolved matrix. An invalid
   * matrix throws with its static and its resolution violations together: the rules and sets
   * without problems of their own are resolved even when others have problems.
   */
  public Preview preview(MatrixInput input) {
    return preview(choose(input, false, false));
  }

  private Preview preview(Chosen chosen) {
    MatrixLoad load = chosen.load();
    Matrix matrix = load.valid() ? load.matrix() : resolvable(load.matrix());
    if (!load.valid() && matrix.rules().isEmpty() && matrix.permissionSets().isEmpty()) {
      throw new MatrixInvalidException(load.violations());
    }
    TerraformOwnership owned = terraform.ownership();
    LiveStateReader.Result live =
        new LiveStateReader(identityCenter, clock)
            .read(MatrixRequests.forMatrix(matrix, config.instanceArn()));
    Resolution resolution =
        resolver.resolve(
            matrix, live, policy, LocalDate.ofInstant(clock.instant(), clock.getZone()));
    List<Violation> errors = new ArrayList<>(load.violations());
    errors.addAll(resolution.errors());
    // field is permission_sets.<name>; stand-ins for sets with problems are not reported again
    Planner.missingExternalSets(resolution.desired(), live.state()).stream()
        .filter(
            v ->
                load.matrix()
                    .permissionSets()
                    .containsKey(v.field().substring("permission_sets.".length())))
        .forEach(errors::add);
    errors.addAll(owned.conflicts(resolution.desired(), live.state()));
    Instance instance = live.state().instance();
    LiveApplications liveApps =
        LiveApplications.read(
            applications, instance.instanceArn(), matrix.applications()::containsKey);
    PrincipalLookup principals =
        PrincipalLookup.of(identityCenter, instance.identityStoreId()).memoized();
    AppPlan apps = AppPlanner.plan(matrix, liveApps, principals);
    errors.addAll(apps.errors());
    if (!errors.isEmpty()) {
      throw new MatrixInvalidException(errors.stream().sorted().toList());
    }
    PlanSource source =
        new PlanSource(
            matrix.digest(),
            chosen.commit().orElse(null),
            live.state().instance().instanceArn(),
            live.state().readAt());
    Plan plan =
        planner
            .plan(resolution.desired(), live.state(), policy, source, owned)
            .withWarnings(chosen.warnings())
            .withWarnings(load.emptyFileWarnings())
            .withApplications(apps);
    return new Preview(
        live.state(), resolution, plan, declared(load), matrix, liveApps, owned, principals);
  }

  /**
   * Plans and stores. A plan without files plans the configured matrix ({@link MatrixSource}),
   * recording its commit unless the caller gave one. Files sent in a request count as the
   * configured matrix when their digest equals the source's current digest; otherwise the plan is a
   * preview (origin {@code request}) with a warning saying so, and feeds no drift history. The
   * deletion guard's findings are added to the plan's warnings, and what the matrix declares is
   * stored with the plan for the guard of later plans.
   */
  public StoredPlan plan(MatrixInput given, String subject) {
    return plan(given, Caller.system(subject), false);
  }

  /** As {@link #plan(MatrixInput, String)}, recording the caller's subject and display name. */
  public StoredPlan plan(MatrixInput given, Caller caller) {
    return plan(given, caller, false);
  }

  /**
   * As {@link #plan(MatrixInput, Caller)}; with {@code pushing}, the files sent are about to become
   * the configured matrix (a deployer's apply to the {@code pushed} source), so the plan counts as
   * configured, but its drift is recorded only once the apply is accepted and the push stored
   * ({@link #recordDrift}): a refused apply pushes nothing and records no drift.
   */
  public StoredPlan plan(MatrixInput given, Caller caller, boolean pushing) {
    String subject = caller.subject();
    var timing = metrics.startPlan();
    Chosen input = choose(given, pushing, true);
    Preview preview = preview(input);
    DeletionGuard.Verdict guard = guard(preview);
    Plan plan = preview.plan().withWarnings(guard.warnings());
    PlanSource source = plan.source();
    var made =
        new PlanRepository.Made(
            UUID.randomUUID(), clock.instant(), subject, caller.displayName(), input.origin());
    PlanView view =
        PlanViews.of(made.id(), made.at(), subject, made.byName(), made.matrixOrigin(), plan);
    String text = PlanTextRenderer.render(plan);
    String files = input.files().map(this::toJson).orElse(null);
    QuarkusTransaction.joiningExisting()
        .run(
            () -> {
              plans.store(made, plan, toJson(view), text, files);
              plans.flush(); // the plan row must exist before plan_declared refers to it
              declarations.store(view.id(), preview.declared());
              audit.record(
                  AuditAction.PLAN_STORED,
                  subject,
                  new AuditTrail.MatrixRef(source.matrixDigest(), source.matrixCommit()),
                  Map.of(
                      "planId",
                      view.id().toString(),
                      "origin",
                      String.valueOf(input.origin()),
                      "instanceArn",
                      source.instanceArn(),
                      "changes",
                      plan.changes().size(),
                      "drift",
                      plan.drift().size(),
                      "fingerprint",
                      view.fingerprint()));
            });
    StoredPlan stored =
        new StoredPlan(view, text, plan, guard, preview.live().orgTree()::accountPath);
    if (!pushing) {
      recordDrift(stored);
    }
    metrics.planStored(timing);
    return stored;
  }

  private DeletionGuard.Verdict guard(Preview preview) {
    IdcConfig.ApplyRules rules = config.apply();
    Optional<DeletionGuard.Declared> last =
        rules.guardRemovals()
            ? declarations.lastApplied(preview.plan().source().instanceArn())
            : Optional.empty();
    return DeletionGuard.check(
        new DeletionGuard.Input(
            preview.plan(),
            preview.declared(),
            last,
            new DeletionGuard.Limits(
                rules.guardMinDeletes(), rules.guardMaxDeletes(), rules.guardMaxDeleteShare())));
  }

  /**
   * Announces a stored plan whose drift counts ({@link PlanStored}; done by {@link #plan} itself
   * unless it was pushing).
   */
  public void recordDrift(StoredPlan plan) {
    PlanView v = plan.view();
    stored.fire(
        new PlanStored(
            v.id(),
            v.createdAt(),
            v.createdBy(),
            v.matrixOrigin(),
            plan.plan(),
            plan.accountPath()));
  }

  /** Loads the matrix the input names; throws with every violation when it is invalid. */
  public Matrix load(MatrixInput input) {
    MatrixLoad load = choose(input, false, false).load();
    if (!load.violations().isEmpty()) {
      throw new MatrixInvalidException(load.violations());
    }
    return load.matrix();
  }

  /** The configured matrix source. */
  public MatrixSource source() {
    return source;
  }

  /**
   * The matrix a plan is of: its files as loaded, whether it counts as configured, the commit to
   * record, the files to store with the plan (none for the source's own read) and warnings.
   */
  private record Chosen(
      MatrixLoad load,
      String origin,
      Optional<String> commit,
      Optional<Map<String, String>> files,
      List<Violation> warnings) {}

  /** {@code storing}: the plan will be stored, so it records the source's commit. */
  private Chosen choose(MatrixInput input, boolean pushing, boolean storing) {
    if (input.files().isEmpty()) {
      CurrentMatrix current = source.current(storing);
      return new Chosen(
          current.load(),
          MatrixInput.CONFIGURED,
          input.commit().or(() -> Optional.ofNullable(current.origin().commit())),
          Optional.empty(),
          List.of());
    }
    MatrixLoad load = loader.load(input.files().get());
    if (load.allEmpty()) {
      throw new EmptyMatrixException(
          "every file sent (" + String.join(", ", load.emptyFiles()) + ") is empty");
    }
    if (pushing) {
      return new Chosen(load, MatrixInput.CONFIGURED, input.commit(), input.files(), List.of());
    }
    String digest = load.matrix().digest();
    Optional<CurrentMatrix> current;
    try {
      current = source.find(storing);
    } catch (ControlPlaneException e) {
      return preview(
          load,
          input,
          "the configured matrix (idc.matrix.source="
              + source.kind()
              + ") could not be read to compare with ("
              + e.getMessage()
              + ")");
    }
    if (current.isEmpty()) {
      return preview(load, input, "no matrix has been pushed yet (idc.matrix.source=pushed)");
    }
    MatrixOrigin origin = current.get().origin();
    if (origin.digest().equals(digest)) {
      return new Chosen(
          load,
          MatrixInput.CONFIGURED,
          input.commit().or(() -> Optional.ofNullable(origin.commit())),
          input.files(),
          List.of());
    }
    return preview(
        load,
        input,
        "its digest "
            + digest
            + " differs from the configured matrix's "
            + origin.digest()
            + " (idc.matrix.source="
            + origin.kind()
            + (origin.commit() == null ? "" : ", commit " + origin.commit())
            + ")");
  }

  private static Chosen preview(MatrixLoad load, MatrixInput input, String why) {
    Violation warning =
        new Violation(
            new SourceLocation("", 0),
            "",
            PREVIEW,
            "this plan is a preview of the matrix sent in the request, not of the configured matrix: "
                + why
                + ". A preview records no drift history and no scan",
            "to plan the configured matrix, send no body or exactly the configured matrix's files");
    return new Chosen(load, "request", input.commit(), input.files(), List.of(warning));
  }

  /** Kind of the warning a preview carries. */
  public static final String PREVIEW = "matrix_preview";

  /**
   * A partial matrix made resolvable: a rule naming a set whose declaration has problems of its own
   * (reported already) still has its principal and targets resolved, against an external stand-in
   * for that set. Stand-ins are never planned: the matrix has violations.
   */
  private static Matrix resolvable(Matrix partial) {
    Map<String, DeclaredPermissionSet> sets = new java.util.TreeMap<>(partial.permissionSets());
    partial
        .rules()
        .forEach(
            r ->
                sets.computeIfAbsent(
                    r.permissionSet(), name -> DeclaredPermissionSet.external(name, r.at())));
    return partial.withPermissionSets(sets);
  }

  private static DeletionGuard.Declared declared(MatrixLoad load) {
    Matrix m = load.matrix();
    java.util.TreeSet<String> files = new java.util.TreeSet<>(m.files());
    load.emptyFiles().forEach(files::remove);
    return new DeletionGuard.Declared(new java.util.TreeSet<>(m.permissionSets().keySet()), files);
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }
}
