package dev.idcplane.identitycenter.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds the SDK clients the {@link AwsIdentityCenter} needs (and SSO OIDC for the application
 * doctor's token exchange), sharing one HTTP client. Plain factory (no CDI). The retry mode and max
 * attempts are always set explicitly so the SDK's retries and the service's own retry layer do not
 * multiply. Organizations is a global service with one endpoint per partition, so its client is
 * built for the partition's global Region ({@link #organizationsRegion}); STS is called in the
 * instance's Region. With an endpoint override (an emulator) every client goes to that endpoint.
 * Closing this closes the clients and the HTTP client.
 */
public final class AwsClients implements AutoCloseable {

  /**
   * @param region the Identity Center instance's region (sso-admin, identitystore)
   * @param endpointOverride an emulator endpoint such as http://127.0.0.1:5000; empty for AWS
   * @param retryMode the SDK retry mode (STANDARD, ADAPTIVE_V2, LEGACY)
   * @param maxAttempts SDK attempts per call including the first (1 = no SDK retries)
   * @param apiCallTimeout limit for one call including the SDK's retries
   * @param credentials explicit credentials; empty for the default credential chain
   * @param interceptors SDK execution interceptors added to all four clients (e.g. a test that
   *     counts API calls); empty in the service
   */
  public record Settings(
      Region region,
      Optional<URI> endpointOverride,
      RetryMode retryMode,
      int maxAttempts,
      Duration apiCallTimeout,
      Optional<AwsCredentialsProvider> credentials,
      List<ExecutionInterceptor> interceptors) {
    public Settings {
      Objects.requireNonNull(region, "region");
      endpointOverride = Objects.requireNonNullElse(endpointOverride, Optional.empty());
      Objects.requireNonNull(retryMode, "retryMode");
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
      }
      Objects.requireNonNull(apiCallTimeout, "apiCallTimeout");
      credentials = Objects.requireNonNullElse(credentials, Optional.empty());
      interceptors = List.copyOf(Objects.requireNonNullElse(interceptors, List.of()));
    }

    /** Settings without interceptors. */
    public Settings(
        Region region,
        Optional<URI> endpointOverride,
        RetryMode retryMode,
        int maxAttempts,
        Duration apiCallTimeout,
        Optional<AwsCredentialsProvider> credentials) {
      this(
          region, endpointOverride, retryMode, maxAttempts, apiCallTimeout, credentials, List.of());
    }
  }

  private final SdkHttpClient http;
  private final SsoAdminClient ssoAdmin;
  private final IdentitystoreClient identityStore;
  private final OrganizationsClient organizations;
  private final StsClient sts;
  private final SsoOidcClient ssoOidc;

  private AwsClients(
      SdkHttpClient http,
      SsoAdminClient sso,
      IdentitystoreClient ids,
      OrganizationsClient org,
      StsClient sts,
      SsoOidcClient ssoOidc) {
    this.http = http;
    this.ssoAdmin = sso;
    this.identityStore = ids;
    this.organizations = org;
    this.sts = sts;
    this.ssoOidc = ssoOidc;
  }

  /**
   * Why the SDK's default credential provider chain (what the service's clients use) has no
   * credentials now, or empty when it resolves some. Read by the {@code aws-credentials} readiness
   * check.
   */
  public static Optional<String> defaultCredentialsProblem() {
    try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build()) {
      chain.resolveCredentials();
      return Optional.empty();
    } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  /** The url-connection client: no extra dependencies, and calls here are few and sequential. */
  public static AwsClients create(Settings s) {
    SdkHttpClient http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(s.apiCallTimeout())
            .build();
    AwsCredentialsProvider credentials =
        s.credentials().orElseGet(() -> DefaultCredentialsProvider.builder().build());
    ClientOverrideConfiguration override =
        ClientOverrideConfiguration.builder()
            .retryStrategy(
                AwsRetryStrategy.forRetryMode(s.retryMode()).toBuilder()
                    .maxAttempts(s.maxAttempts())
                    .build())
            .apiCallTimeout(s.apiCallTimeout())
            .executionInterceptors(s.interceptors())
            .build();
    // An emulator answers any signing region; us-east-1 is what moto's Organizations expects.
    Region orgRegion =
        s.endpointOverride().isPresent() ? Region.US_EAST_1 : organizationsRegion(s.region());
    var sso = SsoAdminClient.builder().region(s.region());
    var ids = IdentitystoreClient.builder().region(s.region());
    var org = OrganizationsClient.builder().region(orgRegion);
    var sts = StsClient.builder().region(s.region());
    var oidc = SsoOidcClient.builder().region(s.region());
    s.endpointOverride()
        .ifPresent(
            uri -> {
              sso.endpointOverride(uri);
              ids.endpointOverride(uri);
              org.endpointOverride(uri);
              sts.endpointOverride(uri);
              oidc.endpointOverride(uri);
            });
    return new AwsClients(
        http,
        sso.httpClient(http)
            .credentialsProvider(credentials)
            .overrideConfiguration(override)
            .build(),
        ids.httpClient(http)
            .credentialsProvider(credentials)
            .overrideConfiguration(override)
            .build(),
        org.httpClient(http)
            .credentialsProvider(credentials)
            .overrideConfiguration(override)
            .build(),
        sts.httpClient(http)
            .credentialsProvider(credentials)
            .overrideConfiguration(override)
            .build(),
        oidc.httpClient(http)
            .credentialsProvider(credentials)
            .overrideConfiguration(override)
            .build());
  }

  /**
   * The Region an Organizations client is built for: the global Region of the instance Region's
   * partition ({@code aws-global} for {@code aws}, {@code aws-cn-global} for {@code aws-cn}, {@code
   * aws-us-gov-global} for {@code aws-us-gov}, and so on), whose endpoint the SDK resolves to that
   * partition's one Organizations endpoint. A partition without a global Region known to this SDK
   * gets the instance Region itself.
   */
  public static Region organizationsRegion(Region region) {
    Region global = Region.of(PartitionMetadata.of(region).id() + "-global");
    return Region.regions().contains(global) ? global : region;
  }

  public SsoAdminClient ssoAdmin() {
    return ssoAdmin;
  }

  public IdentitystoreClient identityStore() {
    return identityStore;
  }

  public OrganizationsClient organizations() {
    return organizations;
  }

  public StsClient sts() {
    return sts;
  }

  /** SSO OIDC, signed as {@code sso-oauth}: CreateTokenWithIAM. */
  public SsoOidcClient ssoOidc() {
    return ssoOidc;
  }

  @Override
  public void close() {
    ssoAdmin.close();
    identityStore.close();
    organizations.close();
    sts.close();
    ssoOidc.close();
    http.close();
  }
}
