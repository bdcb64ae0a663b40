package dev.idcplane.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One change of a stored plan, one row each so changes can be queried across plans. */
@Entity
@Table(name = "plan_change")
@IdClass(PlanRowKey.class)
public class PlanChangeEntity extends PlanRow {
  @Column(nullable = false)
  public String action;

  @Column(name = "change_key", nullable = false)
  public String changeKey;

  @Column(nullable = false)
  public String reason;
}
