package dev.idcplane.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.config.ForApply;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.support.Browser;
import dev.idcplane.support.SmallWaits;
import dev.idcplane.support.TestIdentityProvider;
import dev.idcplane.support.TestKeys;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console in a real headless Chromium, signing in through the authorization code flow against a
 * local IdP: the admin's journey (plan, apply, watch the run succeed) and the viewer's (no apply
 * button; a forged apply is refused). One application start for the class: its own sandbox and a
 * configured matrix folder of its own, so applying changes nothing other classes read.
 */
@QuarkusTest
@TestProfile(ConsoleBrowserTest.Profile.class)
@QuarkusTestResource(TestKeys.class)
@QuarkusTestResource(value = TestIdentityProvider.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

  /** Its own sandbox and configured matrix (one new set for one group in one OU). */
  public static class Profile extends SmallWaits {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> c = new HashMap<>(super.getConfigOverrides());
      c.put("idc.matrix.path", "src/test/resources/ui-matrix");
      return c;
    }
  }

  static Browser browser;

  @Inject @ForApply IdentityCenter identityCenter;

  @ConfigProperty(name = "quarkus.http.test-port")
  int port;

  @BeforeAll
  static void startBrowser() {
    // started lazily: the port is known only once the application is up
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  Browser browser() {
    if (browser == null) {
      browser = new Browser("http://localhost:" + port);
    }
    return browser;
  }

  void signIn(String role) {
    Browser b = browser();
    b.driver().manage().deleteAllCookies();
    b.open("/"); // the root sends a browser to the console, which asks it to sign in
    b.until(ExpectedConditions.elementToBeClickable(org.openqa.selenium.By.id("login-" + role)));
    b.find("#login-" + role).click();
    b.until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
  }

  static String planId;

  @Test
  @Order(1)
  void anAdminSignsInThroughTheCodeFlowAndPlans() {
    signIn("admin");
    Browser b = browser();
    assertThat(b.driver().getCurrentUrl()).endsWith("/ui/overview");
    assertThat(b.find("#who").getText()).isEqualTo("Local admin");
    b.find("#nav-matrix").click();
    b.until(ExpectedConditions.elementToBeClickable(By.id("by-set"))).click();
    b.until(ExpectedConditions.urlContains("by=set"));
    assertThat(b.find("#matrix-problems").getText()).isEqualTo("The matrix is valid.");
    assertThat(b.find(".rules").getText()).contains("group aws-secops").contains("main.yaml:");
    assertThat(b.find("#sets").getText()).contains("ConsoleOps").contains("ReadOnlyAccess");
    b.screenshot("matrix");
    b.find("#nav-plans").click();
    b.until(ExpectedConditions.elementToBeClickable(By.id("plan-now")));
    b.screenshot("plans");
    b.find("#plan-now").click();
    b.until(ExpectedConditions.presenceOfElementLocated(By.id("summary")));
    assertThat(b.find("#summary").getText()).contains("to change");
    assertThat(b.find(".changes").getText()).contains("ConsoleOps");
    assertThat(b.find("#guard").getText()).contains("no objection");
    assertThat(b.has("#apply-link")).isTrue();
    planId = b.driver().getCurrentUrl().replaceAll(".*/ui/plans/", "");
    b.screenshot("plan");
  }

  @Test
  @Order(2)
  void aViewerSeesNoApplyButtonAndAForgedApplyIsRefused() {
    assertThat(planId).as("the admin's plan").isNotNull();
    signIn("viewer");
    Browser b = browser();
    b.open("/ui/plans");
    b.until(ExpectedConditions.presenceOfElementLocated(By.id("plan-list")));
    assertThat(b.has("#plan-now")).isFalse();
    b.open("/ui/plans/" + planId);
    b.until(ExpectedConditions.presenceOfElementLocated(By.id("summary")));
    assertThat(b.find("#summary").getText()).contains("to change");
    assertThat(b.has("#apply-link")).isFalse();
    b.screenshot("plan-as-viewer");
    // The viewer's own, valid CSRF token: the role alone refuses the apply.
    assertThat(post("/ui/plans/" + planId + "/apply", true)).isEqualTo(403L);
    assertThat(post("/ui/plans", true)).isEqualTo(403L);
    b.open("/ui/plans/" + planId + "/apply");
    assertThat(b.driver().getPageSource()).doesNotContain("id=\"apply\"");
    assertThat(b.find("h1").getText()).isEqualTo("Not allowed");
    b.screenshot("forbidden");
    assertThat(b.has("#nav-audit")).isFalse();
    b.open("/ui/runs");
    b.until(ExpectedConditions.presenceOfElementLocated(By.id("run-list")));
    assertThat(b.find("#run-list").getText()).contains("No run");
    b.find("#logout").click();
    b.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
    b.screenshot("signed-out");
    b.open("/ui/overview");
    b.until(ExpectedConditions.presenceOfElementLocated(By.id("login-viewer")));
  }

  @Test
  @Order(3)
  void anAdminAppliesThePlanAndWatchesTheRunSucceed() {
    assertThat(planId).as("the admin's plan").isNotNull();
    signIn("admin");
    Browser b = browser();
    // A form post without this session's CSRF token is refused, whatever the role.
    assertThat(post("/ui/plans/" + planId + "/apply", false)).isEqualTo(403L);
    b.open("/ui/plans/" + planId);
    b.until(ExpectedConditions.elementToBeClickable(By.id("apply-link"))).click();
    b.until(ExpectedConditions.elementToBeClickable(By.id("apply")));
    assertThat(b.find("#deletes").getText()).contains("deletes nothing");
    b.screenshot("apply");
    b.find("#apply").click();
    b.until(ExpectedConditions.presenceOfElementLocated(By.id("run-status")));
    assertThat(b.driver().getCurrentUrl()).contains("/ui/runs/");
    b.until(ExpectedConditions.textToBe(By.id("run-status"), "SUCCEEDED"));
    b.until(ExpectedConditions.textToBe(By.id("percent"), "100"));
    assertThat(b.find("#count-FAILED").getText()).isEqualTo("0");
    assertThat(b.find("#count-SUCCEEDED").getText()).isNotEqualTo("0");
    assertThat(b.has("#no-failures")).isTrue();
    b.screenshot("run");
    // The run page's event stream takes the console session (no bearer token in a browser).
    String runId = b.driver().getCurrentUrl().replaceAll(".*/ui/runs/", "");
    String events = get("/api/v1/runs/" + runId + "/events");
    assertThat(events).startsWith("200 ").contains("\"runStatus\":\"SUCCEEDED\"");
    // Elsewhere the API does not take the session: no plan, apply or listing through it.
    assertThat(get("/api/v1/runs")).startsWith("401 ");
    assertThat(post("/api/v1/plans/" + planId + "/apply", true)).isEqualTo(401L);
    b.find("#nav-runs").click();
    b.until(ExpectedConditions.presenceOfElementLocated(By.id("run-list")));
    assertThat(b.find("#run-list").getText()).contains("SUCCEEDED");
    b.screenshot("runs");
    b.find("#nav-access").click();
    b.until(ExpectedConditions.elementToBeClickable(By.id("q-principal"))).sendKeys("aws-secops");
    b.find("#ask-principal").click();
    b.until(ExpectedConditions.presenceOfElementLocated(By.id("access-rows")));
    assertThat(b.find("#asked").getText()).isEqualTo("What aws-secops can reach");
    assertThat(b.find("#access-rows").getText()).contains("ConsoleOps").contains("sandbox-7");
    b.screenshot("access");
    b.find("#nav-overview").click();
    b.until(ExpectedConditions.presenceOfElementLocated(By.id("recent-runs")));
    assertThat(b.find("#recent-runs").getText()).contains("SUCCEEDED");
    b.screenshot("overview");
  }

  @Test
  @Order(4)
  void anAuditorFiltersDriftAndDownloadsTheCsvWhoseDigestVerifies() throws Exception {
    signIn("auditor");
    Browser b = browser();
    b.find("#nav-drift").click();
    b.until(ExpectedConditions.presenceOfElementLocated(By.id("drift-filters")));
    new org.openqa.selenium.support.ui.Select(b.find("#f-status")).selectByValue("all");
    b.find("#f-ps").sendKeys("ConsoleOps");
    b.find("#drift-filter").click();
    b.until(ExpectedConditions.urlContains("permissionSet=ConsoleOps"));
    assertThat(b.find("#export-csv").getAttribute("href"))
        .contains("format=csv")
        .contains("status=all")
        .contains("permissionSet=ConsoleOps");
    b.screenshot("drift");
    // The bytes as the browser downloads them (a string through WebDriver would lose the CRs).
    byte[] bytes = download(b.find("#export-csv").getAttribute("href"));
    String body = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(body).contains("permissionSet=ConsoleOps").contains("\r\n");
    java.nio.file.Files.createDirectories(Browser.SHOTS);
    java.nio.file.Files.writeString(Browser.SHOTS.resolve("drift.csv"), body);
    // tail -n +8 drift.csv | head -n -1 | sha256sum
    int from = 0;
    for (int i = 0; i < dev.idcplane.drift.DriftExporter.CSV_HEADER_LINES; i++) {
      from = body.indexOf('\n', from) + 1;
    }
    int to = body.lastIndexOf("# rows=");
    String trailer = body.substring(to).trim();
    String hex =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(
                        body.substring(from, to)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(trailer).endsWith("sha256=" + hex);
    b.find("#nav-audit").click();
    b.until(ExpectedConditions.elementToBeClickable(By.id("verify"))).click();
    b.until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
    assertThat(b.find("#verdict").getText()).startsWith("The audit chain is intact");
    // htmx swapped the verdict in; without JavaScript the form reloads with verify=true.
    assertThat(b.driver().getCurrentUrl()).doesNotContain("verify=true");
    assertThat(b.find("#audit-entries").getText()).contains("RUN_FINISHED");
    b.screenshot("audit");
    // An auditor may not plan or apply.
    b.open("/ui/plans");
    b.until(ExpectedConditions.presenceOfElementLocated(By.id("plan-list")));
    assertThat(b.has("#plan-now")).isFalse();
  }

  @Test
  @Order(5)
  void aStalePlansApplyShowsTheNewPlansLink() {
    signIn("admin");
    Browser b = browser();
    b.open("/ui/plans");
    b.until(ExpectedConditions.elementToBeClickable(By.id("plan-now"))).click();
    b.until(ExpectedConditions.presenceOfElementLocated(By.id("summary")));
    String stale = b.driver().getCurrentUrl().replaceAll(".*/ui/plans/", "");

    // Someone edits the managed set by hand before the plan is applied.
    IdentityCenter sandbox = ClientProxy.unwrap(identityCenter);
    String instance = sandbox.listInstances().get(0).instanceArn();
    String set =
        sandbox.listPermissionSets(instance).stream()
            .filter(arn -> sandbox.describePermissionSet(instance, arn).name().equals("ConsoleOps"))
            .findFirst()
            .orElseThrow();
    sandbox.attachManagedPolicy(instance, set, "arn:aws:iam::aws:policy/AmazonS3FullAccess");

    b.open("/ui/plans/" + stale + "/apply");
    b.until(ExpectedConditions.elementToBeClickable(By.id("apply"))).click();
    b.until(ExpectedConditions.presenceOfElementLocated(By.id("message")));
    assertThat(b.find("h1").getText()).isEqualTo("This plan is out of date");
    assertThat(b.find("#message").getText()).contains("was not applied");
    b.screenshot("apply-stale");
    var link = b.find("main a");
    assertThat(link.getText()).startsWith("Review the new plan ");
    link.click();
    b.until(ExpectedConditions.presenceOfElementLocated(By.id("summary")));
    assertThat(b.driver().getCurrentUrl()).doesNotEndWith(stale);
    assertThat(b.find("#summary").getText()).contains("update_permission_set: 1");
    b.screenshot("plan-new-after-stale");
  }

  /** The body of a GET from the page's own JavaScript, byte for byte; fails unless 200. */
  byte[] download(String url) {
    Browser b = browser();
    b.driver().manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(30));
    String result =
        (String)
            ((JavascriptExecutor) b.driver())
                .executeAsyncScript(
                    "var done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(function (r) {"
                        + " if (r.status !== 200) { done('status ' + r.status); return; }"
                        + " return r.arrayBuffer().then(function (buf) {"
                        + "  var bytes = new Uint8Array(buf), s = '';"
                        + "  for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);"
                        + "  done('ok ' + btoa(s)); }); })"
                        + ".catch(function (e) { done('error ' + e); });",
                    url);
    assertThat(result).startsWith("ok ");
    return java.util.Base64.getDecoder().decode(result.substring(3));
  }

  /** A GET from the page's own JavaScript: "STATUS BODY". */
  String get(String url) {
    Browser b = browser();
    b.driver().manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(30));
    return (String)
        ((JavascriptExecutor) b.driver())
            .executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0]).then(function (r) { return r.text()"
                    + ".then(function (t) { done(r.status + ' ' + t); }); })"
                    + ".catch(function (e) { done('error ' + e); });",
                url);
  }

  /** A form post from the page's own JavaScript: the status the console answers. */
  long post(String path, boolean withToken) {
    Browser b = browser();
    b.driver().manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(30));
    Object status =
        ((JavascriptExecutor) b.driver())
            .executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "var token = arguments[1] ? document.querySelector('input[name=csrf]').value"
                    + " : 'forged';"
                    + "fetch(arguments[0], {method: 'POST', redirect: 'manual', headers:"
                    + " {'Content-Type': 'application/x-www-form-urlencoded'},"
                    + " body: 'csrf=' + encodeURIComponent(token)})"
                    + ".then(function (r) { done(r.status); })"
                    + ".catch(function (e) { done('error ' + e); });",
                path,
                withToken);
    return ((Number) status).longValue();
  }
}
