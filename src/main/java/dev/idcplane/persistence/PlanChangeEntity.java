package dev.idcplane.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One change of a stored plan, one row each so changes can be queried across plans. */
@Entity
@Table(name = "plan_change")
@IdClass(PlanRowKey.class)
public class PlanChangeEntity {
  @Id
  @ManyToOne
  @JoinColumn(name = "plan_id")
  public PlanEntity plan;

  @Id public int seq;

  @Column(nullable = false)
  public String action;

  @Column(name = "change_key", nullable = false)
  public String changeKey;

  @Column(name = "permission_set")
  public String permissionSet;

  @Column(name = "account_id")
  public String accountId;

  @Column(name = "principal_type")
  public String principalType;

  @Column(name = "principal_id")
  public String principalId;

  @Column(nullable = false)
  public String reason;
}
