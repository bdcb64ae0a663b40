package dev.idcplane.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One drift finding of a stored plan. */
@Entity
@Table(name = "plan_drift")
@IdClass(PlanRowKey.class)
public class PlanDriftEntity {
  @Id
  @ManyToOne
  @JoinColumn(name = "plan_id")
  public PlanEntity plan;

  @Id public int seq;

  @Column(nullable = false)
  public String kind;

  @Column(name = "finding_key", nullable = false)
  public String findingKey;

  @Column(name = "permission_set")
  public String permissionSet;

  @Column(name = "account_id")
  public String accountId;

  @Column(name = "principal_type")
  public String principalType;

  @Column(name = "principal_id")
  public String principalId;

  @Column(name = "principal_name")
  public String principalName;

  @Column(nullable = false)
  public String detail;
}
