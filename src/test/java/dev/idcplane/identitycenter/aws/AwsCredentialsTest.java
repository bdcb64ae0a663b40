package dev.idcplane.identitycenter.aws;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 section 5: the aws backend against a reachable moto, with no credentials anywhere in the
 * SDK's default chain. A request that reads AWS answers 503 {@code aws_credentials} (not 502 {@code
 * aws_timeout}), and readiness is DOWN with the {@code aws-credentials} check DOWN.
 */
@QuarkusTest
@TestProfile(AwsCredentialsTest.Profile.class)
@QuarkusTestResource(TestKeys.class)
@QuarkusTestResource(
    value = AwsCredentialsTest.NoCredentials.class,
    restrictToAnnotatedClass = true)
class AwsCredentialsTest {
  /** Its own application start with the aws backend. */
  public static class Profile extends dev.idcplane.support.SmallWaits {}

  /**
   * Moto on a free port, and an SDK default chain that finds nothing: no key system properties,
   * credential and config files that do not exist, no instance metadata service.
   */
  public static class NoCredentials implements QuarkusTestResourceLifecycleManager {
    private static final List<String> CLEARED =
        List.of(
            "aws.accessKeyId",
            "aws.secretAccessKey",
            "aws.sessionToken",
            "aws.sharedCredentialsFile",
            "aws.configFile",
            "aws.profile",
            "aws.disableEc2Metadata");

    private final MotoServer moto = new MotoServer();
    private final Map<String, String> saved = new HashMap<>();

    @Override
    public Map<String, String> start() {
      if (System.getenv("AWS_ACCESS_KEY_ID") != null) {
        throw new IllegalStateException("AWS_ACCESS_KEY_ID is set; this test needs no credentials");
      }
      for (String key : CLEARED) {
        String value = System.getProperty(key);
        if (value != null) {
          saved.put(key, value);
        }
        System.clearProperty(key);
      }
      System.setProperty("aws.sharedCredentialsFile", "/nonexistent/aws/credentials");
      System.setProperty("aws.configFile", "/nonexistent/aws/config");
      System.setProperty("aws.disableEc2Metadata", "true");
      try {
        moto.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return Map.of("idc.backend", "aws", "idc.aws.endpoint-override", moto.endpoint().toString());
    }

    @Override
    public void stop() {
      for (String key : CLEARED) {
        System.clearProperty(key);
      }
      saved.forEach(System::setProperty);
      try {
        moto.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void aReadOfAwsIs503AwsCredentials() {
    given()
        .auth()
        .oauth2(TestTokens.token("vic-viewer", "viewer"))
        .queryParam("account", "app-prod")
        .when()
        .get("/api/v1/access")
        .then()
        .statusCode(503)
        .contentType("application/json")
        .body("code", equalTo("aws_credentials"))
        .body("message", containsString("credentials"));
  }

  @Test
  void readinessIsDownWithTheAwsCredentialsCheckDown() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body("checks.findAll { it.name == 'aws-credentials' }.status", hasItem("DOWN"));
  }
}
