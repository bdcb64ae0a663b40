package dev.idcplane.security;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start the prod profile with the dev signing key trusted: anyone holding the committed
 * dev key could otherwise mint an admin token.
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

  DevKeyGuard(
      @ConfigProperty(name = "quarkus.oidc.public-key") Optional<String> publicKey,
      @ConfigProperty(name = "idc.dev.signing-key") Optional<String> devKey) {
    check(publicKey, devKey);
  }

  static void check(Optional<String> publicKey, Optional<String> devKey) {
    if (publicKey.map(k -> k.replaceAll("\\s", "").contains(DEV_PUBLIC_KEY))
        .orElse(false)) {
      throw new IllegalStateException(
          "refusing to start: quarkus.oidc.public-key is the committed dev key; configure your"
              + " identity provider (quarkus.oidc.auth-server-url) or your own public key");
    }
    if (devKey.isPresent()) {
      throw new IllegalStateException(
          "refusing to start: idc.dev.signing-key is set in prod; remove it");
    }
  }
}
