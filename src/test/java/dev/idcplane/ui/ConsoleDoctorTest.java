package dev.idcplane.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.apps.Applications;
import dev.idcplane.identitycenter.apps.TrustedTokenIssuer;
import dev.idcplane.support.ConsoleLogin;
import dev.idcplane.support.HttpsIssuers;
import dev.idcplane.support.TestIdentityProvider;
import dev.idcplane.support.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The matrix page's doctor: the page itself does not wait for it (htmx loads {@code
 * /ui/matrix/doctor} afterwards); the fragment, and the page with {@code ?doctor=true} for a
 * browser without JavaScript, show each declared issuer and application with the checks of the
 * doctor the API uses, against two local HTTPS issuers ({@link HttpsIssuers}: corp-idp serves a
 * valid discovery document, stale-idp one naming another issuer). Nothing is applied, so only what
 * a test creates exists live.
 */
@QuarkusTest
@QuarkusTestResource(TestKeys.class)
@QuarkusTestResource(value = HttpsIssuers.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = TestIdentityProvider.class, restrictToAnnotatedClass = true)
class ConsoleDoctorTest {
  @Inject Applications apps;
  @Inject IdentityCenter identityCenter;

  @ConfigProperty(name = "quarkus.http.test-port")
  int port;

  ConsoleLogin viewer() {
    return ConsoleLogin.as("viewer", "http://localhost:" + port);
  }

  @Test
  void theMatrixPageLoadsTheDoctorAfterwards() {
    HttpResponse<String> page = viewer().get("/ui/matrix");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("hx-get=\"/ui/matrix/doctor\"")
        .contains("href=\"/ui/matrix?by=principal&amp;doctor=true\"")
        .doesNotContain("id=\"doctor\"");
  }

  @Test
  void theFragmentShowsEachIssuerAndApplicationWithItsChecks() {
    HttpResponse<String> fragment = viewer().get("/ui/matrix/doctor");
    assertThat(fragment.statusCode()).isEqualTo(200);
    String html = fragment.body();
    assertThat(html).doesNotContain("<html").contains("id=\"doctor\"");
    assertThat(section(html, "doctor-issuer-corp-idp"))
        .contains("Trusted token issuer corp-idp")
        .contains("no trusted token issuer named corp-idp")
        .containsPattern("issuer_discovery</code></td><td class=\"verdict-PASS\">PASS");
    assertThat(section(html, "doctor-issuer-stale-idp"))
        .containsPattern("issuer_discovery</code></td><td class=\"verdict-FAIL\">FAIL");
    assertThat(section(html, "doctor-application-release-bot"))
        .contains("Application release-bot")
        .contains("no customer-managed application named release-bot");
    assertThat(html)
        .contains("doctor-application-broken-bot")
        .contains("doctor-application-portal");
  }

  @Test
  void withoutJavaScriptThePageRendersTheDoctorInline() {
    HttpResponse<String> page = viewer().get("/ui/matrix?doctor=true");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("id=\"doctor\"")
        .contains("Application release-bot")
        .doesNotContain("hx-get=\"/ui/matrix/doctor\"");
  }

  @Test
  void aLiveIssuerThatDiffersFromItsDeclarationFailsTheConfigurationCheck() {
    String instance = identityCenter.listInstances().get(0).instanceArn();
    String base =
        org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getValue("idcplane-test-issuer-base", String.class);
    // Declared with identity_store_attribute_path userName; live with emails.value.
    apps.createTrustedTokenIssuer(
        instance,
        new TrustedTokenIssuer(null, "stale-idp", base + "/wrong", "email", "emails.value"));
    String stale = section(viewer().get("/ui/matrix/doctor").body(), "doctor-issuer-stale-idp");
    assertThat(stale)
        .containsPattern("exists</code></td><td class=\"verdict-PASS\">PASS")
        .containsPattern("configuration</code></td><td class=\"verdict-FAIL\">FAIL")
        .contains("1 difference(s)");
  }

  /** The report whose heading has {@code id}, up to the next report. */
  static String section(String html, String id) {
    int from = html.indexOf("id=\"" + id + "\"");
    assertThat(from).as(id).isNotNegative();
    int to = html.indexOf("<section", from);
    return html.substring(from, to < 0 ? html.length() : to);
  }
}
