package dev.idcplane.terraform;

import dev.idcplane.error.ControlPlaneException;

/**
 * A configured Terraform state ({@code idc.terraform.state}) could not be read. Planning stops: a
 * plan without the state would drop the protection of what Terraform owns.
 */
public class TerraformStateException extends ControlPlaneException {
  private final boolean retryable;

  public TerraformStateException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public TerraformStateException(String message) {
    this(message, false, null);
  }

  @Override
  public int httpStatus() {
    return 502;
  }

  @Override
  public String code() {
    return "terraform_state_unreadable";
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
