package dev.idcplane.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.security.DevKeyGuard.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

/**
 * The prod profile refuses the committed dev key in any encoding of its key material, and refuses
 * to start without the audience (and, with a public key, the issuer) that pin tokens to it.
 */
class DevKeyGuardTest {
  static final Optional<String> AUD = Optional.of("idc-control-plane");
  static final Optional<String> ISS = Optional.of("https://idp.example.com");

  static String devPublicKeyPem() throws Exception {
    return Files.readString(Path.of("deploy/dev/dev-public-key.pem"));
  }

  static RSAPublicKey devKey() throws Exception {
    return DevKeyGuard.rsaKeys(devPublicKeyPem()).get(0);
  }

  static Settings withKey(String publicKey) {
    return new Settings(Optional.of(publicKey), Optional.empty(), AUD, ISS);
  }

  /** Every way of writing the dev key that Quarkus or a person might use. */
  static List<String> devKeyEncodings() throws Exception {
    PublicKey key = devKey();
    byte[] der = key.getEncoded();
    String pem = devPublicKeyPem();
    String jwk = PublicJsonWebKey.Factory.newPublicJwk(key).toJson();
    return List.of(
        pem,
        pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""),
        Base64.getEncoder().encodeToString(der),
        Base64.getMimeEncoder().encodeToString(der), // 76-column lines with CRLF
        Base64.getMimeEncoder(40, "\n".getBytes()).encodeToString(der),
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
            + "\n-----END PUBLIC KEY-----",
        Base64.getUrlEncoder().withoutPadding().encodeToString(der),
        "  " + Base64.getEncoder().encodeToString(der) + "\n",
        jwk,
        new JsonWebKeySet(PublicJsonWebKey.Factory.newPublicJwk(key)).toJson());
  }

  @Test
  void refusesTheDevKeyInEveryEncoding() throws Exception {
    for (String encoding : devKeyEncodings()) {
      assertThat(DevKeyGuard.rsaKeys(encoding))
          .as(encoding)
          .singleElement()
          .matches(DevKeyGuard::isDevKey);
      assertThatThrownBy(() -> DevKeyGuard.check(withKey(encoding)))
          .as(encoding)
          .hasMessageContaining("dev key");
    }
  }

  @Test
  void acceptsAnotherKeyWithItsIssuerAndAudience() throws Exception {
    var gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    PublicKey other = gen.generateKeyPair().getPublic();
    String base64 = Base64.getEncoder().encodeToString(other.getEncoded());
    assertThat(DevKeyGuard.isDevKey((RSAPublicKey) other)).isFalse();
    assertThatCode(() -> DevKeyGuard.check(withKey(base64))).doesNotThrowAnyException();
    assertThatCode(
            () -> DevKeyGuard.check(withKey(PublicJsonWebKey.Factory.newPublicJwk(other).toJson())))
        .doesNotThrowAnyException();
    // An identity provider (discovery gives keys and issuer): the audience is enough.
    assertThatCode(
            () ->
                DevKeyGuard.check(
                    new Settings(Optional.empty(), Optional.empty(), AUD, Optional.empty())))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesAKeyThatIsNotAnRsaPublicKey() {
    assertThatThrownBy(() -> DevKeyGuard.check(withKey("MIIBIjANotTheDevKey")))
        .hasMessageContaining("not an RSA public key");
  }

  @Test
  void refusesADevSigningKeySetting() {
    assertThatThrownBy(
            () ->
                DevKeyGuard.check(
                    new Settings(
                        Optional.empty(),
                        Optional.of("deploy/dev/dev-signing-key.pem"),
                        AUD,
                        Optional.empty())))
        .hasMessageContaining("idc.dev.signing-key");
  }

  @Test
  void requiresTheAudienceAlways() {
    assertThatThrownBy(
            () ->
                DevKeyGuard.check(
                    new Settings(
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())))
        .hasMessageContaining("IDC_AUTH_AUDIENCE");
    assertThatThrownBy(
            () ->
                DevKeyGuard.check(
                    new Settings(
                        Optional.empty(), Optional.empty(), Optional.of(" "), Optional.empty())))
        .hasMessageContaining("IDC_AUTH_AUDIENCE");
  }

  @Test
  void requiresTheIssuerWithAPublicKey() throws Exception {
    var gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    String base64 =
        Base64.getEncoder().encodeToString(gen.generateKeyPair().getPublic().getEncoded());
    assertThatThrownBy(
            () ->
                DevKeyGuard.check(
                    new Settings(Optional.of(base64), Optional.empty(), AUD, Optional.empty())))
        .hasMessageContaining("IDC_AUTH_ISSUER");
  }
}
