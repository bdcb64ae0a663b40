package dev.idcplane.support;

/** What a test may do to a {@link TcpProxy} through JMX, from any class loader. */
public interface TcpProxyMBean {
  /** Listens (again) on the proxy's port. */
  void start();

  /** Closes the listener and every open connection. */
  void stop();
}
