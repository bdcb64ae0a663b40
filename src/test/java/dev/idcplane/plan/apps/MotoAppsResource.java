package dev.idcplane.plan.apps;

import dev.idcplane.identitycenter.SeededWorld;
import dev.idcplane.identitycenter.aws.AwsClients;
import dev.idcplane.identitycenter.aws.MotoClients;
import dev.idcplane.identitycenter.aws.MotoServer;
import dev.idcplane.support.MotoFixture;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * moto for a whole application that plans and applies the shipped example's issuers and
 * applications: seeds {@link MotoFixture#ACCEPTANCE} with the groups and user the example assigns,
 * and points the service at moto and at a matrix folder holding a copy of {@code
 * assignments/applications.yaml} ({@link #MATRIX}). The test adds what the service must leave alone
 * (an undeclared issuer and application, an AWS-managed application) itself, through the SDK.
 */
public class MotoAppsResource implements QuarkusTestResourceLifecycleManager {
  static final Path MATRIX =
      Path.of(System.getProperty("user.dir"), "target", "moto-apps-matrix").toAbsolutePath();
  static final Path SHIPPED = Path.of("assignments", "applications.yaml");
  static final String KEY = "testing";

  private final MotoServer moto = new MotoServer();

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
    MotoFixture.Org base = MotoFixture.ACCEPTANCE;
    List<String> groups = new ArrayList<>(base.groups());
    for (String g : List.of("aws-platform-admins", "aws-team-a-engineers", "aws-finops")) {
      if (!groups.contains(g)) {
        groups.add(g);
      }
    }
    List<String> users = new ArrayList<>(base.users());
    if (!users.contains("alice@example.com")) {
      users.add("alice@example.com");
    }
    SeededWorld world;
    try (AwsClients aws = clients(moto.endpoint())) {
      world =
          new MotoFixture(aws)
              .seed(
                  new MotoFixture.Org(
                      base.instanceName(),
                      base.managementName(),
                      base.units(),
                      base.accounts(),
                      groups,
                      users,
                      base.permissionSets(),
                      base.assignments()));
      seedUnmanaged(aws, world);
    }
    try {
      Files.createDirectories(MATRIX);
      try (var old = Files.list(MATRIX)) {
        for (Path p : old.toList()) {
          Files.delete(p);
        }
      }
      Files.copy(SHIPPED, MATRIX.resolve("applications.yaml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.setProperty("aws.accessKeyId", KEY);
    System.setProperty("aws.secretAccessKey", KEY);
    return Map.of(
        "idc.backend", "aws",
        "idc.aws.endpoint-override", moto.endpoint().toString(),
        "idc.matrix.path", MATRIX.toString(),
        "idc.instance-arn", world.instance().instanceArn());
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

  static final String LEGACY_ISSUER = "legacy-idp";
  static final String LEGACY_APP = "legacy-portal";
  static final String MANAGED_APP = "QBusiness";

  /**
   * What somebody else set up: an issuer and a customer-managed application the matrix does not
   * declare (the application with a scope and an assignment), and an AWS-managed application.
   */
  private static void seedUnmanaged(AwsClients aws, SeededWorld world) {
    var sso = aws.ssoAdmin();
    String instance = world.instance().instanceArn();
    sso.createTrustedTokenIssuer(
        r ->
            r.instanceArn(instance)
                .name(LEGACY_ISSUER)
                .trustedTokenIssuerType("OIDC_JWT")
                .trustedTokenIssuerConfiguration(
                    c ->
                        c.oidcJwtConfiguration(
                            o ->
                                o.issuerUrl("https://legacy.example.com")
                                    .claimAttributePath("sub")
                                    .identityStoreAttributePath("userName")
                                    .jwksRetrievalOption("OPEN_ID_DISCOVERY"))));
    String legacy =
        sso.createApplication(
                r ->
                    r.instanceArn(instance)
                        .name(LEGACY_APP)
                        .applicationProviderArn("arn:aws:sso::aws:applicationProvider/custom"))
            .applicationArn();
    sso.putApplicationAccessScope(r -> r.applicationArn(legacy).scope("sts:identity_context"));
    sso.createApplicationAssignment(
        r ->
            r.applicationArn(legacy).principalType("GROUP").principalId(world.group("aws-finops")));
    sso.createApplication(
        r ->
            r.instanceArn(instance)
                .name(MANAGED_APP)
                .applicationProviderArn("arn:aws:sso::aws:applicationProvider/qbusiness")
                .overrideConfiguration(
                    o -> o.putHeader("X-Moto-Seed-Managed-Application", "true")));
  }

  /** SDK clients on moto with its test keys, for the test's own reads and console edits. */
  static AwsClients clients(URI endpoint) {
    return MotoClients.create(endpoint);
  }
}
