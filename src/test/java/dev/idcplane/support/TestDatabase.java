package dev.idcplane.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives each test run a PostgreSQL database of its own, so two checkouts (or two builds) on one
 * machine can test at once: before any test it creates {@code idc_test_<random>} on 127.0.0.1:5432
 * and names it in the {@code IDC_TEST_DB_URL} system property, which the test profile's datasource
 * URL reads; after the run it drops it. An {@code IDC_TEST_DB_URL} set in the environment wins and
 * is neither created nor dropped.
 */
public class TestDatabase implements LauncherSessionListener {
  static final String PROPERTY = "IDC_TEST_DB_URL";
  static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  private String created;

  /** The JDBC URL of this run's database. */
  public static String url() {
    String env = System.getenv(PROPERTY);
    if (env != null && !env.isBlank()) {
      return env;
    }
    return System.getProperty(PROPERTY, SERVER + "test");
  }

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String env = System.getenv(PROPERTY);
    if ((env != null && !env.isBlank()) || System.getProperty(PROPERTY) != null) {
      return;
    }
    String name = "idc_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("create database " + name);
    created = name;
    System.setProperty(PROPERTY, SERVER + name);
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (created != null) {
      execute("drop database if exists " + created + " with (force)");
      System.clearProperty(PROPERTY);
      created = null;
    }
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "test database: "
              + sql
              + " failed (is PostgreSQL up on"
              + " 127.0.0.1:5432 with trust auth for postgres?): "
              + e.getMessage(),
          e);
    }
  }
}
