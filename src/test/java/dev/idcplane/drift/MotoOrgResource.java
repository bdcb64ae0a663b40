package dev.idcplane.drift;

import dev.idcplane.identitycenter.aws.AwsClients;
import dev.idcplane.identitycenter.aws.MotoServer;
import dev.idcplane.support.Git;
import dev.idcplane.support.MotoFixture;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;

/**
 * A drifted organization on moto for a whole application: starts moto on a free port, seeds {@link
 * MotoFixture#ACCEPTANCE} through the real SDK, makes {@link #MATRIX} a git repository whose first
 * commit is {@code matrix(true)} (with the expired rule), and points the service at both. The
 * service's AWS clients take credentials from the SDK's default chain, whose first link is the
 * {@code aws.accessKeyId}/{@code aws.secretAccessKey} system properties: moto's test keys are set
 * there while the application runs.
 */
public class MotoOrgResource implements QuarkusTestResourceLifecycleManager {
  static final Path MATRIX =
      Path.of(System.getProperty("user.dir"), "target", "moto-scan-matrix").toAbsolutePath();
  static final String KEY = "testing";

  private final MotoServer moto = new MotoServer();

  /**
   * Admin, declared as seeded, wanted for platform-admins in app-prod (live) and shared-services
   * (not live: MISSING). alice's and bob's live Admin assignments are not wanted (UNEXPECTED, to
   * delete), and bob's user rule expired in 2025 (EXPIRED_USER_RULE, which only removing the rule
   * resolves). Every other seeded set is undeclared (UNMANAGED) or Control Tower's (PROTECTED).
   */
  static String matrix(boolean withExpiredRule) {
    return """
        permission_sets:
          Admin:
            description: Platform administrators
            session_duration: PT1H
            managed_policies: [arn:aws:iam::aws:policy/AdministratorAccess]
            tags: {ManagedBy: idc-control-plane}
        assignments:
          - group: platform-admins
            permission_set: Admin
            accounts: [app-prod, shared-services]
        """
        + (withExpiredRule
            ? """
              - user: bob@example.com
                permission_set: Admin
                accounts: [app-staging]
                owner: secops@example.com
                expires: 2025-06-30
            """
            : "");
  }

  @Override
  public Map<String, String> start() {
    try {
      moto.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    try (AwsClients aws = clients(moto.endpoint())) {
      new MotoFixture(aws).seed(MotoFixture.ACCEPTANCE);
    }
    writeMatrix();
    System.setProperty("aws.accessKeyId", KEY);
    System.setProperty("aws.secretAccessKey", KEY);
    return Map.of(
        "idc.backend", "aws",
        "idc.aws.endpoint-override", moto.endpoint().toString(),
        "idc.matrix.path", MATRIX.toString());
  }

  @Override
  public void stop() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    try {
      moto.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SDK clients on moto with its test keys, for the test's own changes "outside the service". */
  static AwsClients clients(URI endpoint) {
    return AwsClients.create(
        new AwsClients.Settings(
            Region.US_EAST_1,
            Optional.of(endpoint),
            RetryMode.STANDARD,
            1,
            Duration.ofSeconds(30),
            Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, KEY)))));
  }

  /** A fresh repository at {@link #MATRIX} holding the first matrix in one commit. */
  private static void writeMatrix() {
    try {
      if (Files.exists(MATRIX)) {
        try (Stream<Path> old = Files.walk(MATRIX)) {
          for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      Git.init(MATRIX);
      Files.writeString(MATRIX.resolve("matrix.yaml"), matrix(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Git.commitAll(MATRIX, "Admin for platform-admins; bob's exception");
  }
}
