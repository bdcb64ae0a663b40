package dev.idcplane.identitycenter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.identitystore.model.GetGroupIdRequest;
import software.amazon.awssdk.services.identitystore.model.GetGroupIdResponse;
import software.amazon.awssdk.services.identitystore.model.GetUserIdRequest;
import software.amazon.awssdk.services.identitystore.model.GetUserIdResponse;

/**
 * The lookups send the attribute paths the Identity Store API reference documents: "the only valid
 * path is displayName" (API_GetGroupId.html), "the only valid paths are userName and emails.value"
 * (API_GetUserId.html). moto compares paths case-insensitively, so the requests are checked here.
 */
class AwsIdentityStoreTest {
  final List<String> paths = new ArrayList<>();

  final IdentitystoreClient client =
      (IdentitystoreClient)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {IdentitystoreClient.class},
              (proxy, method, args) -> {
                if (args != null && args[0] instanceof GetGroupIdRequest r) {
                  paths.add(r.alternateIdentifier().uniqueAttribute().attributePath());
                  return GetGroupIdResponse.builder()
                      .groupId("g-1")
                      .identityStoreId(r.identityStoreId())
                      .build();
                }
                if (args != null && args[0] instanceof GetUserIdRequest r) {
                  paths.add(r.alternateIdentifier().uniqueAttribute().attributePath());
                  return GetUserIdResponse.builder()
                      .userId("u-1")
                      .identityStoreId(r.identityStoreId())
                      .build();
                }
                // The Consumer<Builder> overloads are default methods that build the request and
                // call the
                // overloads above.
                return InvocationHandler.invokeDefault(proxy, method, args);
              });

  @Test
  void lookupsUseTheDocumentedAttributePaths() {
    AwsIdentityStore store = new AwsIdentityStore(client);

    assertThat(store.findGroupId("d-1234567890", "platform-admins")).contains("g-1");
    assertThat(store.findUserId("d-1234567890", "alice@example.com")).contains("u-1");

    assertThat(paths).containsExactly("displayName", "userName");
  }
}
