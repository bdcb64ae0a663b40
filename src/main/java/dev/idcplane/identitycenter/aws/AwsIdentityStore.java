package dev.idcplane.identitycenter.aws;

import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.Principal;
import dev.idcplane.identitycenter.PrincipalType;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.identitystore.model.AlternateIdentifier;
import software.amazon.awssdk.services.identitystore.model.ResourceNotFoundException;
import software.amazon.awssdk.services.identitystore.model.ResourceType;

/**
 * The identity store half of {@link AwsIdentityCenter}. A missing group or user is an empty
 * Optional; a missing identity store stays a NOT_FOUND error.
 */
final class AwsIdentityStore {
  private final IdentitystoreClient client;

  AwsIdentityStore(IdentitystoreClient client) {
    this.client = client;
  }

  /**
   * The attribute paths are the documented ones: "For the unique attribute, the only valid path is
   * displayName" (GetGroupId) and "the only valid paths are userName and emails.value" (GetUserId),
   * https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_GetGroupId.html
   * and API_GetUserId.html.
   */
  Optional<String> findGroupId(String store, String displayName) {
    AlternateIdentifier id = uniqueAttribute("displayName", displayName);
    return absentIfMissing(
        "GetGroupId",
        () -> client.getGroupId(r -> r.identityStoreId(store).alternateIdentifier(id)).groupId());
  }

  Optional<String> findUserId(String store, String userName) {
    return findUserIdByAttribute(store, "userName", userName);
  }

  Optional<String> findUserIdByAttribute(String store, String path, String value) {
    AlternateIdentifier id = uniqueAttribute(path, value);
    return absentIfMissing(
        "GetUserId",
        () -> client.getUserId(r -> r.identityStoreId(store).alternateIdentifier(id)).userId());
  }

  /** The identifier of the one group or user whose unique attribute {@code path} is value. */
  private static AlternateIdentifier uniqueAttribute(String path, String value) {
    return AlternateIdentifier.builder()
        .uniqueAttribute(u -> u.attributePath(path).attributeValue(Document.fromString(value)))
        .build();
  }

  Optional<Principal> describe(String store, PrincipalType type, String id) {
    return switch (type) {
      case GROUP ->
          absentIfMissing(
              "DescribeGroup",
              () ->
                  new Principal(
                      type,
                      id,
                      client
                          .describeGroup(r -> r.identityStoreId(store).groupId(id))
                          .displayName()));
      case USER ->
          absentIfMissing(
              "DescribeUser",
              () ->
                  new Principal(
                      type,
                      id,
                      client.describeUser(r -> r.identityStoreId(store).userId(id)).userName()));
    };
  }

  private static <T> Optional<T> absentIfMissing(String operation, Supplier<T> body) {
    try {
      return Optional.of(body.get());
    } catch (ResourceNotFoundException e) {
      if (e.resourceType() == ResourceType.IDENTITY_STORE) {
        throw AwsErrors.translate(operation, e);
      }
      return Optional.empty();
    } catch (SdkException e) {
      throw AwsErrors.translate(operation, e);
    } catch (IdentityCenterException e) {
      throw e;
    }
  }
}
