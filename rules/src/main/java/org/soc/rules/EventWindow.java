package org.soc.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The events of one correlation key inside a rule's window, kept up to date one event at a time: what the
 * {@code eventWindow} accumulate function ({@link EventWindowFunction}) returns. Adding or removing an event costs
 * O(1) when events come and go in event-time order (the usual case; out-of-order ones cost a binary search and an
 * array shift), and everything a rule or an alert reads is O(1) or bounded by what is asked for — so a key with
 * 65,000 events in its window (a full port scan) costs no more per event than one with five.
 *
 * <p>Events are ordered by (timestamp, event id); an event inserted twice (same timestamp and id) counts once.
 * Per field it tallies the distinct values of {@code organization.id}, {@code source.ip}, {@code destination.ip},
 * {@code destination.port} and {@code user.name}, so {@link #distinct} and {@link #shared} need no scan.
 *
 * <p>A live view: Drools hands the same instance to the rule's constraints and consequence; read it there, do not
 * keep it. Not thread-safe (one per accumulate node memory).
 */
public final class EventWindow implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The fields {@link #distinct} and {@link #shared} answer for. */
  public static final List<String> TALLIED_FIELDS =
      List.of("organization.id", "source.ip", "destination.ip", "destination.port", "user.name");

  static final Comparator<SecurityEvent> ORDER = Comparator.comparingLong(SecurityEvent::getTimestamp)
      .thenComparing(SecurityEvent::getEventId, Comparator.nullsFirst(Comparator.naturalOrder()));

  /** An event of the window and how many times it was added (inserted twice: same timestamp and id). */
  private static final class Entry implements Serializable {
    private static final long serialVersionUID = 1L;
    final SecurityEvent event;
    int copies = 1;

    Entry(SecurityEvent event) {
      this.event = event;
    }
  }

  /** Ordered entries live in {@code entries[head..]}; the head moves instead of shifting on the usual removal. */
  private final ArrayList<Entry> entries = new ArrayList<>();
  private int head;
  private final Tally[] tallies = new Tally[TALLIED_FIELDS.size()];
  private long additions;
  private SecurityEvent newest;

  EventWindow() {
    for (int i = 0; i < tallies.length; i++) {
      tallies[i] = new Tally();
    }
  }

  void clear() {
    entries.clear();
    head = 0;
    for (int i = 0; i < tallies.length; i++) {
      tallies[i] = new Tally();
    }
    additions = 0;
    newest = null;
  }

  void add(SecurityEvent event) {
    additions++;
    newest = event;
    int size = entries.size();
    if (size == head || ORDER.compare(entries.get(size - 1).event, event) < 0) {
      entries.add(new Entry(event));
    } else {
      int at = search(event);
      if (at >= 0) {
        entries.get(at).copies++;
        return;
      }
      entries.add(-at - 1, new Entry(event));
    }
    tally(event, +1);
  }

  void remove(SecurityEvent event) {
    int at = entries.size() > head && ORDER.compare(entries.get(head).event, event) == 0 ? head : search(event);
    if (at < 0) {
      throw new IllegalStateException("not in the window: " + event);
    }
    Entry entry = entries.get(at);
    if (--entry.copies > 0) {
      return;
    }
    if (at == head) {
      entries.set(head++, null);
      if (head == entries.size()) {
        entries.clear();
        head = 0;
      } else if (head > 64 && head * 2 > entries.size()) {
        entries.subList(0, head).clear();
        head = 0;
      }
    } else {
      entries.remove(at);
    }
    tally(event, -1);
  }

  private int search(SecurityEvent event) {
    int low = head;
    int high = entries.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = ORDER.compare(entries.get(mid).event, event);
      if (c < 0) {
        low = mid + 1;
      } else if (c > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  private void tally(SecurityEvent event, int delta) {
    for (int i = 0; i < tallies.length; i++) {
      tallies[i].add(event.field(TALLIED_FIELDS.get(i)), delta);
    }
  }

  /** Whether the window holds this event (same timestamp and id). */
  public boolean contains(SecurityEvent event) {
    return getCount() > 0 && search(event) >= 0;
  }

  /** Distinct events in the window. */
  public int getCount() {
    return entries.size() - head;
  }

  /**
   * Events ever added to this window, never decremented: a rule remembers it at a firing and fires again only
   * once it grew, so an event leaving the window (the count changes but still passes) does not fire again.
   */
  public long getAdditions() {
    return additions;
  }

  /** The event added last: the one whose arrival made the rule fire. */
  public SecurityEvent getNewest() {
    return newest;
  }

  /** Event time of the oldest event, epoch millis. */
  public long getFirstSeen() {
    requireNotEmpty();
    return entries.get(head).event.getTimestamp();
  }

  /** Event time of the newest event (by event time, not arrival), epoch millis. */
  public long getLastSeen() {
    requireNotEmpty();
    return entries.get(entries.size() - 1).event.getTimestamp();
  }

  /** The most recent {@code limit} events, oldest first. */
  public List<SecurityEvent> recent(int limit) {
    int from = Math.max(head, entries.size() - limit);
    List<SecurityEvent> out = new ArrayList<>(entries.size() - from);
    for (int i = from; i < entries.size(); i++) {
      out.add(entries.get(i).event);
    }
    return out;
  }

  /** Number of distinct non-null values of a {@linkplain #TALLIED_FIELDS tallied field} in the window. */
  public int distinct(String field) {
    return tallies[index(field)].distinct();
  }

  /** The value every event of the window has for a tallied field, or null when they differ or one lacks it. */
  public String shared(String field) {
    return tallies[index(field)].shared();
  }

  /** The distinct {@code organization.id}s, sorted. */
  public SortedSet<String> agencies() {
    return tallies[index("organization.id")].values();
  }

  private static int index(String field) {
    int i = TALLIED_FIELDS.indexOf(field);
    if (i < 0) {
      throw new IllegalArgumentException("not a tallied field: " + field + "; tallied: " + TALLIED_FIELDS);
    }
    return i;
  }

  private void requireNotEmpty() {
    if (getCount() == 0) {
      throw new IllegalStateException("the window is empty");
    }
  }

  @Override
  public String toString() {
    return "EventWindow{count=" + getCount() + ", additions=" + additions + "}";
  }

  /**
   * Counts of the values of one field. Most windows hold one value per field (one source, one agency), so the
   * first value is kept inline and a map is made only for a second one.
   */
  private static final class Tally implements Serializable {
    private static final long serialVersionUID = 1L;
    private String single;
    private int singleCount;
    private Map<String, int[]> others;
    private int nulls;

    void add(String value, int delta) {
      if (value == null) {
        nulls += delta;
      } else if (single == null && (others == null || others.isEmpty())) {
        single = value;
        singleCount = delta;
      } else if (value.equals(single)) {
        singleCount += delta;
        if (singleCount == 0) {
          single = null;
          promote();
        }
      } else {
        if (others == null) {
          others = new HashMap<>();
        }
        int[] count = others.computeIfAbsent(value, v -> new int[1]);
        count[0] += delta;
        if (count[0] == 0) {
          others.remove(value);
        }
        if (single == null) {
          promote();
        }
      }
    }

    /** Keeps the inline slot filled while any value is counted. */
    private void promote() {
      if (others != null && !others.isEmpty()) {
        var first = others.entrySet().iterator().next();
        single = first.getKey();
        singleCount = first.getValue()[0];
        others.remove(single);
      }
    }

    int distinct() {
      return (single == null ? 0 : 1) + (others == null ? 0 : others.size());
    }

    String shared() {
      return nulls == 0 && distinct() == 1 ? single : null;
    }

    SortedSet<String> values() {
      SortedSet<String> out = new TreeSet<>();
      if (single != null) {
        out.add(single);
      }
      if (others != null) {
        out.addAll(others.keySet());
      }
      return Collections.unmodifiableSortedSet(out);
    }
  }
}
