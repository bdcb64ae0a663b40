package dev.idcplane.apply;

import dev.idcplane.identitycenter.IdentityCenterException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a run did to AWS: calls made, retries by cause, and the most operations in flight at once.
 */
public final class RunCounters {
  private final AtomicLong calls = new AtomicLong();
  private final Map<IdentityCenterException.Kind, AtomicLong> retries =
      new EnumMap<>(IdentityCenterException.Kind.class);
  private int maxInFlight;

  public RunCounters() {
    for (IdentityCenterException.Kind k : IdentityCenterException.Kind.values()) {
      retries.put(k, new AtomicLong());
    }
  }

  void call() {
    calls.incrementAndGet();
  }

  void retry(IdentityCenterException.Kind kind) {
    retries.get(kind).incrementAndGet();
  }

  synchronized void inFlight(int n) {
    maxInFlight = Math.max(maxInFlight, n);
  }

  public long calls() {
    return calls.get();
  }

  public long retries(IdentityCenterException.Kind kind) {
    return retries.get(kind).get();
  }

  public long totalRetries() {
    return retries.values().stream().mapToLong(AtomicLong::get).sum();
  }

  public synchronized int maxInFlight() {
    return maxInFlight;
  }
}
