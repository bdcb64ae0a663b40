package dev.idcplane.bench;

import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.OperationStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How other tools apply, modelled on the same port: {@code workers} parallel workers, each submits
 * one CreateAccountAssignment, waits {@code firstWait}, then describes it every {@code pollEvery}
 * until it ends; a rejected submission is retried blindly after {@code retryAfter}. Terraform's
 * provider: 10 workers, 10 s then 5 s polls. AWS's samples: 10 in flight, 60 s polls.
 */
final class BaselineApplier {
  private final int workers;
  private final Duration firstWait;
  private final Duration pollEvery;
  private final Duration retryAfter;

  BaselineApplier(int workers, Duration firstWait, Duration pollEvery, Duration retryAfter) {
    this.workers = workers;
    this.firstWait = firstWait;
    this.pollEvery = pollEvery;
    this.retryAfter = retryAfter;
  }

  /** Applies every assignment; returns how many ended SUCCEEDED. */
  int apply(IdentityCenter ic, String instance, List<AccountAssignment> work)
      throws InterruptedException {
    ConcurrentLinkedQueue<AccountAssignment> queue = new ConcurrentLinkedQueue<>(work);
    AtomicInteger ok = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    for (int w = 0; w < workers; w++) {
      pool.submit(
          () -> {
            AccountAssignment a;
            while ((a = queue.poll()) != null) {
              try {
                if (one(ic, instance, a)) {
                  ok.incrementAndGet();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
            }
          });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    return ok.get();
  }

  private boolean one(IdentityCenter ic, String instance, AccountAssignment a)
      throws InterruptedException {
    OperationStatus s;
    while (true) {
      try {
        s = ic.createAccountAssignment(instance, a);
        break;
      } catch (IdentityCenterException e) {
        if (!e.retryable()) {
          return false;
        }
        sleep(retryAfter);
      }
    }
    sleep(firstWait);
    while (!s.state().terminal()) {
      try {
        s = ic.describeAccountAssignmentCreationStatus(instance, s.requestId());
      } catch (IdentityCenterException e) {
        if (!e.retryable()) {
          return false;
        }
      }
      if (!s.state().terminal()) {
        sleep(pollEvery);
      }
    }
    return s.state() == dev.idcplane.identitycenter.OperationState.SUCCEEDED;
  }

  private static void sleep(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
  }
}
