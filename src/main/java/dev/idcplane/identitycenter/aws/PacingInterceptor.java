package dev.idcplane.identitycenter.aws;

import dev.idcplane.identitycenter.ApiService;
import dev.idcplane.identitycenter.RequestPacer;
import java.util.Objects;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.identitystore.model.IdentitystoreRequest;
import software.amazon.awssdk.services.organizations.model.OrganizationsRequest;

/**
 * Takes a token from the {@link RequestPacer} for every HTTP request the SDK sends beyond the first
 * of a port call: a later page (its request carries a {@code NextToken}) or an SDK retry attempt.
 * The first attempt of a call's first page is paced by the port's caller, so no request pays twice.
 * Runs right before transmission, once per attempt.
 */
public final class PacingInterceptor implements ExecutionInterceptor {
  private static final ExecutionAttribute<Integer> ATTEMPT =
      new ExecutionAttribute<>("idc.pacing.attempt");
  private final RequestPacer pacer;

  public PacingInterceptor(RequestPacer pacer) {
    this.pacer = Objects.requireNonNull(pacer, "pacer");
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    Integer before = attributes.getAttribute(ATTEMPT);
    int attempt = before == null ? 1 : before + 1;
    attributes.putAttribute(ATTEMPT, attempt);
    SdkRequest request = context.request();
    boolean laterPage = request.getValueForField("NextToken", String.class).isPresent();
    if (attempt == 1 && !laterPage) {
      return;
    }
    try {
      pacer.acquire(serviceOf(request));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SdkClientException.create(
          "interrupted while waiting for a request token; the request was not sent", e);
    }
  }

  static ApiService serviceOf(SdkRequest request) {
    if (request instanceof OrganizationsRequest) {
      return ApiService.ORGANIZATIONS;
    }
    if (request instanceof IdentitystoreRequest) {
      return ApiService.IDENTITY_STORE;
    }
    return ApiService.SSO_ADMIN;
  }
}
