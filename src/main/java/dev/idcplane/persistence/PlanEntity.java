package dev.idcplane.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored plan. */
@Entity
@Table(name = "plan")
public class PlanEntity extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "created_by", nullable = false)
  public String createdBy;

  /** The display name of {@link #createdBy}'s token (preferred_username, upn, ...), if any. */
  @Column(name = "created_by_name")
  public String createdByName;

  @Column(name = "instance_arn", nullable = false)
  public String instanceArn;

  @Column(name = "matrix_digest", nullable = false)
  public String matrixDigest;

  @Column(name = "matrix_commit")
  public String matrixCommit;

  @Column(name = "matrix_origin", nullable = false)
  public String matrixOrigin;

  @Column(name = "snapshot_at", nullable = false)
  public Instant snapshotAt;

  @Column(nullable = false)
  public String fingerprint;

  @Column(name = "change_count", nullable = false)
  public int changeCount;

  @Column(name = "drift_count", nullable = false)
  public int driftCount;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb")
  public String document;

  @Column(name = "rendered_text", nullable = false)
  public String renderedText;

  /** The matrix files of a plan made from a request (null for the configured matrix). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "matrix_files", columnDefinition = "jsonb")
  public String matrixFiles;

  /** Live assignments of permission sets the matrix manages, when the plan was made. */
  @Column(name = "managed_assignments", nullable = false)
  public int managedAssignments;

  @OneToMany(mappedBy = "plan", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("seq")
  public List<PlanChangeEntity> changes = new ArrayList<>();

  @OneToMany(mappedBy = "plan", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("seq")
  public List<PlanDriftEntity> drift = new ArrayList<>();
}
