package dev.idcplane.terraform;

import dev.idcplane.config.IdcConfig;
import dev.idcplane.plan.TerraformOwnership;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The configured Terraform states ({@code idc.terraform.state}), read afresh for every plan so that
 * what Terraform took over since is protected at once. Thread-safe.
 */
@ApplicationScoped
public class TerraformStates {
  private static final Logger LOG = Logger.getLogger(TerraformStates.class);
  private final List<String> locations;
  private final IdcConfig config;
  private volatile S3Client s3;

  public TerraformStates(IdcConfig config) {
    this.config = config;
    this.locations =
        config.terraform().state().orElse(List.of()).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .toList();
    if (!locations.isEmpty()) {
      LOG.infof("Terraform states whose resources are left to Terraform: %s", locations);
    }
  }

  /** What the configured states own; {@link TerraformOwnership#none()} without any. */
  public TerraformOwnership ownership() {
    if (locations.isEmpty()) {
      return TerraformOwnership.none();
    }
    Map<String, byte[]> contents = new LinkedHashMap<>();
    for (String location : locations) {
      contents.put(location, TerraformStateSource.read(location, this::s3));
    }
    return TerraformStateParser.parse(contents);
  }

  private S3Client s3() {
    S3Client client = s3;
    if (client == null) {
      synchronized (this) {
        if (s3 == null) {
          s3 = build();
        }
        client = s3;
      }
    }
    return client;
  }

  private S3Client build() {
    IdcConfig.Terraform tf = config.terraform();
    return s3Client(
        tf.s3Region().orElse(config.aws().region()),
        tf.s3EndpointOverride().or(() -> config.aws().endpointOverride()),
        config.aws().callTimeout());
  }

  /**
   * The S3 client states are read with: the default credential chain, buckets in other Regions
   * followed, each read bounded by {@code callTimeout} (idc.aws.call-timeout); path-style requests
   * to an endpoint override (an emulator).
   */
  public static S3Client s3Client(
      String region, Optional<String> endpointOverride, Duration callTimeout) {
    var builder =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.of(region))
            .crossRegionAccessEnabled(true)
            .overrideConfiguration(c -> c.apiCallTimeout(callTimeout));
    endpointOverride.ifPresent(e -> builder.endpointOverride(URI.create(e)).forcePathStyle(true));
    return builder.build();
  }

  @PreDestroy
  void close() {
    S3Client client = s3;
    if (client != null) {
      client.close();
    }
  }
}
