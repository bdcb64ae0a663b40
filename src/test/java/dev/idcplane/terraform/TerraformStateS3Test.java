package dev.idcplane.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.identitycenter.aws.MotoServer;
import dev.idcplane.plan.TerraformOwnership;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * s3:// states read through the real SDK against moto's S3, with the client the service builds
 * ({@link TerraformStates#s3Client}): the object's bytes, and each way of not getting them.
 */
class TerraformStateS3Test {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();
  static S3Client s3;

  @BeforeAll
  static void bucket() throws IOException {
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    s3 =
        TerraformStates.s3Client(
            "us-east-1", Optional.of(MOTO.endpoint().toString()), Duration.ofSeconds(30));
    s3.createBucket(b -> b.bucket("tf-state"));
    try (InputStream in =
        TerraformStateS3Test.class.getResourceAsStream("/terraform/sso.tfstate")) {
      s3.putObject(
          b -> b.bucket("tf-state").key("env:/prod/sso/terraform.tfstate"),
          RequestBody.fromBytes(in.readAllBytes()));
    }
  }

  @AfterAll
  static void close() {
    s3.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @Test
  void readsTheStateObject() throws IOException {
    String url = "s3://tf-state/env:/prod/sso/terraform.tfstate";
    byte[] bytes = TerraformStateSource.read(url, () -> s3);
    assertThat(bytes).isEqualTo(TerraformStateParserTest.shipped());

    TerraformOwnership o = TerraformStateParser.parse(Map.of(url, bytes));
    assertThat(o.assignments()).hasSize(2);
    assertThat(o.assignments().values()).allMatch(owner -> owner.state().equals(url));
  }

  @Test
  void aMissingObjectOrBucketIsAnErrorNamingIt() {
    assertThatThrownBy(
            () -> TerraformStateSource.read("s3://tf-state/sso/terraform.tfstate", () -> s3))
        .isInstanceOf(TerraformStateException.class)
        .hasMessageContaining("bucket tf-state has no object sso/terraform.tfstate")
        .hasMessageContaining("env:/<workspace>/");
    assertThatThrownBy(() -> TerraformStateSource.read("s3://no-such-bucket/x.tfstate", () -> s3))
        .isInstanceOf(TerraformStateException.class)
        .hasMessageContaining("no-such-bucket");
  }

  @Test
  void anUnreachableS3IsRetryable() {
    try (S3Client down =
        TerraformStates.s3Client(
            "us-east-1", Optional.of("http://127.0.0.1:9"), Duration.ofSeconds(10))) {
      assertThatThrownBy(() -> TerraformStateSource.read("s3://tf-state/x.tfstate", () -> down))
          .isInstanceOfSatisfying(
              TerraformStateException.class, e -> assertThat(e.retryable()).isTrue())
          .hasMessageContaining("S3 could not be reached");
    }
  }
}
