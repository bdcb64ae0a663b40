package dev.idcplane.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One drift finding of a stored plan. */
@Entity
@Table(name = "plan_drift")
@IdClass(PlanRowKey.class)
public class PlanDriftEntity extends PlanRow {
  @Column(nullable = false)
  public String kind;

  @Column(name = "finding_key", nullable = false)
  public String findingKey;

  @Column(name = "principal_name")
  public String principalName;

  @Column(nullable = false)
  public String detail;
}
