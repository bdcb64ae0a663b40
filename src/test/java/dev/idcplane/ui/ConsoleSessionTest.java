package dev.idcplane.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.support.ConsoleLogin;
import dev.idcplane.support.TestIdentityProvider;
import dev.idcplane.support.TestKeys;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The console's session lives on the server: the cookie holds a random id and the tokens are a row
 * in {@code console_session}. Signing out deletes the row, so the old cookie no longer signs anyone
 * in; deleting a row revokes that session; an expired row is refused and purged.
 */
@QuarkusTest
@QuarkusTestResource(TestKeys.class)
@QuarkusTestResource(value = TestIdentityProvider.class, restrictToAnnotatedClass = true)
class ConsoleSessionTest {
  static final String COOKIE = ConsoleTenant.SESSION_COOKIE;

  @Inject AgroalDataSource db;

  @ConfigProperty(name = "quarkus.http.test-port")
  int port;

  String base() {
    return "http://localhost:" + port;
  }

  HttpResponse<String> withOnly(String cookie) {
    return ConsoleLogin.getWithCookie(base(), "/ui/overview", COOKIE, cookie);
  }

  static void assertSignedOut(HttpResponse<String> r) {
    assertThat(r.statusCode()).as("a request with an ended session").isEqualTo(302);
    assertThat(r.headers().firstValue("Location").orElse("")).contains("/authorize?");
  }

  @Test
  void theCookieHoldsOnlyAnIdAndTheTokensAreARow() throws Exception {
    ConsoleLogin s = ConsoleLogin.as("viewer", base());
    String cookie = s.cookie(COOKIE);
    assertThat(cookie).doesNotContain(".").hasSizeLessThan(64);
    assertThat(rows("id_hash = '" + hash(cookie) + "' and id_token like '%.%.%.%.%'")).isEqualTo(1);
    assertThat(withOnly(cookie).statusCode()).isEqualTo(200);
  }

  @Test
  void afterSignOutTheOldCookieNoLongerSignsIn() throws Exception {
    ConsoleLogin s = ConsoleLogin.as("admin", base());
    String cookie = s.cookie(COOKIE);
    assertThat(withOnly(cookie).statusCode()).isEqualTo(200);
    HttpResponse<String> out = s.post("/ui/logout", "csrf=" + s.csrf("/ui/overview"));
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(rows("id_hash = '" + hash(cookie) + "'")).isZero();
    assertSignedOut(withOnly(cookie));
  }

  @Test
  void deletingTheRowRevokesTheSession() throws Exception {
    ConsoleLogin s = ConsoleLogin.as("viewer", base());
    String cookie = s.cookie(COOKIE);
    assertThat(s.get("/ui/overview").statusCode()).isEqualTo(200);
    update("delete from console_session where id_hash = '" + hash(cookie) + "'");
    assertSignedOut(withOnly(cookie));
  }

  @Test
  void anExpiredSessionIsRefusedAndPurgedByTheNextSignIn() throws Exception {
    String cookie = ConsoleLogin.as("viewer", base()).cookie(COOKIE);
    update(
        "update console_session set expires_at = '2000-01-01T00:00:00Z' where id_hash = '"
            + hash(cookie)
            + "'");
    assertSignedOut(withOnly(cookie));
    ConsoleLogin.as("viewer", base());
    assertThat(rows("id_hash = '" + hash(cookie) + "'")).isZero();
  }

  static String hash(String id) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
  }

  long rows(String where) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement("select count(*) from console_session where " + where);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  void update(String sql) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.executeUpdate();
    }
  }
}
