package org.soc.correlation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The facts one key space retains on one subtask, by expiry, with the gate of each key (by the key alone: the
 * space is implied, so no routing key string is built per fact).
 *
 * <p>Why queues and not one heap: facts arrive in event-time order (the watermark releases them so) and a space
 * has only a few retention periods (the longest window of the rules a fact passes), so each period's facts
 * expire in arrival order: a FIFO per period, O(1) per fact where a heap of a million facts paid a sift of cache
 * misses. A fact that arrives out of order (late, evaluated at once) goes to a small heap beside them, so expiry
 * stays exact.
 */
final class RetainedFacts {
  /** A fact kept for rebuilding its session; {@code inserted} once it went into the engine. */
  private static final class Retained {
    final RoutedFact fact;
    final long expiresAt;
    /** How many retained facts its key needs before it goes in ({@link org.soc.rules.RuleSet#use}). */
    final int minFacts;
    boolean inserted;

    Retained(RoutedFact fact, long expiresAt, int minFacts) {
      this.fact = fact;
      this.expiresAt = expiresAt;
      this.minFacts = minFacts;
    }
  }

  /**
   * One key's retained facts, counted, and those still outside the engine: a key's facts go in once it holds as
   * many as the rules that can use them need ({@link org.soc.rules.RuleMetadata#minFacts}), so the many keys
   * seen once or twice in a window (most flow sources, most logins) cost a count, not the engine's joins. Exact:
   * a rule needing n facts of a key in its window cannot fire while the key has fewer than n retained facts
   * (retention covers every window), and the moment it has n, all of them are in, oldest first.
   */
  private static final class KeyGate {
    int retained;
    final List<Retained> held = new ArrayList<>(2);
  }

  /** Retention period (ms) → its facts in expiry order. */
  private final Map<Long, ArrayDeque<Retained>> byRetention = new HashMap<>(4);
  private final PriorityQueue<Retained> outOfOrder =
      new PriorityQueue<>(Comparator.comparingLong((Retained r) -> r.expiresAt));
  private final Map<String, KeyGate> gates = new HashMap<>();
  /** Key → agency name of the latest fact into the session since its matches were collected. */
  private Map<String, String> organizationNames = new HashMap<>();
  private int size;
  private int held;

  /**
   * Retains {@code routed} for {@code retentionMillis} and passes it to {@code intoEngine}, with any held fact of
   * its key whose need is now met (those first, oldest first, as they would have gone in without the gate), or
   * holds it while its key has fewer than {@code minFacts} retained facts.
   */
  void admit(RoutedFact routed, long retentionMillis, int minFacts, Consumer<RoutedFact> intoEngine) {
    Retained r = new Retained(routed, routed.fact().getTimestamp() + retentionMillis, minFacts);
    ArrayDeque<Retained> queue = byRetention.computeIfAbsent(retentionMillis, k -> new ArrayDeque<>());
    Retained last = queue.peekLast();
    if (last == null || last.expiresAt <= r.expiresAt) {
      queue.addLast(r);
    } else {
      outOfOrder.add(r);
    }
    size++;
    KeyGate gate = gates.computeIfAbsent(routed.key(), k -> new KeyGate());
    gate.retained++;
    if (!gate.held.isEmpty()) {
      Iterator<Retained> it = gate.held.iterator();
      while (it.hasNext()) {
        Retained h = it.next();
        if (h.minFacts <= gate.retained) {
          h.inserted = true;
          it.remove();
          held--;
          intoEngine.accept(h.fact);
        }
      }
    }
    if (r.minFacts <= gate.retained) {
      r.inserted = true;
      intoEngine.accept(routed);
    } else {
      gate.held.add(r);
      held++;
    }
  }

  /** Drops the facts that expire before {@code now}; their keys count one fact less, and forget them if held. */
  void expireBefore(long now) {
    for (ArrayDeque<Retained> queue : byRetention.values()) {
      while (!queue.isEmpty() && queue.peekFirst().expiresAt < now) {
        forget(queue.pollFirst());
      }
    }
    while (!outOfOrder.isEmpty() && outOfOrder.peek().expiresAt < now) {
      forget(outOfOrder.poll());
    }
  }

  private void forget(Retained r) {
    size--;
    String key = r.fact.key();
    KeyGate gate = gates.get(key);
    if (gate == null) {
      return;
    }
    if (!r.inserted && gate.held.remove(r)) {
      held--;
    }
    if (--gate.retained == 0) {
      gates.remove(key);
    }
  }

  /** Every retained fact, in no particular order. */
  void forEach(Consumer<RoutedFact> action) {
    byRetention.values().forEach(q -> q.forEach(r -> action.accept(r.fact)));
    outOfOrder.forEach(r -> action.accept(r.fact));
  }

  int size() {
    return size;
  }

  /** Retained facts not (yet) in the engine: their key has fewer facts than their rules need. */
  int held() {
    return held;
  }

  int keys() {
    return gates.size();
  }

  void noteOrganizationName(String key, String name) {
    organizationNames.put(key, name);
  }

  /** The names noted since the last call, by key (and forgets them). */
  Map<String, String> takeOrganizationNames() {
    if (organizationNames.isEmpty()) {
      return Map.of();
    }
    Map<String, String> names = organizationNames;
    organizationNames = new HashMap<>();
    return names;
  }
}
