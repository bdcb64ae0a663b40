package dev.idcplane.identitycenter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.IdentityCenterException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The request-rate limit of AWS-like moto through the real SDK and our adapter: a burst of 25 calls
 * at once gets some "Rate exceeded" ThrottlingExceptions, THROTTLED to the engine. The limit here
 * is 5 calls a second, not AWS's 20: on a loaded CI machine moto itself may serve fewer than 20
 * calls a second, and the test must not depend on the machine's speed.
 */
class AwsLikeMotoRateTest {
  @RegisterExtension
  static final MotoServer MOTO = MotoServer.awsLike(Duration.ofSeconds(1), 15, 5);

  static AwsClients clients;
  static AwsIdentityCenter ic;
  static String instance;
  static String permissionSet;

  @BeforeAll
  static void start() {
    clients = MotoClients.create(MOTO.endpoint());
    ic = new AwsIdentityCenter(clients);
    instance = ic.listInstances().get(0).instanceArn();
    permissionSet =
        clients
            .ssoAdmin()
            .createPermissionSet(r -> r.instanceArn(instance).name("Dev"))
            .permissionSet()
            .permissionSetArn();
  }

  @AfterAll
  static void close() {
    if (clients != null) {
      clients.close();
    }
  }

  @Test
  void moreThanTheRateCallsInOneSecondAreThrottled() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(25);
    try {
      List<Future<?>> calls = new ArrayList<>();
      CountDownLatch go = new CountDownLatch(1);
      for (int n = 0; n < 25; n++) {
        calls.add(
            pool.submit(
                () -> {
                  go.await();
                  return ic.listPermissionSets(instance);
                }));
      }
      go.countDown();
      List<IdentityCenterException> throttled = new ArrayList<>();
      for (Future<?> f : calls) {
        try {
          assertThat(f.get()).asList().contains(permissionSet);
        } catch (ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(IdentityCenterException.class);
          throttled.add((IdentityCenterException) e.getCause());
        }
      }
      assertThat(throttled)
          .isNotEmpty()
          .allSatisfy(
              e -> {
                assertThat(e.kind()).isEqualTo(IdentityCenterException.Kind.THROTTLED);
                assertThat(e.getMessage()).endsWith("ThrottlingException: Rate exceeded");
              });
    } finally {
      pool.shutdownNow();
    }
  }
}
