package dev.idcplane.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Map;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Puts a {@link TcpProxy} between the application and this run's test database ({@link
 * TestDatabase}), so a test can take the database away and bring it back. Test code and this
 * resource may see different class loaders, so the test reaches the proxy through the platform
 * MBean server.
 */
public class DatabaseProxy implements QuarkusTestResourceLifecycleManager {
  static final String NAME = "dev.idcplane.test:type=DatabaseProxy";

  private TcpProxy proxy;

  @Override
  public Map<String, String> start() {
    String url = TestDatabase.url();
    URI db = URI.create(url.substring("jdbc:".length()));
    proxy = new TcpProxy(db.getHost(), db.getPort() < 0 ? 5432 : db.getPort());
    proxy.start();
    try {
      ManagementFactory.getPlatformMBeanServer().registerMBean(proxy, new ObjectName(NAME));
    } catch (JMException e) {
      throw new IllegalStateException("cannot register the database proxy", e);
    }
    String proxied =
        "jdbc:postgresql://127.0.0.1:"
            + proxy.port()
            + db.getPath()
            + (db.getRawQuery() == null ? "" : "?" + db.getRawQuery());
    return Map.of("quarkus.datasource.jdbc.url", proxied);
  }

  @Override
  public void stop() {
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(new ObjectName(NAME));
    } catch (JMException e) {
      // already gone
    }
    proxy.stop();
  }

  /** Takes the database away: the listener and every open connection close. */
  public static void stopDatabase() {
    invoke("stop");
  }

  /** Brings the database back on the same port. */
  public static void startDatabase() {
    invoke("start");
  }

  private static void invoke(String operation) {
    try {
      ManagementFactory.getPlatformMBeanServer()
          .invoke(new ObjectName(NAME), operation, null, null);
    } catch (JMException e) {
      throw new IllegalStateException("cannot " + operation + " the database proxy", e);
    }
  }
}
