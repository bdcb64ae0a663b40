package dev.idcplane.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.idcplane.ui.LocalIdentityProvider;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The admins' IdP for the console's browser tests: {@link LocalIdentityProvider} (the same one the
 * dev mode's one-click login serves) on a local HTTP server with a key generated for the run, so
 * the console signs in through the real authorization code flow and no test leaves the machine.
 * Turns the console's tenant on against it.
 */
public class TestIdentityProvider implements QuarkusTestResourceLifecycleManager {
  public static final String CLIENT_SECRET = "console-test-secret-0123456789-abcdefghij";
  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      KeyPair pair = gen.generateKeyPair();
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
      LocalIdentityProvider idp =
          new LocalIdentityProvider(
              issuer,
              pair.getPrivate(),
              (RSAPublicKey) pair.getPublic(),
              Optional.of(CLIENT_SECRET));
      server.createContext("/.well-known/openid-configuration", ex -> answer(ex, idp.discovery()));
      server.createContext("/jwks", ex -> answer(ex, idp.jwks()));
      server.createContext("/authorize", ex -> answer(ex, idp.authorize(query(ex))));
      server.createContext("/approve", ex -> answer(ex, idp.approve(query(ex))));
      server.createContext(
          "/token",
          ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            answer(ex, idp.token(parse(body), ex.getRequestHeaders().getFirst("Authorization")));
          });
      server.start();
      return Map.of(
          "quarkus.oidc.ui.tenant-enabled", "true",
          "quarkus.oidc.ui.auth-server-url", issuer,
          "quarkus.oidc.ui.credentials.secret", CLIENT_SECRET);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the test identity provider", e);
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static Map<String, String> query(HttpExchange ex) {
    String q = ex.getRequestURI().getRawQuery();
    return parse(q == null ? "" : q);
  }

  private static Map<String, String> parse(String form) {
    Map<String, String> out = new HashMap<>();
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static void answer(HttpExchange ex, LocalIdentityProvider.Answer a) throws IOException {
    byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", a.contentType());
    if (a.location() != null) {
      ex.getResponseHeaders().set("Location", a.location());
    }
    ex.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }
}
