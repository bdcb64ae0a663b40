package dev.idcplane.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder from a local port to a target, which a test can stop (closing the listener and
 * every open connection, as a database going away does) and start again on the same port.
 */
public final class TcpProxy implements TcpProxyMBean {
  private final String targetHost;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocket listener;
  private volatile int port;

  public TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  /** The local port; chosen by the first {@link #start()} and kept by later ones. */
  public int port() {
    return port;
  }

  /** Listens (again); does nothing while already listening. */
  @Override
  public synchronized void start() {
    if (listener != null) {
      return;
    }
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
      port = s.getLocalPort();
      listener = s;
      Thread accept = new Thread(() -> acceptLoop(s), "tcp-proxy-accept-" + port);
      accept.setDaemon(true);
      accept.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on port " + port, e);
    }
  }

  @Override
  public synchronized void stop() {
    ServerSocket s = listener;
    listener = null;
    closeQuietly(s);
    for (Socket c : open) {
      closeQuietly(c);
    }
    open.clear();
  }

  private void acceptLoop(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket client = s.accept();
        Socket upstream = new Socket(targetHost, targetPort);
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        // listener closed by stop(), or the target refused: drop this connection
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[16384];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                  out.write(buf, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // either side closed
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(java.io.Closeable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
