package dev.idcplane.persistence;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Composite key of a run's operations: the run and the operation's position in the plan. */
public class RunRowKey implements Serializable {
  public UUID run;
  public int seq;

  @Override
  public boolean equals(Object o) {
    return o instanceof RunRowKey k && Objects.equals(run, k.run) && seq == k.seq;
  }

  @Override
  public int hashCode() {
    return Objects.hash(run, seq);
  }
}
