package dev.idcplane.identitycenter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.IdentityCenterException.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** SDK exceptions map to the port's error kinds and keep AWS's message. */
class AwsErrorsTest {

  @ParameterizedTest
  @CsvSource({
    "ThrottlingException, 400, Rate exceeded, THROTTLED",
    // The outstanding-operation cap, as AWS answers it (HTTP 400,
    // aws-iam-identity-center-extensions #87).
    "ThrottlingException, 400, There are too many requests processing. Please try again later., THROTTLED",
    "TooManyRequestsException, 400, AWS Organizations can't complete your request, THROTTLED",
    "SomethingNew, 429, slow down, THROTTLED",
    "ConflictException, 400, Too many outstanding requests, CONFLICT",
    "ConcurrentModificationException, 400, try again, CONFLICT",
    "ValidationException, 400, There are too many outstanding operations, CONFLICT",
    "InternalServerException, 500, oops, SERVICE",
    "ServiceException, 500, oops, SERVICE",
    "SomethingNew, 503, unavailable, SERVICE",
    "ResourceNotFoundException, 400, Could not find PermissionSet, NOT_FOUND",
    "ParentNotFoundException, 400, no parent, NOT_FOUND",
    "AccessDeniedException, 400, not authorized, ACCESS_DENIED",
    "SomethingNew, 403, forbidden, ACCESS_DENIED",
    "ValidationException, 400, bad arn, VALIDATION",
    "InvalidInputException, 400, bad id, VALIDATION",
    "ServiceQuotaExceededException, 400, too many policies, VALIDATION",
  })
  void serviceErrors(String code, int status, String message, Kind kind) {
    AwsServiceException e =
        AwsServiceException.builder()
            .statusCode(status)
            .awsErrorDetails(
                AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
            .build();
    IdentityCenterException t = AwsErrors.translate("ListAccountAssignments", e);
    assertThat(t.kind()).isEqualTo(kind);
    assertThat(t.operation()).isEqualTo("ListAccountAssignments");
    assertThat(t.getMessage()).contains(message).contains(code);
    assertThat(t.getCause()).isSameAs(e);
  }

  @org.junit.jupiter.api.Test
  void clientSideFailuresAreTimeouts() {
    assertThat(
            AwsErrors.translate("ListRoots", SdkClientException.create("Connection refused"))
                .kind())
        .isEqualTo(Kind.TIMEOUT);
    assertThat(AwsErrors.translate("ListRoots", ApiCallTimeoutException.create(1000)).kind())
        .isEqualTo(Kind.TIMEOUT);
  }
}
