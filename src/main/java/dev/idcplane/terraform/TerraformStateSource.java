package dev.idcplane.terraform;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads one state file's bytes: an {@code s3://bucket/key} URL through S3 GetObject, anything else
 * as a local path. Every failure is a {@link TerraformStateException} saying which state and what
 * to fix.
 */
public final class TerraformStateSource {
  private TerraformStateSource() {}

  public static byte[] read(String location, Supplier<S3Client> s3) {
    if (location.startsWith("s3://")) {
      return readS3(location, s3.get());
    }
    Path path = Path.of(location.startsWith("file://") ? location.substring(7) : location);
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new TerraformStateException(
          "Terraform state "
              + location
              + " does not exist ("
              + path.toAbsolutePath()
              + "): fix idc.terraform.state, or remove the entry if that state is gone");
    } catch (AccessDeniedException e) {
      throw new TerraformStateException(
          "Terraform state " + location + " cannot be read: permission denied", false, e);
    } catch (IOException e) {
      throw new TerraformStateException(
          "Terraform state " + location + " cannot be read: " + e.getMessage(), true, e);
    }
  }

  private static byte[] readS3(String location, S3Client s3) {
    String rest = location.substring("s3://".length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new TerraformStateException(
          "Terraform state "
              + location
              + " is not an s3://bucket/key URL: name the state object, e.g."
              + " s3://my-tf-state/sso/terraform.tfstate");
    }
    String bucket = rest.substring(0, slash);
    String key = rest.substring(slash + 1);
    try {
      return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    } catch (NoSuchKeyException e) {
      throw new TerraformStateException(
          "Terraform state "
              + location
              + ": bucket "
              + bucket
              + " has no object "
              + key
              + " (a workspace other than default keeps its state under env:/<workspace>/)",
          false,
          e);
    } catch (NoSuchBucketException e) {
      throw new TerraformStateException(
          "Terraform state " + location + ": there is no bucket " + bucket, false, e);
    } catch (S3Exception e) {
      boolean denied = e.statusCode() == 403;
      throw new TerraformStateException(
          "Terraform state "
              + location
              + (denied
                  ? ": access denied; grant the service's role s3:GetObject on arn:aws:s3:::"
                      + bucket
                      + "/"
                      + key
                      + " (and kms:Decrypt on the bucket's key, if it has one)"
                  : ": S3 answered " + e.statusCode() + " " + e.awsErrorDetails().errorCode()),
          !denied && e.statusCode() >= 500,
          e);
    } catch (SdkClientException e) {
      throw new TerraformStateException(
          "Terraform state " + location + ": S3 could not be reached: " + e.getMessage(), true, e);
    }
  }
}
