package dev.idcplane.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;

/** What a plan's change and drift rows share: their plan, position, and the assignment's parts. */
@MappedSuperclass
public abstract class PlanRow {
  @Id
  @ManyToOne
  @JoinColumn(name = "plan_id")
  public PlanEntity plan;

  @Id public int seq;

  @Column(name = "permission_set")
  public String permissionSet;

  @Column(name = "account_id")
  public String accountId;

  @Column(name = "principal_type")
  public String principalType;

  @Column(name = "principal_id")
  public String principalId;
}
