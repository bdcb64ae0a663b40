package dev.idcplane.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One apply run. */
@Entity
@Table(name = "run")
public class RunEntity extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "plan_id", nullable = false)
  public UUID planId;

  @Column(name = "instance_arn", nullable = false)
  public String instanceArn;

  @Column(nullable = false)
  public String status;

  @Column(name = "started_by", nullable = false)
  public String startedBy;

  /** The display name of {@link #startedBy}'s token (preferred_username, upn, ...), if any. */
  @jakarta.persistence.Column(name = "started_by_name")
  public String startedByName;

  @Column(name = "started_at", nullable = false)
  public Instant startedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  @Column(name = "matrix_digest", nullable = false)
  public String matrixDigest;

  @Column(name = "matrix_commit")
  public String matrixCommit;

  @Column(name = "operation_count", nullable = false)
  public int operationCount;

  public String error;

  @Column(name = "aws_calls")
  public Long awsCalls;

  public Long retries;

  @Column(name = "max_in_flight")
  public Integer maxInFlight;
}
