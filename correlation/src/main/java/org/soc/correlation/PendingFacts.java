package org.soc.correlation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.flink.util.function.ThrowingConsumer;

/**
 * Facts waiting for the watermark, released in a total order once it passes them.
 *
 * <p>Why not a heap: facts wait for the out-of-orderness bound (tens of thousands of them at a high event
 * rate) and a heap paid a logarithmic sift of comparisons per fact (ties on the millisecond are common, so most
 * compare event ids), ~10 % of the rules thread. Nor one list sorted at every watermark: that walks everything
 * still waiting each time. Instead, what arrived between two watermarks is sorted once (each input channel
 * brings its facts nearly in order, so that sort merges a few long runs) and becomes a run; a watermark
 * releases the due facts by merging the heads of the few runs. Runs are merged into one when there are many
 * (a fact far in the future keeps its run alive).
 */
final class PendingFacts<T> {
  /** Above this many runs, they are merged into one, so picking the next fact stays a short scan. */
  static final int MAX_RUNS = 8;

  private final Comparator<T> order;
  private final ToLongFunction<T> time;
  private ArrayList<T> arrivals = new ArrayList<>();
  private final List<Run<T>> runs = new ArrayList<>();
  private int size;

  /** A sorted run and the position of its first fact not yet released. */
  private static final class Run<T> {
    final ArrayList<T> facts;
    int next;

    Run(ArrayList<T> facts) {
      this.facts = facts;
    }

    T head() {
      return facts.get(next);
    }

    boolean exhausted() {
      return next == facts.size();
    }

    List<T> waiting() {
      return facts.subList(next, facts.size());
    }
  }

  /** {@code order} must sort by {@code time} first. */
  PendingFacts(Comparator<T> order, ToLongFunction<T> time) {
    this.order = order;
    this.time = time;
  }

  void add(T fact) {
    arrivals.add(fact);
    size++;
  }

  /** Releases, in order, every fact at or before {@code watermark}; the others keep waiting. */
  void releaseUpTo(long watermark, ThrowingConsumer<T, Exception> release) throws Exception {
    if (!arrivals.isEmpty()) {
      arrivals.sort(order);
      runs.add(new Run<>(arrivals));
      arrivals = new ArrayList<>();
      if (runs.size() > MAX_RUNS) {
        mergeRuns();
      }
    }
    try {
      while (true) {
        Run<T> first = null;
        for (Run<T> run : runs) {
          T head = run.head();
          if (time.applyAsLong(head) <= watermark && (first == null || order.compare(head, first.head()) < 0)) {
            first = run;
          }
        }
        if (first == null) {
          return;
        }
        // A fact whose release throws stays waiting, with those after it.
        release.accept(first.head());
        first.next++;
        size--;
        if (first.exhausted()) {
          runs.remove(first);
        }
      }
    } finally {
      compactReleased();
    }
  }

  /** One sorted run of everything waiting in the runs. */
  private void mergeRuns() {
    ArrayList<T> all = new ArrayList<>(size); // called with no arrivals pending
    for (Run<T> run : runs) {
      all.addAll(run.waiting());
    }
    all.sort(order); // runs of sorted facts: the sort merges them
    runs.clear();
    runs.add(new Run<>(all));
  }

  /** Drops released facts from the front of the runs, so they can be collected. */
  private void compactReleased() {
    for (Run<T> run : runs) {
      if (run.next > 0) {
        run.facts.subList(0, run.next).clear();
        run.next = 0;
      }
    }
  }

  int size() {
    return size;
  }

  /** A copy of the waiting facts, for a checkpoint. */
  List<T> snapshot() {
    List<T> all = new ArrayList<>(size);
    for (Run<T> run : runs) {
      all.addAll(run.waiting());
    }
    all.addAll(arrivals);
    return all;
  }
}
