package dev.idcplane.identitycenter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.ApiService;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.services.identitystore.model.GetGroupIdRequest;
import software.amazon.awssdk.services.organizations.model.ListAccountsForParentRequest;
import software.amazon.awssdk.services.ssoadmin.model.ListPermissionSetsRequest;

/** The interceptor pays for later pages and SDK retries; the port's caller paid for the first. */
class PacingInterceptorTest {
  private final List<ApiService> tokens = new ArrayList<>();
  private final PacingInterceptor interceptor = new PacingInterceptor(tokens::add);

  private static Context.BeforeTransmission transmitting(SdkRequest request) {
    return (Context.BeforeTransmission)
        Proxy.newProxyInstance(
            PacingInterceptorTest.class.getClassLoader(),
            new Class<?>[] {Context.BeforeTransmission.class},
            (proxy, method, args) -> method.getName().equals("request") ? request : null);
  }

  @Test
  void theFirstAttemptOfAFirstPageIsNotChargedAgain() {
    interceptor.beforeTransmission(
        transmitting(ListPermissionSetsRequest.builder().instanceArn("i").build()),
        new ExecutionAttributes());
    assertThat(tokens).isEmpty();
  }

  @Test
  void laterPagesAndRetriesEachTakeATokenOfTheirService() {
    ExecutionAttributes firstPage = new ExecutionAttributes();
    var first = transmitting(ListPermissionSetsRequest.builder().instanceArn("i").build());
    interceptor.beforeTransmission(first, firstPage);
    interceptor.beforeTransmission(first, firstPage); // the SDK's retry of the same request

    interceptor.beforeTransmission(
        transmitting(ListAccountsForParentRequest.builder().parentId("r").nextToken("t").build()),
        new ExecutionAttributes());
    ExecutionAttributes lookup = new ExecutionAttributes();
    var get = transmitting(GetGroupIdRequest.builder().identityStoreId("d").build());
    interceptor.beforeTransmission(get, lookup);
    interceptor.beforeTransmission(get, lookup);

    assertThat(tokens)
        .containsExactly(ApiService.SSO_ADMIN, ApiService.ORGANIZATIONS, ApiService.IDENTITY_STORE);
  }
}
