package dev.idcplane.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.idcplane.apply.Applier;
import dev.idcplane.apply.Operation;
import dev.idcplane.apply.RunStatus;
import dev.idcplane.persistence.RunEntity;
import dev.idcplane.persistence.RunLog;
import dev.idcplane.persistence.RunRepository;
import dev.idcplane.planning.MatrixInput;
import dev.idcplane.planning.PlanningService;
import dev.idcplane.run.ApplyService;
import dev.idcplane.run.RunEvents;
import dev.idcplane.support.Eventually;
import dev.idcplane.support.SseClient;
import dev.idcplane.support.SseClient.Event;
import dev.idcplane.support.TestClock;
import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/runs/{id}/events} through a real HTTP event-stream client with real tokens:
 * every event carries its position in the run's journal as {@code id}; a subscriber without {@code
 * Last-Event-ID} gets the run from its first event, one with it (or {@code ?after=}) exactly the
 * events after it; the stream follows journal entries another replica writes (no wake-up in this
 * process, only the poll), and no event is lost or sent twice while the run changes as clients
 * connect.
 */
@QuarkusTest
@TestProfile(RunEventsApiTest.Profile.class)
@QuarkusTestResource(TestKeys.class)
class RunEventsApiTest {

  /** Its own application start and sandbox world; a short poll; apply at AWS's 20 calls/s. */
  public static class Profile extends dev.idcplane.support.SmallWaits {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> c = new HashMap<>(super.getConfigOverrides());
      c.put("idc.runs.events-poll-interval", "50ms");
      c.put("idc.aws.rate.sso-admin", "20");
      return c;
    }
  }

  /** Where the runs "another replica" executes live: no run of this process resumes them. */
  static final String OTHER_INSTANCE = "arn:aws:sso:::instance/ssoins-other-replica";

  @Inject RunLog log;
  @Inject RunRepository runs;
  @Inject PlanningService planning;
  @Inject ApplyService applyService;
  @Inject RunEvents events;

  @ConfigProperty(name = "quarkus.http.test-port")
  int port;

  static String viewer() {
    return TestTokens.token("v", "viewer");
  }

  SseClient open(String runId, String query, Map<String, String> headers) throws Exception {
    return SseClient.open(port, "/api/v1/runs/" + runId + "/events" + query, viewer(), headers);
  }

  @Test
  void aLateSubscriberGetsEveryEventFromTheRunsFirst() throws Exception {
    String runId = startRun("EventsLateSet", "aws-team-a-engineers");
    try {
      Eventually.await(
          "the run has recorded a transition",
          Duration.ofMinutes(1),
          () -> tail(runId).filter(t -> t.position() > 0));
      List<Event> events;
      try (SseClient client = open(runId, "", Map.of())) {
        assertThat(client.status()).isEqualTo(200);
        assertThat(client.contentType()).hasValueSatisfying(t -> t.contains("text/event-stream"));
        events = client.rest();
      }
      assertWholeRun(runId, events);
      JsonPath run = runView(runId);
      assertThat(
              events.stream()
                  .filter(e -> e.name().equals("operation"))
                  .filter(e -> e.json().getString("outcome").equals("SUCCEEDED"))
                  .map(e -> e.json().getInt("seq"))
                  .collect(Collectors.toSet()))
          .as("every operation's success, including those before the subscription")
          .hasSize(run.getInt("operationCount"));
    } finally {
      awaitEnd(runId);
    }
  }

  @Test
  void reconnectingWithLastEventIdGetsExactlyTheRest() throws Exception {
    String runId = startRun("EventsResumeSet", "aws-secops");
    List<Event> first = new ArrayList<>();
    try {
      try (SseClient client = open(runId, "", Map.of())) {
        first.add(client.next());
        first.add(client.next());
      } // the connection drops here, as a browser's would
      String lastId = first.get(1).id();

      List<Event> rest;
      try (SseClient again = open(runId, "", Map.of("Last-Event-ID", lastId))) {
        rest = again.rest();
      }
      List<Event> whole = new ArrayList<>(first);
      whole.addAll(rest);
      assertWholeRun(runId, whole);
      assertThat(rest.get(0).position()).isEqualTo(Long.parseLong(lastId) + 1);

      // ?after= gives the same; a reconnecting EventSource keeps the URL's after, the header wins.
      try (SseClient byQuery = open(runId, "?after=" + lastId, Map.of())) {
        assertThat(byQuery.rest()).isEqualTo(rest);
      }
      try (SseClient both = open(runId, "?after=0", Map.of("Last-Event-ID", lastId))) {
        assertThat(both.rest()).isEqualTo(rest);
      }
    } finally {
      awaitEnd(runId);
    }
  }

  @Test
  void anEndedRunReplaysItsEventsThenItsEndAndCompletes() throws Exception {
    String planId =
        ApplyApiTest.plan(ApplyApiTest.newSetMatrix("EventsEndedSet", "aws-secops", "Sandbox"))
            .getString("id");
    String runId =
        ApplyApiTest.apply(planId, "?wait=true")
            .then()
            .statusCode(200)
            .body("status", equalTo("SUCCEEDED"))
            .extract()
            .path("id");

    List<Event> events;
    try (SseClient client = open(runId, "", Map.of())) {
      events = client.rest();
    }
    assertWholeRun(runId, events);
    assertThat(events.subList(0, events.size() - 1)).allMatch(e -> e.name().equals("operation"));
    Event end = events.get(events.size() - 1);

    // One event before the end: only the end. At the end: nothing, and the stream completes.
    String beforeEnd = Long.toString(end.position() - 1);
    try (SseClient client = open(runId, "", Map.of("Last-Event-ID", beforeEnd))) {
      assertThat(client.rest()).containsExactly(end);
    }
    try (SseClient client = open(runId, "", Map.of("Last-Event-ID", end.id()))) {
      assertThat(client.status()).isEqualTo(200);
      assertThat(client.rest()).isEmpty();
    }
  }

  /**
   * A run another replica executes: its journal entries are written straight through the
   * repository, as that replica's would be, so nothing in this process wakes the streams; they read
   * the journal on their poll. Clients connect before, during and after a burst of concurrent
   * writes, and each gets every entry exactly once, in order.
   */
  @Test
  void streamsWhatAnotherReplicaWritesWithoutLossOrDuplicates() throws Exception {
    RunEntity run = otherReplicaRun("EventsOtherSet", "aws-team-a-leads");
    List<Operation> ops = runs.operations(run.id);
    assertThat(ops).hasSizeGreaterThanOrEqualTo(3);
    String runId = run.id.toString();

    SseClient beforeAny = open(runId, "", Map.of());
    // The first operation goes all the way before the next client connects: a replay, then live.
    Operation op0 = ops.get(0);
    runs.record(run.id, op0 = op0.attempt(TestClock.now()), TestClock.now());
    runs.record(run.id, op0 = op0.submitted("req-0", TestClock.now()), TestClock.now());
    runs.record(run.id, op0.succeeded(TestClock.now()), TestClock.now());
    SseClient midRun = open(runId, "", Map.of());
    assertThat(midRun.next().position()).isEqualTo(1);

    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              for (int round = 0; round < 20; round++) {
                for (Operation op : ops.subList(1, ops.size())) {
                  Operation at = op.attempt(TestClock.now());
                  for (int i = 0; i < round; i++) {
                    at = at.retrying("throttled, round " + round);
                  }
                  runs.record(run.id, at, TestClock.now());
                }
              }
              for (Operation op : ops.subList(1, ops.size())) {
                Instant now = TestClock.now();
                runs.record(run.id, op.attempt(now).submitted("req-" + op.seq(), now), now);
                runs.record(run.id, op.attempt(now).succeeded(now), now);
              }
              runs.finish(run.id, RunStatus.SUCCEEDED, null, null, TestClock.now());
            });
    List<SseClient> duringWrites = new ArrayList<>();
    List<String> afters = List.of("", "?after=1", "?after=2", "", "?after=3");
    for (String after : afters) {
      duringWrites.add(open(runId, after, Map.of()));
    }
    writer.get(2, TimeUnit.MINUTES);
    SseClient afterAll = open(runId, "", Map.of());

    long last = tail(runId).orElseThrow().position();
    int transitions = 3 + (ops.size() - 1) * (20 + 2);
    assertThat(last).as("one journal entry per transition, and the end").isEqualTo(transitions + 1);
    List<Event> whole = beforeAny.rest();
    assertWholeRun(runId, whole);
    List<Event> mid = new ArrayList<>(List.of(whole.get(0)));
    mid.addAll(midRun.rest());
    assertThat(mid).isEqualTo(whole);
    for (int i = 0; i < afters.size(); i++) {
      String after = afters.get(i);
      int skipped = after.isEmpty() ? 0 : Integer.parseInt(after.substring("?after=".length()));
      assertThat(duringWrites.get(i).rest())
          .as("connected during the writes with '%s'", after)
          .isEqualTo(whole.subList(skipped, whole.size()));
    }
    assertThat(afterAll.rest()).isEqualTo(whole);
    assertThat(whole.get(whole.size() - 1).json().getString("runStatus")).isEqualTo("SUCCEEDED");
  }

  /** A client that disconnects stops its stream: nothing keeps reading the journal for it. */
  @Test
  void aClientThatDisconnectsStopsItsStream() throws Exception {
    RunEntity run = otherReplicaRun("EventsGoneSet", "aws-secops");
    List<Operation> ops = runs.operations(run.id);
    String runId = run.id.toString();
    try (SseClient client = open(runId, "", Map.of())) {
      Instant now = TestClock.now();
      runs.record(run.id, ops.get(0).attempt(now), now);
      assertThat(client.next().position()).isEqualTo(1);
      assertThat(events.followers(run.id)).isEqualTo(1);
    }
    Eventually.await(
        "the server dropped the closed stream",
        Duration.ofMinutes(1),
        () -> Optional.of(events.followers(run.id)).filter(n -> n == 0));
    runs.finish(run.id, RunStatus.FAILED, null, "the test ends it", TestClock.now());
  }

  /**
   * A run that lost its lease ends INTERRUPTED, and a later run resumes it: a live stream ends at
   * the INTERRUPTED end, a reconnect with its id gets the resumed run to its final end, and a
   * replay from the first event holds both ends and completes at the final one.
   */
  @Test
  void anInterruptedRunThatIsResumedGoesOnAfterItsFirstEnd() throws Exception {
    RunEntity run = otherReplicaRun("EventsResumedSet", "aws-secops");
    List<Operation> ops = runs.operations(run.id);
    String runId = run.id.toString();
    List<Event> live;
    try (SseClient client = open(runId, "", Map.of())) {
      Instant now = TestClock.now();
      runs.record(run.id, ops.get(0).attempt(now), now);
      runs.finish(run.id, RunStatus.INTERRUPTED, null, "lease lost", now);
      live = client.rest();
    }
    assertThat(live).hasSize(2);
    Event interrupted = live.get(1);
    assertThat(interrupted.name()).isEqualTo("run");
    assertThat(interrupted.json().getString("runStatus")).isEqualTo("INTERRUPTED");
    assertThat(interrupted.json().getString("error")).isEqualTo("lease lost");

    runs.reopen(run.id);
    try (SseClient client = open(runId, "", Map.of("Last-Event-ID", interrupted.id()))) {
      Instant now = TestClock.now();
      runs.record(run.id, ops.get(0).attempt(now).succeeded(now), now);
      runs.finish(run.id, RunStatus.SUCCEEDED, null, null, now);
      List<Event> resumed = client.rest();
      assertThat(resumed.stream().map(Event::position)).containsExactly(3L, 4L);
      assertThat(resumed.get(1).json().getString("runStatus")).isEqualTo("SUCCEEDED");
      try (SseClient replay = open(runId, "", Map.of())) {
        List<Event> whole = new ArrayList<>(live);
        whole.addAll(resumed);
        assertThat(replay.rest()).isEqualTo(whole);
      }
    }
  }

  @Test
  void aBadPositionIsA400NamingTheParameter() throws Exception {
    String runId = endedRunId();
    for (String bad : List.of("abc", "-1", "1.5", "0x10", "99999999999999999999")) {
      try (SseClient client = open(runId, "", Map.of("Last-Event-ID", bad))) {
        assertInvalid(client, "Last-Event-ID");
      }
    }
    for (String bad : List.of("abc", "-1", "1e3")) {
      try (SseClient client = open(runId, "?after=" + bad, Map.of())) {
        assertInvalid(client, "after");
      }
    }
    long last = tail(runId).orElseThrow().position();
    try (SseClient client = open(runId, "?after=" + (last + 1), Map.of())) {
      assertInvalid(client, "after");
      assertThat(client.error().getString("message")).contains("beyond");
    }
    try (SseClient client = open(runId, "", Map.of("Last-Event-ID", Long.toString(last + 1)))) {
      assertInvalid(client, "Last-Event-ID");
    }
  }

  @Test
  void tokensAreCheckedAsOnTheOtherRunRoutes() throws Exception {
    String runId = endedRunId();
    String path = "/api/v1/runs/" + runId + "/events";
    try (SseClient client = SseClient.open(port, path, null, Map.of())) {
      assertThat(client.status()).isEqualTo(401);
      assertThat(client.error().getString("code")).isEqualTo("unauthorized");
    }
    try (SseClient client =
        SseClient.open(port, path, TestTokens.foreignToken("viewer"), Map.of())) {
      assertThat(client.status()).isEqualTo(401);
    }
    try (SseClient client =
        SseClient.open(port, path, TestTokens.expiredToken("viewer"), Map.of())) {
      assertThat(client.status()).isEqualTo(401);
    }
    try (SseClient client = SseClient.open(port, path, TestTokens.token("nobody"), Map.of())) {
      assertThat(client.status()).isEqualTo(403);
      assertThat(client.error().getString("code")).isEqualTo("forbidden");
    }
    for (String role : List.of("viewer", "ci", "auditor", "deployer", "admin")) {
      try (SseClient client =
          SseClient.open(port, path, TestTokens.token("user-" + role, role), Map.of())) {
        assertThat(client.status()).as(role).isEqualTo(200);
        assertThat(client.rest()).as(role).isNotEmpty();
      }
    }
    try (SseClient client =
        SseClient.open(port, "/api/v1/runs/" + UUID.randomUUID() + "/events", viewer(), Map.of())) {
      assertThat(client.status()).isEqualTo(404);
    }
  }

  /**
   * Ids 1..n without a gap or a repeat, n the journal's last position; each {@code event} names the
   * data's {@code type}; one {@code run} event, the last.
   */
  void assertWholeRun(String runId, List<Event> events) {
    long last = tail(runId).orElseThrow().position();
    assertThat(events.stream().map(Event::position).toList())
        .isEqualTo(LongStream.rangeClosed(1, last).boxed().toList());
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.name()).isEqualTo(e.json().getString("type"));
              assertThat(e.json().getString("runId")).isEqualTo(runId);
            });
    assertThat(events.stream().filter(e -> e.name().equals("run")).toList())
        .containsExactly(events.get(events.size() - 1));
  }

  static void assertInvalid(SseClient client, String parameter) {
    assertThat(client.status()).isEqualTo(400);
    JsonPath body = client.error();
    assertThat(body.getString("code")).isEqualTo("invalid_parameter");
    assertThat(body.getString("message")).startsWith(parameter + " ");
    assertThat(body.getString("details[0].parameter")).isEqualTo(parameter);
  }

  /** Starts a run without waiting for it (a deployer's reconcile); answers its id. */
  static String startRun(String set, String group) {
    return given()
        .auth()
        .oauth2(ApplyApiTest.deployer())
        .contentType("application/json")
        .body(ApplyApiTest.newSetMatrix(set, group, "_root_"))
        .when()
        .post("/api/v1/reconcile?mode=apply")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  /**
   * A RUNNING run of another replica, as the database holds it: planned here (runs reference a
   * plan), recorded straight through the repository, on an instance no run of this process resumes.
   */
  RunEntity otherReplicaRun(String set, String group) {
    var plan =
        planning.plan(
            new MatrixInput(
                Optional.of(
                    Map.of("other.yaml", yamlOf(ApplyApiTest.newSetMatrix(set, group, "_root_")))),
                Optional.empty()),
            "other-replica");
    List<Operation> ops = Applier.operationsOf(plan.plan());
    RunEntity run = new RunEntity();
    run.id = UUID.randomUUID();
    run.planId = plan.view().id();
    run.instanceArn = OTHER_INSTANCE;
    run.status = RunStatus.RUNNING.name();
    run.startedBy = "replica-b";
    run.startedAt = TestClock.now();
    run.matrixDigest = plan.plan().source().matrixDigest();
    run.operationCount = ops.size();
    runs.create(run, ops);
    return run;
  }

  /** The one matrix file of {@link ApplyApiTest#newSetMatrix}. */
  @SuppressWarnings("unchecked")
  static String yamlOf(Map<String, Object> body) {
    return ((Map<String, String>) body.get("files")).get("matrix.yaml");
  }

  private static String endedRunId;

  static String endedRunId() {
    if (endedRunId == null) {
      String planId =
          ApplyApiTest.plan(ApplyApiTest.newSetMatrix("EventsErrorSet", "aws-secops", "Security"))
              .getString("id");
      endedRunId =
          ApplyApiTest.apply(planId, "?wait=true").then().statusCode(200).extract().path("id");
    }
    return endedRunId;
  }

  Optional<RunLog.Tail> tail(String runId) {
    return log.tail(UUID.fromString(runId));
  }

  static JsonPath runView(String runId) {
    return given()
        .auth()
        .oauth2(viewer())
        .when()
        .get("/api/v1/runs/" + runId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Waits until a run this process started has ended, so the next test finds the lock free. */
  void awaitEnd(String runId) throws Exception {
    var done = applyService.running(UUID.fromString(runId));
    if (done.isPresent()) {
      done.get().get(2, TimeUnit.MINUTES);
    }
  }
}
