package org.soc.correlation;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** Polling another process's state (a server, a cluster, files) until a condition holds, with a deadline. */
final class Await {
  private Await() {}

  interface Read<T> {
    T get() throws Exception;
  }

  /** Reads every 500 ms until {@code condition} holds; fails after {@code timeout} with the last value read. */
  static <T> T until(String what, Duration timeout, Read<T> read, Predicate<T> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T last = read.get();
      if (condition.test(last)) {
        return last;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(what + " not reached within " + timeout + "; last: " + last);
      }
      Thread.sleep(500); // poll interval of another process's state, not a synchronisation
    }
  }
}
