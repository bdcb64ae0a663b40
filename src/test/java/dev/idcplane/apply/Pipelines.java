package dev.idcplane.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.LiveStateReader;
import dev.idcplane.matrix.Matrix;
import dev.idcplane.matrix.MatrixLoad;
import dev.idcplane.matrix.MatrixLoader;
import dev.idcplane.plan.MatrixRequests;
import dev.idcplane.plan.Plan;
import dev.idcplane.plan.PlanPolicy;
import dev.idcplane.plan.PlanSource;
import dev.idcplane.plan.Planner;
import dev.idcplane.plan.Resolution;
import dev.idcplane.plan.Resolver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** Plans a matrix against an Identity Center the way the service does, for engine tests. */
final class Pipelines {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

  private Pipelines() {}

  static Plan plan(IdentityCenter ic, Path matrixFolder) {
    return plan(ic, new MatrixLoader().load(matrixFolder));
  }

  static Plan plan(IdentityCenter ic, Map<String, String> files) {
    return plan(ic, new MatrixLoader().load(files));
  }

  private static Plan plan(IdentityCenter ic, MatrixLoad load) {
    assertThat(load.violations()).isEmpty();
    Matrix matrix = load.matrix();
    LiveStateReader.Result live =
        new LiveStateReader(ic, Clock.systemUTC())
            .read(MatrixRequests.forMatrix(matrix, Optional.empty()));
    Resolution r = new Resolver().resolve(matrix, live, PlanPolicy.defaults(), TODAY);
    assertThat(r.errors()).isEmpty();
    return new Planner()
        .plan(
            r.desired(),
            live.state(),
            PlanPolicy.defaults(),
            new PlanSource(
                matrix.digest(),
                null,
                live.state().instance().instanceArn(),
                live.state().readAt()));
  }
}
