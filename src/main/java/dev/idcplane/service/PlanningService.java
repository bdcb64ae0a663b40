package dev.idcplane.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.api.dto.PlanView;
import dev.idcplane.api.dto.PlanViews;
import dev.idcplane.config.IdcConfig;
import dev.idcplane.drift.DriftRecorder;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.LiveState;
import dev.idcplane.identitycenter.LiveStateReader;
import dev.idcplane.matrix.Matrix;
import dev.idcplane.matrix.MatrixInvalidException;
import dev.idcplane.matrix.MatrixLoad;
import dev.idcplane.matrix.MatrixLoader;
import dev.idcplane.matrix.Violation;
import dev.idcplane.plan.MatrixRequests;
import dev.idcplane.plan.Plan;
import dev.idcplane.plan.PlanPolicy;
import dev.idcplane.plan.PlanSource;
import dev.idcplane.plan.PlanTextRenderer;
import dev.idcplane.plan.Planner;
import dev.idcplane.plan.Resolution;
import dev.idcplane.plan.Resolver;
import dev.idcplane.persistence.PlanRepository;
import dev.idcplane.audit.AuditAction;
import dev.idcplane.audit.AuditTrail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
  private final DriftRecorder drift;
  private final MatrixCommitReader commits;

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
      DriftRecorder drift,
      MatrixCommitReader commits) {
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
    this.drift = drift;
    this.commits = commits;
  }

  /** A plan computed and stored, in both its renderings. */
  public record StoredPlan(PlanView view, String text, Plan plan) {}

  /** A plan computed from a fresh read, not stored, with what it was computed from. */
  public record Preview(LiveState live, Resolution resolution, Plan plan) {}

  /** Plans without storing: for reports that need the live state and the resolved matrix. */
  public Preview preview(MatrixInput input) {
    Matrix matrix = load(input);
    LiveStateReader.Result live =
        new LiveStateReader(identityCenter, clock)
            .read(MatrixRequests.forMatrix(matrix, config.instanceArn()));
    Resolution resolution =
        resolver.resolve(matrix, live, policy, LocalDate.ofInstant(clock.instant(), clock.getZone()));
    List<Violation> errors = new ArrayList<>(resolution.errors());
    errors.addAll(Planner.missingExternalSets(resolution.desired(), live.state()));
    if (!errors.isEmpty()) {
      throw new MatrixInvalidException(errors.stream().sorted().toList());
    }
    PlanSource source =
        new PlanSource(
            matrix.digest(),
            input.commit().orElse(null),
            live.state().instance().instanceArn(),
            live.state().readAt());
    Plan plan = planner.plan(resolution.desired(), live.state(), policy, source);
    return new Preview(live.state(), resolution, plan);
  }

  /**
   * Plans and stores. A stored plan of the configured folder without a caller-given commit records
   * the folder's own (git or {@code idc.matrix.commit}); previews for reports never ask git.
   */
  public StoredPlan plan(MatrixInput given, String subject) {
    var timing = metrics.startPlan();
    MatrixInput input = given.files().isPresent() || given.commit().isPresent()
        ? given : MatrixInput.configured(commits.read());
    Preview preview = preview(input);
    Plan plan = preview.plan();
    PlanSource source = plan.source();
    PlanView view =
        PlanViews.of(UUID.randomUUID(), clock.instant(), subject, input.origin(), plan);
    String text = PlanTextRenderer.render(plan);
    String files = input.files().map(this::toJson).orElse(null);
    QuarkusTransaction.joiningExisting().run(() -> {
      plans.store(view, plan, toJson(view), text, files);
      audit.record(AuditAction.PLAN_STORED, subject,
          new AuditTrail.MatrixRef(source.matrixDigest(), source.matrixCommit()),
          Map.of("planId", view.id().toString(), "origin", String.valueOf(input.origin()),
              "instanceArn", source.instanceArn(), "changes", plan.changes().size(),
              "drift", plan.drift().size(), "fingerprint", view.fingerprint()));
    });
    drift.record(view, plan, preview.live().orgTree()::accountPath);
    metrics.planStored(timing);
    return new StoredPlan(view, text, plan);
  }

  /** Loads the matrix the input names; throws with every violation when it is invalid. */
  public Matrix load(MatrixInput input) {
    MatrixLoad load =
        input.files().isPresent()
            ? loader.load(input.files().get())
            : loader.load(Path.of(config.matrix().path()));
    if (!load.violations().isEmpty()) {
      throw new MatrixInvalidException(load.violations());
    }
    return load.matrix();
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }
}
