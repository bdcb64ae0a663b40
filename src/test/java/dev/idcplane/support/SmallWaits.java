package dev.idcplane.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Apply waits sized for the sandbox, which finishes operations by the next call. Each test class
 * using a profile gets its own application start and so its own sandbox world.
 */
public class SmallWaits implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "idc.apply.poll-first", "10ms",
        "idc.apply.poll-max", "100ms",
        "idc.apply.backoff-base", "5ms",
        "idc.apply.backoff-max", "50ms");
  }
}
