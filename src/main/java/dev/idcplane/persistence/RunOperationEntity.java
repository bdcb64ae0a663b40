package dev.idcplane.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One operation of a run, updated at every transition. */
@Entity
@Table(name = "run_operation")
@IdClass(RunRowKey.class)
public class RunOperationEntity extends PanacheEntityBase {
  @Id
  @Column(name = "run_id")
  public UUID run;

  @Id public int seq;

  @Column(nullable = false)
  public String kind;

  @Column(name = "change_key", nullable = false)
  public String changeKey;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb")
  public String change;

  @Column(nullable = false)
  public String outcome;

  @Column(name = "request_id")
  public String requestId;

  @Column(nullable = false)
  public int attempts;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "submitted_at")
  public Instant submittedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  public String error;
}
