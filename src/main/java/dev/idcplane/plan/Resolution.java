package dev.idcplane.plan;

import dev.idcplane.matrix.Violation;
import java.util.List;
import java.util.Objects;

/**
 * What resolving a matrix produced: the desired state and the errors that make it unusable for
 * planning (empty when valid). Non-blocking findings are {@link DesiredState#warnings()}.
 */
public record Resolution(DesiredState desired, List<Violation> errors) {
  public Resolution {
    Objects.requireNonNull(desired, "desired");
    errors = errors.stream().sorted().toList();
  }

  public boolean valid() {
    return errors.isEmpty();
  }
}
