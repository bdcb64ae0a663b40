package dev.idcplane.persistence;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Composite key of a plan's child rows: the plan and the row's position in it. */
public class PlanRowKey implements Serializable {
  public UUID plan;
  public int seq;

  @Override
  public boolean equals(Object o) {
    return o instanceof PlanRowKey k && Objects.equals(plan, k.plan) && seq == k.seq;
  }

  @Override
  public int hashCode() {
    return Objects.hash(plan, seq);
  }
}
