package dev.idcplane.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The prod profile refuses the committed dev key, in any PEM or base64 form. */
class DevKeyGuardTest {
  static String devPublicKeyPem() throws Exception {
    return Files.readString(Path.of("deploy/dev/dev-public-key.pem"));
  }

  @Test
  void refusesTheDevPublicKey() throws Exception {
    String pem = devPublicKeyPem();
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    assertThatThrownBy(() -> DevKeyGuard.check(Optional.of(base64), Optional.empty()))
        .hasMessageContaining("dev key");
    assertThatThrownBy(() -> DevKeyGuard.check(Optional.of(pem), Optional.empty()))
        .hasMessageContaining("dev key");
  }

  @Test
  void refusesADevSigningKeySetting() {
    assertThatThrownBy(
            () -> DevKeyGuard.check(Optional.empty(), Optional.of("deploy/dev/dev-signing-key.pem")))
        .hasMessageContaining("idc.dev.signing-key");
  }

  @Test
  void acceptsAnotherKeyOrAnIdentityProvider() {
    assertThatCode(() -> DevKeyGuard.check(Optional.of("MIIBIjANotTheDevKey"), Optional.empty()))
        .doesNotThrowAnyException();
    assertThatCode(() -> DevKeyGuard.check(Optional.empty(), Optional.empty()))
        .doesNotThrowAnyException();
  }
}
