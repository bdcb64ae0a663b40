package dev.idcplane.ui;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Dev mode only: the console's one-click local login. Serves {@link LocalIdentityProvider} at
 * {@code /dev/idp}, signing with the committed dev key, so {@code ./mvnw quarkus:dev} needs no
 * identity provider: open {@code /ui}, pick a role. The bean does not exist outside the dev build
 * profile (prod answers 404 here, and the console's tenant is configured against the real IdP).
 */
@IfBuildProfile("dev")
@Path("/dev/idp")
@PermitAll
public class DevIdentityProviderResource {
  private final LocalIdentityProvider idp;

  public DevIdentityProviderResource(
      @ConfigProperty(name = "idc.dev.signing-key") String keyFile,
      @ConfigProperty(name = "quarkus.oidc.ui.auth-server-url") String issuer,
      @ConfigProperty(name = "quarkus.oidc.ui.credentials.secret") Optional<String> secret)
      throws Exception {
    var key =
        (RSAPrivateCrtKey)
            KeyUtils.decodePrivateKey(Files.readString(java.nio.file.Path.of(keyFile)));
    var pub =
        (RSAPublicKey)
            KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    this.idp = new LocalIdentityProvider(issuer, key, pub, secret);
  }

  @GET
  @Path(".well-known/openid-configuration")
  public Response discovery() {
    return answer(idp.discovery());
  }

  @GET
  @Path("jwks")
  public Response jwks() {
    return answer(idp.jwks());
  }

  @GET
  @Path("authorize")
  public Response authorize(@Context UriInfo uri) {
    return answer(idp.authorize(single(uri.getQueryParameters())));
  }

  @GET
  @Path("approve")
  public Response approve(@Context UriInfo uri) {
    return answer(idp.approve(single(uri.getQueryParameters())));
  }

  @POST
  @Path("token")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response token(
      MultivaluedMap<String, String> form, @HeaderParam("Authorization") String authorization) {
    return answer(idp.token(single(form), authorization));
  }

  private static Map<String, String> single(MultivaluedMap<String, String> params) {
    Map<String, String> out = new HashMap<>();
    params.forEach((k, v) -> out.put(k, v.isEmpty() ? "" : v.get(0)));
    return out;
  }

  private static Response answer(LocalIdentityProvider.Answer a) {
    Response.ResponseBuilder r = Response.status(a.status()).type(a.contentType()).entity(a.body());
    if (a.location() != null) {
      r.location(URI.create(a.location()));
    }
    return r.build();
  }
}
