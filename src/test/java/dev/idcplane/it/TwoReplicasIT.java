package dev.idcplane.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.ContractFixture.AssignmentSpec;
import dev.idcplane.identitycenter.ContractFixture.PermissionSetSpec;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.SeededWorld;
import dev.idcplane.identitycenter.aws.AwsClients;
import dev.idcplane.identitycenter.aws.MotoServer;
import dev.idcplane.support.Eventually;
import dev.idcplane.support.MotoFixture;
import dev.idcplane.support.SseClient;
import dev.idcplane.support.TestDatabase;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;

/**
 * Issue 13's last part: two packaged-jar JVMs (prod profile, {@code idc.backend=aws}) share one
 * PostgreSQL database and one moto server, and behave as one service: scans and applies never
 * overlap, a run started on A is followed live (SSE) from B, concurrent plans on both keep drift
 * history and the audit chain consistent, and a run whose replica is killed is resumed by the other
 * once the lease expires, with nothing created twice.
 *
 * <p>Why moto and not the sandbox: the sandbox Identity Center lives inside each JVM (seeded from
 * deploy/sandbox/seed.yaml), so two sandbox replicas would each write their own world and "applied
 * exactly once" could not be observed. One moto server is the one Identity Center both replicas
 * write to, as with AWS, and it records every CreateAccountAssignment request
 * (ListAccountAssignmentCreationStatus / Describe…), so the test counts them per (principal,
 * permission set, account). moto runs in its AWS-like mode (operations stay IN_PROGRESS for two
 * seconds) so A can be killed while its operations are in flight.
 *
 * <p>Each replica runs with short settings from the environment: lease TTL 6s, the resume sweep
 * ({@code idc.apply.resume-every}) every second, event-stream polls every 200ms, and scheduled
 * scans every 5 seconds on both (Quartz fires them at the same second, so they contend for the
 * lease throughout). Waits are on conditions, never on time.
 */
@TestMethodOrder(OrderAnnotation.class)
class TwoReplicasIT {
  static final String ISSUER = "https://idp.example.test/";
  static final String AUDIENCE = "idc-control-plane";
  static final int ACCOUNTS = 12;
  static final MotoServer MOTO = MotoServer.awsLike(Duration.ofSeconds(2), 15, 0);
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static KeyPair keys;
  static String token;
  static AwsClients aws;
  static SeededWorld world;
  static String instanceArn;
  static Path matrix;
  static Replica a;
  static Replica b;
  static UUID followedRun;
  static UUID killedRun;

  /** One started JVM. */
  record Replica(String name, int port, Process process, Path log) {
    String output() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @BeforeAll
  static void startMotoSeedAndTwoReplicas() throws Exception {
    assertThat(PackagedJarIT.JAR).as("the packaged jar (./mvnw verify packages it first)").exists();
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    keys = gen.generateKeyPair();
    long now = System.currentTimeMillis() / 1000;
    token =
        Jwt.issuer(ISSUER)
            .audience(AUDIENCE)
            .subject("op-two-replicas")
            .groups(Set.of("admin"))
            .issuedAt(now)
            .expiresAt(now + 3600)
            .sign(keys.getPrivate());

    MOTO.start();
    aws =
        AwsClients.create(
            new AwsClients.Settings(
                Region.US_EAST_1,
                Optional.of(MOTO.endpoint()),
                RetryMode.STANDARD,
                20,
                Duration.ofMinutes(2),
                Optional.of(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("testing", "testing")))));
    world = new MotoFixture(aws, TwoReplicasIT::awaitNoOperationInProgress).seed(org());
    instanceArn = world.instance().instanceArn();

    matrix = Files.createTempDirectory("two-replicas-matrix");
    writeMatrix(List.of("team-1 Dev"));
    a = start("a");
    b = start("b");
    awaitUp(a);
    awaitUp(b);
  }

  @AfterAll
  static void stopAll() throws Exception {
    for (Replica r : new Replica[] {a, b}) {
      if (r != null) {
        r.stop();
      }
    }
    MOTO.stop();
  }

  /** (b) A run started on A is followed on B through SSE, every event from 1 to the end. */
  @Test
  @Order(1)
  void aRunStartedOnAIsFollowedLiveFromB() throws Exception {
    UUID plan = plan(a);
    followedRun = applyRetryingWhileBusy(a, plan);
    List<SseClient.Event> events;
    try (SseClient stream =
        SseClient.open(b.port(), "/api/v1/runs/" + followedRun + "/events", token, Map.of())) {
      assertThat(stream.status()).isEqualTo(200);
      events = stream.rest();
    }
    assertThat(events).isNotEmpty();
    assertThat(events.stream().map(SseClient.Event::position).toList())
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, events.size()).mapToObj(i -> (long) i).toList());
    SseClient.Event last = events.get(events.size() - 1);
    assertThat(last.name()).isEqualTo("run");
    assertThat(last.json().getString("runStatus")).isEqualTo("SUCCEEDED");
    assertThat(events.stream().filter(e -> e.name().equals("operation")).count())
        .isGreaterThanOrEqualTo(ACCOUNTS);
    assertThat(queryLong("select count(*) from run_event where run_id = ?", followedRun))
        .as("B saw the whole journal")
        .isEqualTo(events.size());
  }

  /**
   * (c) Ten plans on each replica at once: every one is stored, drift history has one open finding
   * per key, and the audit chain verifies on both.
   */
  @Test
  @Order(2)
  void concurrentPlansKeepDriftHistoryAndTheAuditChainConsistent() throws Exception {
    // Drift the plans report and never fix: an assignment of a set the matrix does not declare.
    aws.ssoAdmin()
        .createAccountAssignment(
            r ->
                r.instanceArn(instanceArn)
                    .targetType("AWS_ACCOUNT")
                    .targetId(world.account("acct-01"))
                    .permissionSetArn(world.permissionSet("Legacy"))
                    .principalType("GROUP")
                    .principalId(world.principal(PrincipalType.GROUP, "team-3")));
    awaitNoOperationInProgress();
    long auditBefore = queryLong("select count(*) from audit_entry");

    List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(() -> send(a, "POST", "/api/v1/plans"));
      calls.add(() -> send(b, "POST", "/api/v1/plans"));
    }
    List<HttpResponse<String>> answers = allAtOnce(calls);
    for (HttpResponse<String> answer : answers) {
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }
    assertThat(
            queryLong(
                "select count(*) from (select finding_key from drift_finding where resolved_at is"
                    + " null group by instance_arn, finding_key having count(*) > 1) d"))
        .as("keys with more than one open finding")
        .isZero();
    assertThat(
            queryLong(
                "select count(*) from drift_finding where resolved_at is null and principal_id = ?",
                world.principal(PrincipalType.GROUP, "team-3")))
        .as("the unmanaged assignment is one open finding")
        .isEqualTo(1);
    assertThat(queryLong("select count(*) from audit_entry") - auditBefore)
        .as("one audit entry per plan at least")
        .isGreaterThanOrEqualTo(20);
    for (Replica r : List.of(a, b)) {
      HttpResponse<String> verify = send(r, "GET", "/api/v1/audit/verify");
      assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
      assertThat(new JsonPath(verify.body()).getBoolean("valid")).as(verify.body()).isTrue();
    }
  }

  /**
   * (a) The same plan applied on both replicas at the same moment: one run starts, the other
   * answers 409 ({@code apply_busy}, or {@code plan_stale} when the first run had already changed
   * what it re-read).
   */
  @Test
  @Order(3)
  void applyingOnBothAtOnceStartsOneRun() throws Exception {
    writeMatrix(List.of("team-1 Dev", "team-2 Ops"));
    UUID started = null;
    for (int attempt = 0; attempt < 20 && started == null; attempt++) {
      UUID planA = plan(a);
      UUID planB = plan(b);
      List<HttpResponse<String>> answers =
          allAtOnce(
              List.of(
                  () -> send(a, "POST", "/api/v1/plans/" + planA + "/apply?allowDeletes=true"),
                  () -> send(b, "POST", "/api/v1/plans/" + planB + "/apply?allowDeletes=true")));
      List<HttpResponse<String>> accepted =
          answers.stream().filter(r -> r.statusCode() == 202).toList();
      assertThat(accepted).as("at most one run starts: %s", bodies(answers)).hasSizeLessThan(2);
      for (HttpResponse<String> r : answers) {
        if (r.statusCode() != 202) {
          assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
          assertThat(new JsonPath(r.body()).getString("code")).isIn("apply_busy", "plan_stale");
        }
      }
      if (accepted.size() == 1) {
        started = runIdOf(accepted.get(0));
      }
      // Neither started: a scheduled scan held the lease; try again with fresh plans.
    }
    assertThat(started).as("one of the applies started a run").isNotNull();
    assertThat(awaitEnded(started)).isEqualTo("SUCCEEDED");
  }

  /**
   * (d) A is killed while its run's operations are in flight; once A's lease expires B resumes the
   * run (its resume sweep), which ends SUCCEEDED; moto received exactly one CreateAccountAssignment
   * per assignment, and holds what the matrix wants.
   */
  @Test
  @Order(4)
  void killingAMidRunLetsBResumeItWithNothingAppliedTwice() throws Exception {
    writeMatrix(List.of("team-1 Dev", "team-2 Ops", "team-3 Dev", "team-3 Ops"));
    UUID plan = plan(a);
    killedRun = applyRetryingWhileBusy(a, plan);
    Eventually.await(
        "run " + killedRun + " has operations in flight on A",
        Duration.ofMinutes(2),
        () ->
            queryLong(
                        "select count(*) from run_operation where run_id = ? and outcome in"
                            + " ('IN_FLIGHT', 'SUCCEEDED')",
                        killedRun)
                    > 0
                ? Optional.of(true)
                : Optional.empty());
    a.process().destroyForcibly();
    assertThat(a.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    String status = awaitEnded(killedRun);
    assertThat(status).as(b.output()).isEqualTo("SUCCEEDED");
    assertThat(queryLong("select count(*) from run_operation where run_id = ?", killedRun))
        .isEqualTo(2L * ACCOUNTS);
    assertThat(
            queryLong(
                "select count(*) from run_operation where run_id = ? and outcome <> 'SUCCEEDED'",
                killedRun))
        .isZero();
    assertThat(b.output()).contains("resuming run " + killedRun);

    // Every accepted CreateAccountAssignment, counted per key: exactly one each.
    Map<String, Long> creates = createRequestsPerKey();
    assertThat(creates.entrySet().stream().filter(e -> e.getValue() != 1).toList())
        .as("keys created more than once")
        .isEmpty();
    Set<String> wanted = new HashSet<>();
    for (String rule : List.of("team-1 Dev", "team-2 Ops", "team-3 Dev", "team-3 Ops")) {
      String[] r = rule.split(" ");
      for (int i = 1; i <= ACCOUNTS; i++) {
        wanted.add(key(r[0], r[1], account(i)));
      }
    }
    wanted.add(key("team-3", "Legacy", "acct-01"));
    assertThat(creates.keySet()).containsExactlyInAnyOrderElementsOf(wanted);
    assertThat(liveAssignments()).containsExactlyInAnyOrderElementsOf(wanted);

    // B followed to the end: the journal replays 1..n, the resumed part included.
    try (SseClient stream =
        SseClient.open(b.port(), "/api/v1/runs/" + killedRun + "/events", token, Map.of())) {
      List<SseClient.Event> events = stream.rest();
      assertThat(events.stream().map(SseClient.Event::position).toList())
          .containsExactlyElementsOf(
              IntStream.rangeClosed(1, events.size()).mapToObj(i -> (long) i).toList());
      assertThat(events.get(events.size() - 1).json().getString("runStatus"))
          .isEqualTo("SUCCEEDED");
    }
    // Nothing is left to do.
    HttpResponse<String> replan = send(b, "POST", "/api/v1/plans");
    assertThat(new JsonPath(replan.body()).getList("changes")).as(replan.body()).isEmpty();
  }

  /** (a) From the database: no two runs of the instance were ever RUNNING at overlapping times. */
  @Test
  @Order(5)
  void noTwoRunsOfTheInstanceEverOverlapped() throws Exception {
    List<Timestamp[]> intervals = new ArrayList<>();
    try (Connection c = database();
        PreparedStatement s =
            c.prepareStatement(
                "select started_at, finished_at from run where instance_arn = ? order by"
                    + " started_at")) {
      s.setString(1, instanceArn);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          intervals.add(new Timestamp[] {rs.getTimestamp(1), rs.getTimestamp(2)});
        }
      }
    }
    assertThat(intervals).hasSizeGreaterThanOrEqualTo(3);
    for (int i = 1; i < intervals.size(); i++) {
      assertThat(intervals.get(i - 1)[1]).as("run %d ended", i - 1).isNotNull();
      assertThat(intervals.get(i)[0])
          .as("run %d started after run %d ended", i, i - 1)
          .isAfterOrEqualTo(intervals.get(i - 1)[1]);
    }
    HttpResponse<String> verify = send(b, "GET", "/api/v1/audit/verify");
    assertThat(new JsonPath(verify.body()).getBoolean("valid")).as(verify.body()).isTrue();
    HttpResponse<String> metrics =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.port() + "/q/metrics"))
                .header("Accept", "text/plain")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.body())
        .as("B's scheduled scans ran: %s", metrics.statusCode())
        .containsPattern(
            "idc_scans_total\\{[^}]*outcome=\"(succeeded|skipped-busy)\"[^}]*\\} [1-9]");
  }

  // --- the world ---------------------------------------------------------------------------

  static MotoFixture.Org org() {
    List<MotoFixture.Account> accounts = new ArrayList<>();
    for (int i = 1; i <= ACCOUNTS; i++) {
      accounts.add(
          new MotoFixture.Account("Workloads", account(i), account(i) + "@example.com", false));
    }
    PermissionSetDefinition plain =
        new PermissionSetDefinition(
            null, "PT1H", Set.of(), Set.of(), Optional.empty(), null, Map.of(), null);
    return new MotoFixture.Org(
        null,
        null,
        List.of("Workloads"),
        accounts,
        List.of("team-1", "team-2", "team-3"),
        List.of(),
        List.of(
            new PermissionSetSpec("Dev", plain, Set.of()),
            new PermissionSetSpec("Ops", plain, Set.of()),
            new PermissionSetSpec("Legacy", plain, Set.of())),
        List.<AssignmentSpec>of());
  }

  static String account(int i) {
    return "acct-%02d".formatted(i);
  }

  /** The matrix both replicas read: Dev and Ops are external (ours to assign, not to define). */
  static void writeMatrix(List<String> rules) throws IOException {
    StringBuilder yaml =
        new StringBuilder(
            "permission_sets:\n  Dev: {external: true}\n  Ops: {external: true}\nassignments:\n");
    for (String rule : rules) {
      String[] r = rule.split(" ");
      yaml.append("  - group: ")
          .append(r[0])
          .append("\n    permission_set: ")
          .append(r[1])
          .append("\n    ous: [Workloads]\n");
    }
    Files.writeString(matrix.resolve("assignments.yaml"), yaml.toString());
  }

  static String key(String group, String set, String account) {
    return group + "|" + set + "|" + account;
  }

  static Map<String, String> names(Map<String, String> byName) {
    return byName.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
  }

  /** Every CreateAccountAssignment moto accepted, by (group, set, account) names. */
  static Map<String, Long> createRequestsPerKey() {
    var sso = aws.ssoAdmin();
    Map<String, String> groups = names(world.groupIds());
    Map<String, String> sets = names(world.permissionSetArns());
    Map<String, String> accounts = names(world.accountIds());
    List<String> keys = new ArrayList<>();
    sso.listAccountAssignmentCreationStatusPaginator(r -> r.instanceArn(instanceArn))
        .accountAssignmentsCreationStatus()
        .forEach(
            m -> {
              var s =
                  sso.describeAccountAssignmentCreationStatus(
                          r ->
                              r.instanceArn(instanceArn)
                                  .accountAssignmentCreationRequestId(m.requestId()))
                      .accountAssignmentCreationStatus();
              keys.add(
                  key(
                      groups.get(s.principalId()),
                      sets.get(s.permissionSetArn()),
                      accounts.get(s.targetId())));
            });
    return keys.stream().collect(Collectors.groupingBy(k -> k, Collectors.counting()));
  }

  /** What moto holds now, by (group, set, account) names. */
  static Set<String> liveAssignments() {
    var sso = aws.ssoAdmin();
    Map<String, String> groups = names(world.groupIds());
    Set<String> out = new HashSet<>();
    for (var set : world.permissionSetArns().entrySet()) {
      for (var acct : world.accountIds().entrySet()) {
        sso.listAccountAssignmentsPaginator(
                r ->
                    r.instanceArn(instanceArn)
                        .accountId(acct.getValue())
                        .permissionSetArn(set.getValue()))
            .accountAssignments()
            .forEach(x -> out.add(key(groups.get(x.principalId()), set.getKey(), acct.getKey())));
      }
    }
    return out;
  }

  static void awaitNoOperationInProgress() {
    var sso = aws.ssoAdmin();
    String arn = sso.listInstances(r -> {}).instances().get(0).instanceArn();
    Eventually.await(
        "moto's operations finish",
        Duration.ofSeconds(60),
        () ->
            sso.listAccountAssignmentCreationStatus(
                        r -> r.instanceArn(arn).filter(f -> f.status("IN_PROGRESS")))
                    .accountAssignmentsCreationStatus()
                    .isEmpty()
                ? Optional.of(true)
                : Optional.empty());
  }

  // --- the replicas --------------------------------------------------------------------------

  static Replica start(String name) throws IOException {
    int port = PackagedJarIT.freePort();
    Map<String, String> env = new HashMap<>();
    env.put("IDC_BACKEND", "aws");
    env.put("IDC_AWS_REGION", "us-east-1");
    env.put("IDC_AWS_ENDPOINT_OVERRIDE", MOTO.endpoint().toString());
    env.put("IDC_INSTANCE_ARN", instanceArn);
    env.put("AWS_ACCESS_KEY_ID", "testing");
    env.put("AWS_SECRET_ACCESS_KEY", "testing");
    env.put("AWS_REGION", "us-east-1");
    env.put("IDC_DB_URL", TestDatabase.url());
    env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
    env.put(
        "QUARKUS_OIDC_PUBLIC_KEY",
        Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
    env.put("IDC_AUTH_ISSUER", ISSUER);
    env.put("IDC_AUTH_AUDIENCE", AUDIENCE);
    env.put("IDC_MATRIX_PATH", matrix.toString());
    env.put("IDC_MATRIX_COMMIT", "two-replicas");
    env.put("IDC_APPLY_LEASE_TTL", "6s");
    env.put("IDC_APPLY_RESUME_EVERY", "1s");
    env.put("IDC_APPLY_POLL_FIRST", "500ms");
    env.put("IDC_APPLY_POLL_MAX", "1s");
    env.put("IDC_RUNS_EVENTS_POLL_INTERVAL", "200ms");
    env.put("IDC_SCAN_ENABLED", "true");
    env.put("IDC_SCAN_CRON", "*/5 * * * * ?");
    env.put("IDC_DRIFT_PURGE_CRON", "off");
    Path log = Files.createTempFile("two-replicas-" + name, ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx384m",
            "-jar",
            PackagedJarIT.JAR.toString());
    pb.environment()
        .keySet()
        .removeIf(k -> k.startsWith("IDC_") || k.startsWith("QUARKUS_") || k.startsWith("AWS_"));
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return new Replica(name, port, pb.start(), log);
  }

  static void awaitUp(Replica r) {
    Eventually.await(
        "replica " + r.name() + " serves /q/health UP",
        Duration.ofMinutes(3),
        () -> {
          if (!r.process().isAlive()) {
            throw new AssertionError("replica " + r.name() + " exited:\n" + r.output());
          }
          try {
            HttpResponse<String> health = send(r, "GET", "/q/health");
            return health.statusCode() == 200 ? Optional.of(true) : Optional.empty();
          } catch (ConnectException notYet) {
            return Optional.empty();
          } catch (Exception e) {
            return Optional.empty();
          }
        });
  }

  static HttpResponse<String> send(Replica r, String method, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port() + path))
            .timeout(Duration.ofMinutes(2))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static UUID plan(Replica r) throws Exception {
    HttpResponse<String> answer = send(r, "POST", "/api/v1/plans");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    return UUID.fromString(new JsonPath(answer.body()).getString("id"));
  }

  /** Applies, trying again (a fresh plan) while a scheduled scan holds the lease. */
  static UUID applyRetryingWhileBusy(Replica r, UUID firstPlan) throws Exception {
    UUID plan = firstPlan;
    for (int attempt = 0; attempt < 50; attempt++) {
      HttpResponse<String> answer =
          send(r, "POST", "/api/v1/plans/" + plan + "/apply?allowDeletes=true");
      if (answer.statusCode() == 202) {
        return runIdOf(answer);
      }
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
      assertThat(new JsonPath(answer.body()).getString("code"))
          .as(answer.body())
          .isEqualTo("apply_busy");
      awaitLeaseFree();
      plan = plan(r);
    }
    throw new AssertionError("the instance stayed busy");
  }

  static void awaitLeaseFree() {
    Eventually.await(
        "the apply lease is free",
        Duration.ofMinutes(1),
        () ->
            queryLong("select count(*) from apply_lease where expires_at > now()") == 0
                ? Optional.of(true)
                : Optional.empty());
  }

  static UUID runIdOf(HttpResponse<String> accepted) {
    return UUID.fromString(new JsonPath(accepted.body()).getString("id"));
  }

  static String awaitEnded(UUID run) {
    return Eventually.await(
        "run " + run + " ends",
        Duration.ofMinutes(4),
        () -> {
          String status = queryString("select status from run where id = ?", run);
          return status.equals("RUNNING") || status.equals("INTERRUPTED")
              ? Optional.empty()
              : Optional.of(status);
        });
  }

  static List<HttpResponse<String>> allAtOnce(List<Callable<HttpResponse<String>>> calls)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> futures = new ArrayList<>();
      for (Callable<HttpResponse<String>> call : calls) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return call.call();
                }));
      }
      go.countDown();
      List<HttpResponse<String>> out = new ArrayList<>();
      for (Future<HttpResponse<String>> f : futures) {
        out.add(f.get(5, TimeUnit.MINUTES));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  static List<String> bodies(List<HttpResponse<String>> answers) {
    return answers.stream().map(r -> r.statusCode() + " " + r.body()).toList();
  }

  // --- the database --------------------------------------------------------------------------

  static Connection database() throws SQLException {
    return DriverManager.getConnection(TestDatabase.url(), "postgres", "");
  }

  static long queryLong(String sql, Object... args) {
    return Long.parseLong(queryString(sql, args));
  }

  static String queryString(String sql, Object... args) {
    try (Connection c = database();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
