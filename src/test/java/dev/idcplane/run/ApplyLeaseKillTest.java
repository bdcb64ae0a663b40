package dev.idcplane.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.config.ForApply;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.support.Eventually;
import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, item 7: losing the database connection behind the instance's lock must not let a second
 * run write to Identity Center while the first still does. A run applies on a sandbox whose
 * operations take 15 seconds each; mid-run the test terminates the PostgreSQL backends of the lock
 * (one holding an advisory lock, or the last to have renewed the lease row), then keeps asking for
 * a second apply of the same matrix until one is accepted. Every Identity Center write is recorded
 * with the thread that made it (each run executes on its own thread while another is active), and
 * the writes of different runs must not interleave.
 */
@QuarkusTest
@TestProfile(ApplyLeaseKillTest.SlowSandbox.class)
@QuarkusTestResource(TestKeys.class)
class ApplyLeaseKillTest {

  /**
   * The default world with 15-second asynchronous operations, five outstanding at most: run 1
   * submits its assignments in four waves, 15 seconds apart, so it still writes after a second run
   * could have started.
   */
  public static class SlowSandbox extends dev.idcplane.support.SmallWaits {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
      overrides.put("idc.sandbox.seed", slowSeed().toString());
      overrides.put("idc.apply.max-outstanding", "5"); // so run 1 submits in waves
      // Renewals every two seconds, so a pooled connection has renewed the lease mid-run.
      overrides.put("idc.apply.lease-ttl", "6s");
      return overrides;
    }

    private static Path slowSeed() {
      try {
        Path seed = Files.createTempFile("slow-seed", ".yaml");
        seed.toFile().deleteOnExit();
        Files.writeString(
            seed,
            Files.readString(Path.of("deploy/sandbox/seed.yaml"))
                + "\nbehaviour:\n  profile: fast\n  seed: 7\n  requests_per_second: 0\n"
                + "  max_outstanding_operations: 5\n"
                + "  latency: {distribution: fixed, value: PT15S}\n");
        return seed;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** One Identity Center write and the thread (so the run) that made it. */
  record Write(String thread, String call) {}

  private static final Set<String> WRITE_PREFIXES =
      Set.of("create", "update", "delete", "attach", "detach", "put", "tag", "untag", "provision");

  @Inject @ForApply IdentityCenter identityCenter;

  private final List<Write> writes = new CopyOnWriteArrayList<>();

  @BeforeEach
  void recordWrites() {
    IdentityCenter real = ClientProxy.unwrap(identityCenter);
    IdentityCenter recording =
        (IdentityCenter)
            Proxy.newProxyInstance(
                IdentityCenter.class.getClassLoader(),
                new Class<?>[] {IdentityCenter.class},
                (proxy, method, args) -> {
                  if (WRITE_PREFIXES.stream().anyMatch(method.getName()::startsWith)) {
                    writes.add(
                        new Write(
                            Thread.currentThread().getName() + "#" + Thread.currentThread().getId(),
                            method.getName()));
                  }
                  try {
                    return method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    QuarkusMock.installMockForType(
        recording, IdentityCenter.class, new AnnotationLiteral<ForApply>() {});
  }

  static String matrix() {
    return "permission_sets:\n"
        + "  LeaseKillSet:\n"
        + "    description: LeaseKillSet for the lease test\n"
        + "    session_duration: PT2H\n"
        + "    managed_policies: [arn:aws:iam::aws:policy/ReadOnlyAccess]\n"
        + "    tags: {ManagedBy: idc-control-plane}\n"
        + "assignments:\n"
        + "  - group: aws-finops\n"
        + "    permission_set: LeaseKillSet\n"
        + "    ous: [Security, Workloads, Sandbox, Infrastructure]\n"
        + "  - group: aws-secops\n"
        + "    permission_set: LeaseKillSet\n"
        + "    ous: [Security, Workloads, Sandbox, Infrastructure]\n";
  }

  static Response reconcile() {
    return given()
        .auth()
        .oauth2(TestTokens.token("deploy-bot", "deployer"))
        .contentType("application/json")
        .body(Map.of("files", Map.of("matrix.yaml", matrix())))
        .when()
        .post("/api/v1/reconcile?mode=apply");
  }

  /** The run's status; empty when the request met a pooled connection the test terminated. */
  static Optional<String> status(String runId) {
    Response r =
        given().auth().oauth2(TestTokens.token("v", "viewer")).when().get("/api/v1/runs/" + runId);
    return r.statusCode() == 200 ? Optional.of(r.path("status")) : Optional.empty();
  }

  static Optional<String> ended(String runId) {
    return status(runId).filter(s -> !s.equals("RUNNING"));
  }

  @Test
  void aSecondRunDoesNotWriteWhileTheFirstStillDoesAfterItsLockConnectionDies() {
    Response first = reconcile();
    assertThat(first.statusCode()).as(first.asString()).isEqualTo(202);
    String run1 = first.path("id");
    assertThat(first.<Integer>path("operationCount")).isGreaterThanOrEqualTo(16);
    Eventually.await(
        "run 1 has submitted assignment creates",
        Duration.ofSeconds(30),
        () ->
            writes.stream().anyMatch(w -> w.call().equals("createAccountAssignment"))
                ? Optional.of(true)
                : Optional.empty());

    int killed =
        Eventually.await(
            "a backend of the instance's lock",
            Duration.ofSeconds(60),
            () -> Optional.of(terminateLockBackends()).filter(n -> n > 0));
    assertThat(killed).as("backends terminated").isPositive();

    // Ask for a second apply until one is accepted; note what the answers were meanwhile.
    List<String> refusals = new ArrayList<>();
    String run2 =
        Eventually.await(
            "a second apply is accepted",
            Duration.ofSeconds(240),
            () -> {
              Response r = reconcile();
              if (r.statusCode() == 202) {
                return Optional.of((String) r.path("id"));
              }
              if (r.statusCode() == 200) {
                return Optional.of("none: " + r.path("result")); // run 1 had done everything
              }
              if (r.statusCode() != 500) { // a request on a pooled connection the test terminated
                refusals.add(
                    r.statusCode()
                        + " "
                        + r.asString()
                        + " while run 1 was "
                        + status(run1).orElse("unknown"));
              }
              return Optional.empty();
            });
    Eventually.await("run 1 has ended", Duration.ofSeconds(240), () -> ended(run1));
    if (!run2.startsWith("none")) {
      Eventually.await("run 2 has ended", Duration.ofSeconds(240), () -> ended(run2));
    }

    List<String> order = new ArrayList<>();
    for (Write w : writes) {
      if (order.isEmpty() || !order.get(order.size() - 1).equals(w.thread())) {
        order.add(w.thread());
      }
    }
    assertThat(order)
        .as(
            "runs (threads) in the order of their writes; a thread twice means two runs"
                + " interleaved. Writes: %s",
            writes)
        .doesNotHaveDuplicates();
    assertThat(refusals)
        .as("every refusal is the busy answer naming run 1")
        .allSatisfy(r -> assertThat(r).startsWith("409").contains("apply_busy").contains(run1));
  }

  /**
   * Terminates the backends of the instance's lock: those holding an advisory lock (how the lock
   * was once held) or whose last statement was on the lease row. Returns how many.
   */
  /**
   * Terminates the backends from a connection of its own, outside the application's pool: a pooled
   * connection could be the very one the heartbeat renews on, which the query must not exclude.
   */
  int terminateLockBackends() {
    var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
    String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
    String user =
        config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres");
    String password =
        config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
    try (Connection c = java.sql.DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select count(pg_terminate_backend(pid))"
                    + " from pg_stat_activity"
                    + " where datname = current_database() and pid <> pg_backend_pid()"
                    + " and (pid in (select pid from pg_locks where locktype = 'advisory' and granted)"
                    + " or query like '%apply\\_lease%')")) {
      rs.next();
      return rs.getInt(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
