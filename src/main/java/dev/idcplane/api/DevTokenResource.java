package dev.idcplane.api;

import dev.idcplane.security.DevKeyGuard;
import dev.idcplane.security.Roles;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Dev mode only: prints a token signed with the dev key for one role, so a newcomer can call the
 * API without an identity provider: {@code curl -s 'localhost:8080/dev/token?role=admin'}. The bean
 * does not exist outside the dev build profile, and {@link DevKeyGuard} refuses to start prod with
 * the dev key.
 */
@IfBuildProfile("dev")
@Path("/dev/token")
public class DevTokenResource {
  private static final Set<String> ROLES =
      Set.of(Roles.VIEWER, Roles.AUDITOR, Roles.CI, Roles.DEPLOYER, Roles.ADMIN);

  private final PrivateKey key;
  private final String issuer;
  private final String audience;

  public DevTokenResource(
      @ConfigProperty(name = "idc.dev.signing-key") String keyFile,
      @ConfigProperty(name = "idc.auth.issuer") String issuer,
      @ConfigProperty(name = "idc.auth.audience") String audience)
      throws Exception {
    this.key = KeyUtils.decodePrivateKey(Files.readString(java.nio.file.Path.of(keyFile)));
    this.issuer = issuer;
    this.audience = audience;
  }

  @GET
  @PermitAll
  @Produces(MediaType.TEXT_PLAIN)
  public String token(@QueryParam("role") String role, @QueryParam("sub") String subject) {
    if (role == null || !ROLES.contains(role)) {
      throw new BadRequestException("role must be one of " + ROLES);
    }
    return Jwt.issuer(issuer)
            .audience(audience)
            .subject(subject == null ? "dev-" + role : subject)
            .groups(Set.of(role))
            .expiresIn(Duration.ofHours(8))
            .sign(key)
        + "\n";
  }
}
