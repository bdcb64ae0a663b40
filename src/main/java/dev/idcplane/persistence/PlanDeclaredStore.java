package dev.idcplane.persistence;

import static dev.idcplane.persistence.Jdbc.set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.plan.DeletionGuard.Declared;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What each plan's matrix declared (table {@code plan_declared}), and what the last applied matrix
 * of an instance declared. Callers hold the transaction (the connection joins it).
 */
@ApplicationScoped
public class PlanDeclaredStore {
  private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};
  private final Jdbc jdbc;
  private final ObjectMapper json;

  public PlanDeclaredStore(AgroalDataSource dataSource, ObjectMapper json) {
    this.jdbc = new Jdbc(dataSource, "plan declarations");
    this.json = json;
  }

  public void store(UUID planId, Declared declared) {
    jdbc.update(
        "insert into plan_declared (plan_id, permission_sets, files) values (?, ?::jsonb, ?::jsonb)",
        ps -> set(ps, planId, write(declared.permissionSets()), write(declared.files())));
  }

  /**
   * What the matrix of the newest run of the instance that ended SUCCEEDED or PARTIAL declared;
   * empty when no run did, or when that run's plan was stored before declarations were recorded.
   */
  public Optional<Declared> lastApplied(String instanceArn) {
    List<Optional<Declared>> found = new ArrayList<>();
    jdbc.query(
        "select d.permission_sets, d.files from run r"
            + " left join plan_declared d on d.plan_id = r.plan_id"
            + " where r.instance_arn = ? and r.status in ('SUCCEEDED', 'PARTIAL')"
            + " order by r.finished_at desc nulls last, r.started_at desc limit 1",
        ps -> set(ps, instanceArn),
        rs ->
            found.add(
                rs.getString(1) == null
                    ? Optional.empty()
                    : Optional.of(new Declared(read(rs.getString(1)), read(rs.getString(2))))));
    return found.isEmpty() ? Optional.empty() : found.get(0);
  }

  private String write(java.util.Collection<String> names) {
    try {
      return json.writeValueAsString(List.copyOf(names));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write declared names", e);
    }
  }

  private TreeSet<String> read(String names) {
    try {
      return new TreeSet<>(json.readValue(names, NAMES));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable declared names " + names, e);
    }
  }
}
