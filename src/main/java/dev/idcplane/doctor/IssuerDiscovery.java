package dev.idcplane.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Fetches a trusted token issuer's OpenID discovery document and JWKS over HTTPS, as Identity
 * Center does when it validates a token, and says what is wrong: not https, unreachable, not JSON,
 * an {@code issuer} other than the issuer URL, or a JWKS without keys.
 */
public final class IssuerDiscovery implements dev.idcplane.identitycenter.apps.IssuerKeys {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Duration timeout;

  /** What a discovery found: a problem (null when none) and the number of keys. */
  public record Found(String problem, int keys, String jwksUri) {
    public boolean ok() {
      return problem == null;
    }
  }

  public IssuerDiscovery(SSLContext tls, Duration timeout) {
    this.http =
        HttpClient.newBuilder()
            .sslContext(tls)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.timeout = timeout;
  }

  /** The TLS context of a PKCS12 trust store, or the JVM's when none is named. */
  public static SSLContext tls(Path trustStore, char[] password) {
    try {
      if (trustStore == null) {
        return SSLContext.getDefault();
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(trustStore)) {
        ks.load(in, password);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the trust store " + trustStore + ": " + e, e);
    }
  }

  /** Checks the discovery document of {@code issuerUrl} and the keys it points to. */
  public Found check(String issuerUrl) {
    String base =
        issuerUrl.endsWith("/") ? issuerUrl.substring(0, issuerUrl.length() - 1) : issuerUrl;
    String discoveryUrl = base + "/.well-known/openid-configuration";
    JsonNode discovery;
    try {
      discovery = get(discoveryUrl);
    } catch (Unreachable e) {
      return new Found(e.getMessage(), 0, null);
    }
    String issuer = discovery.path("issuer").asText(null);
    if (!issuerUrl.equals(issuer)) {
      return new Found(discoveryUrl + " names issuer " + issuer + ", not " + issuerUrl, 0, null);
    }
    String jwksUri = discovery.path("jwks_uri").asText(null);
    if (jwksUri == null) {
      return new Found(discoveryUrl + " has no jwks_uri", 0, null);
    }
    try {
      int keys = get(jwksUri).path("keys").size();
      return keys == 0
          ? new Found(jwksUri + " holds no keys", 0, jwksUri)
          : new Found(null, keys, jwksUri);
    } catch (Unreachable e) {
      return new Found(e.getMessage(), 0, jwksUri);
    }
  }

  /**
   * The JSON Web Key Set {@code issuerUrl} publishes, found through its discovery document; empty
   * when {@link #check} would find a problem.
   */
  @Override
  public Optional<String> keys(String issuerUrl) {
    Found found = check(issuerUrl);
    if (!found.ok()) {
      return Optional.empty();
    }
    try {
      return Optional.of(get(found.jwksUri()).toString());
    } catch (Unreachable e) {
      return Optional.empty();
    }
  }

  private JsonNode get(String url) throws Unreachable {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new Unreachable(url + " is not a URL");
    }
    if (!"https".equals(uri.getScheme())) {
      throw new Unreachable(url + " is not https; Identity Center fetches only over HTTPS");
    }
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new Unreachable(url + " answered HTTP " + r.statusCode());
      }
      return JSON.readTree(r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable(url + " was not fetched: interrupted");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new Unreachable(url + " is not JSON");
    } catch (IOException e) {
      throw new Unreachable(url + " could not be fetched: " + e);
    }
  }

  private static final class Unreachable extends Exception {
    Unreachable(String message) {
      super(message);
    }
  }
}
