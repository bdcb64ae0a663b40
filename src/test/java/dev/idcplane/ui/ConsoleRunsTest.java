package dev.idcplane.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.idcplane.persistence.RunEntity;
import dev.idcplane.persistence.RunRepository;
import dev.idcplane.planning.MatrixInput;
import dev.idcplane.planning.PlanningService;
import dev.idcplane.security.Caller;
import dev.idcplane.support.ConsoleLogin;
import dev.idcplane.support.TestIdentityProvider;
import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runs page's history: filters in the query string (status, starter, plan, start window), one
 * page of 50 at a time with a link to the next, and a plain sentence (400) for a value it cannot
 * read. Runs are recorded by a starter of their own, so other classes' runs do not count.
 */
@QuarkusTest
@QuarkusTestResource(TestKeys.class)
@QuarkusTestResource(value = TestIdentityProvider.class, restrictToAnnotatedClass = true)
class ConsoleRunsTest {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  @Inject RunRepository runs;
  @Inject PlanningService planning;

  @ConfigProperty(name = "quarkus.http.test-port")
  int port;

  String starter;
  String name;
  UUID planA;
  UUID planB;

  /** 60 runs of plan A an hour apart (every third FAILED), and 1 run of plan B. */
  @BeforeEach
  void record() {
    starter = "runs-test-" + UUID.randomUUID();
    name = "Runs test " + starter.substring(10, 18);
    Caller caller = new Caller(starter, name);
    planA = planning.plan(MatrixInput.configured(Optional.empty()), caller).view().id();
    planB = planning.plan(MatrixInput.configured(Optional.empty()), caller).view().id();
    for (int i = 0; i < 60; i++) {
      run(planA, i % 3 == 0 ? "FAILED" : "SUCCEEDED", T0.plusSeconds(3600L * i));
    }
    run(planB, "SUCCEEDED", T0.minusSeconds(3600));
  }

  void run(UUID plan, String status, Instant at) {
    RunEntity r = new RunEntity();
    r.id = UUID.randomUUID();
    r.planId = plan;
    r.instanceArn = "arn:aws:sso:::instance/ssoins-runs";
    r.status = status;
    r.startedBy = starter;
    r.startedByName = name;
    r.startedAt = at;
    r.finishedAt = at.plusSeconds(60);
    r.matrixDigest = "sha256:runs";
    r.operationCount = 0;
    runs.create(r, List.of());
  }

  ConsoleLogin viewer() {
    return ConsoleLogin.as("viewer", "http://localhost:" + port);
  }

  static int rows(String html) {
    Matcher m = Pattern.compile("href=\"/ui/runs/[0-9a-f-]{36}\"").matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void aStartersRunsArePagedFiftyAtATime() {
    ConsoleLogin s = viewer();
    HttpResponse<String> first = s.get("/ui/runs?startedBy=" + starter);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(rows(first.body())).isEqualTo(50);
    assertThat(first.body()).contains("Runs 1–50 of 61, filtered").contains("Page 1 of 2");
    assertThat(first.body())
        .contains("href=\"/ui/runs?startedBy=" + starter + "&amp;page=2\" rel=\"next\"");
    HttpResponse<String> second = s.get("/ui/runs?startedBy=" + starter + "&page=2");
    assertThat(rows(second.body())).isEqualTo(11);
    assertThat(second.body()).contains("Runs 51–61 of 61").doesNotContain("rel=\"next\"");
  }

  @Test
  void filtersNarrowTheHistory() {
    ConsoleLogin s = viewer();
    String by = "/ui/runs?startedBy=" + name.replace(' ', '+');
    assertThat(rows(s.get(by + "&status=FAILED").body())).isEqualTo(20);
    assertThat(rows(s.get(by + "&plan=" + planB).body())).isEqualTo(1);
    String window = by + "&from=2026-11-01T00:00:00Z&to=2026-11-01T10:00:00Z";
    assertThat(s.get(window).body()).contains("Runs 1–10 of 10");
    assertThat(s.get(window + "&status=FAILED").body()).contains("of 4,"); // hours 0, 3, 6, 9
    assertThat(s.get(by + "&status=PARTIAL").body()).contains("No run matches these filters.");
  }

  /** {@code GET /api/v1/runs} takes the same filters, with the API's 400 for a bad value. */
  @Test
  void theApiFiltersRunsTheSameWay() {
    String viewer = TestTokens.token("runs-api-viewer", "viewer");
    List<String> failed =
        given()
            .auth()
            .oauth2(viewer)
            .queryParam("startedBy", starter)
            .queryParam("status", "FAILED")
            .queryParam("limit", "200")
            .when()
            .get("/api/v1/runs")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("status", String.class);
    assertThat(failed).hasSize(20).containsOnly("FAILED");
    List<String> window =
        given()
            .auth()
            .oauth2(viewer)
            .queryParam("startedBy", name)
            .queryParam("plan", planA.toString())
            .queryParam("from", T0.plusSeconds(3600L * 10).toString())
            .queryParam("to", T0.plusSeconds(3600L * 15).toString())
            .when()
            .get("/api/v1/runs")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("startedAt", String.class);
    assertThat(window).hasSize(5).first().isEqualTo(T0.plusSeconds(3600L * 14).toString());
    given()
        .auth()
        .oauth2(viewer)
        .queryParam("from", "yesterday")
        .when()
        .get("/api/v1/runs")
        .then()
        .statusCode(400)
        .body("message", containsString("from must be an ISO instant"));
  }

  @Test
  void aValueThatCannotBeReadIsASentence() {
    ConsoleLogin s = viewer();
    assertSentence(s.get("/ui/runs?status=DONE"), "status must be one of RUNNING");
    assertSentence(s.get("/ui/runs?plan=abc"), "plan must be a plan&#39;s id (a UUID)");
    assertSentence(s.get("/ui/runs?from=yesterday"), "from must be an ISO instant");
    assertSentence(
        s.get("/ui/runs?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z"),
        "from must be before to");
    assertSentence(s.get("/ui/runs?page=0"), "page must be a number from 1");
    assertSentence(s.get("/ui/runs?page=x"), "page must be a number from 1");
  }

  static void assertSentence(HttpResponse<String> r, String sentence) {
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("id=\"runs-problem\"").contains(sentence);
  }
}
