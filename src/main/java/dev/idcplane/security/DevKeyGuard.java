package dev.idcplane.security;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * Refuses to start the prod profile with tokens that are not pinned to this service, or with the
 * dev signing key trusted: anyone holding the committed dev key could otherwise mint an admin
 * token. The dev key is recognised by its key material (modulus and exponent), so re-encoding it
 * (PEM, line breaks, URL-safe base64, a JWK) does not get it past the guard.
 */
@IfBuildProfile("prod")
@Startup
@ApplicationScoped
public class DevKeyGuard {
  /** The public half of {@code deploy/dev/dev-signing-key.pem}. */
  static final String DEV_PUBLIC_KEY =
      "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA7N6vPVIKfmSWmwPuVcheBpDg4e"
          + "HpNPP/hUjPltdQ+CDyMhH8envonyBXQ4DNT+UjBg1ubAjuWVVrL8TigYXojrJhyOKYGLj8"
          + "faMBZwfYrjxiUlpswDfow9mZMl0YnGAk2TWNvmyPf/Bjh0gLh6Mq0BeWoOzqyKGoElghYA"
          + "kBzmakosOrHoNSR+UqpaKx4upTgjXjR0IGkTkCMECmUrjH/v0AJuILyAQLF7D2dYwhuJ1I"
          + "836zwEQDgQYJfCD6ZVessYH/R1Oz05qbiQTmvKPTm/01qigwMCUymFzSz40WkU0iK5WFVA"
          + "Dp/YcURvnqwRsFm275oF6UoKq/MWsguIlMIQIDAQAB";

  private static final RSAPublicKey DEV_KEY = rsaKeys(DEV_PUBLIC_KEY).get(0);

  /** The prod settings the guard reads. */
  record Settings(
      Optional<String> publicKey,
      Optional<String> devSigningKey,
      Optional<String> audience,
      Optional<String> issuer) {}

  DevKeyGuard(
      @ConfigProperty(name = "quarkus.oidc.public-key") Optional<String> publicKey,
      @ConfigProperty(name = "idc.dev.signing-key") Optional<String> devKey,
      @ConfigProperty(name = "idc.auth.audience") Optional<String> audience,
      @ConfigProperty(name = "idc.auth.issuer") Optional<String> issuer) {
    check(new Settings(publicKey, devKey, audience, issuer));
  }

  /** Throws with every reason to refuse, or returns when prod may start. */
  static void check(Settings s) {
    List<String> refusals = new ArrayList<>();
    Optional<String> publicKey = s.publicKey().filter(k -> !k.isBlank());
    if (publicKey.isPresent()) {
      List<RSAPublicKey> keys;
      try {
        keys = rsaKeys(publicKey.get());
      } catch (IllegalArgumentException e) {
        keys = List.of();
        refusals.add(
            "quarkus.oidc.public-key (QUARKUS_OIDC_PUBLIC_KEY) is not an RSA public key ("
                + e.getMessage()
                + "); give the base64 DER or PEM of your IdP's signing key");
      }
      if (keys.stream().anyMatch(DevKeyGuard::isDevKey)) {
        refusals.add(
            "quarkus.oidc.public-key is the committed dev key; configure your identity"
                + " provider (IDC_OIDC_SERVER_URL) or your own public key");
      }
      if (s.issuer().filter(i -> !i.isBlank()).isEmpty()) {
        refusals.add(
            "idc.auth.issuer (IDC_AUTH_ISSUER) is required with a public key: set it to"
                + " the iss your IdP writes in its tokens");
      }
    }
    if (s.audience().filter(a -> !a.isBlank()).isEmpty()) {
      refusals.add(
          "idc.auth.audience (IDC_AUTH_AUDIENCE) is required: set it to the aud your IdP"
              + " writes in tokens meant for this service, so tokens for other services are refused");
    }
    if (s.devSigningKey().filter(k -> !k.isBlank()).isPresent()) {
      refusals.add("idc.dev.signing-key is set in prod; remove it");
    }
    if (!refusals.isEmpty()) {
      throw new IllegalStateException("refusing to start: " + String.join("; ", refusals));
    }
  }

  static boolean isDevKey(RSAPublicKey key) {
    return DEV_KEY.getModulus().equals(key.getModulus())
        && DEV_KEY.getPublicExponent().equals(key.getPublicExponent());
  }

  /**
   * The RSA keys in a configured public key: base64 DER (SubjectPublicKeyInfo), with or without PEM
   * armour and whitespace, standard or URL-safe base64; or a JWK or JWK set.
   */
  static List<RSAPublicKey> rsaKeys(String text) {
    String trimmed = text.strip();
    if (trimmed.startsWith("{")) {
      return jwkKeys(trimmed);
    }
    String body = trimmed.replaceAll("-----(BEGIN|END)[^-]*-----", "").replaceAll("\\s", "");
    byte[] der;
    try {
      der =
          body.contains("-") || body.contains("_")
              ? Base64.getUrlDecoder().decode(body.replace("=", ""))
              : Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not base64");
    }
    try {
      PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
      return List.of((RSAPublicKey) key);
    } catch (Exception e) {
      throw new IllegalArgumentException("not an X.509 SubjectPublicKeyInfo RSA key");
    }
  }

  private static List<RSAPublicKey> jwkKeys(String json) {
    try {
      List<JsonWebKey> jwks =
          json.contains("\"keys\"")
              ? new JsonWebKeySet(json).getJsonWebKeys()
              : List.of(JsonWebKey.Factory.newJwk(json));
      List<RSAPublicKey> keys = new ArrayList<>();
      for (JsonWebKey jwk : jwks) {
        if (jwk instanceof PublicJsonWebKey pub && pub.getPublicKey() instanceof RSAPublicKey rsa) {
          keys.add(rsa);
        }
      }
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("no RSA key in the JWK");
      }
      return keys;
    } catch (org.jose4j.lang.JoseException e) {
      throw new IllegalArgumentException("not a JWK: " + e.getMessage());
    }
  }
}
