package dev.idcplane.identitycenter.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts simulated AWS API calls per operation name (one per page of a list call). Thread-safe. */
final class CallCounter {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  void add(String operation, long calls) {
    counts.computeIfAbsent(operation, k -> new LongAdder()).add(calls);
  }

  Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((op, n) -> out.put(op, n.sum()));
    return java.util.Collections.unmodifiableMap(out);
  }

  void reset() {
    counts.clear();
  }
}
