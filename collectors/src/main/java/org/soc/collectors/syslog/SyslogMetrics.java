package org.soc.collectors.syslog;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the syslog collector, one set per transport, plus received messages per agency. Cheap to update
 * from every event loop thread (LongAdder); read by the launcher's metrics endpoint and by tests.
 */
public final class SyslogMetrics {
  private final Transport udp = new Transport();
  private final Transport tcp = new Transport();
  private final ConcurrentMap<String, LongAdder> receivedByAgency = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> droppedByReason = new ConcurrentHashMap<>();

  public Transport udp() {
    return udp;
  }

  public Transport tcp() {
    return tcp;
  }

  public Transport transport(String input) {
    return SyslogMessageParser.INPUT_TCP.equals(input) ? tcp : udp;
  }

  /** Agencies are a bounded, configured set (plus "unknown"), so this map stays small. */
  public void receivedFrom(String agencyId) {
    receivedByAgency.computeIfAbsent(agencyId, k -> new LongAdder()).increment();
  }

  public long receivedFromAgency(String agencyId) {
    LongAdder a = receivedByAgency.get(agencyId);
    return a == null ? 0 : a.sum();
  }

  public Map<String, Long> receivedByAgency() {
    Map<String, Long> out = new TreeMap<>();
    receivedByAgency.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Counts a message dropped before publishing, by reason (a short fixed vocabulary, not free text). */
  public void dropped(Transport transport, String reason) {
    transport.dropped.increment();
    droppedByReason.computeIfAbsent(reason, k -> new LongAdder()).increment();
  }

  public Map<String, Long> droppedByReason() {
    Map<String, Long> out = new TreeMap<>();
    droppedByReason.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Counters of one transport. */
  public static final class Transport {
    /** Frames (TCP) or datagrams (UDP) handed to the parser. */
    final LongAdder received = new LongAdder();
    /** Parsed without a parse failure. */
    final LongAdder decoded = new LongAdder();
    /** Flagged {@code _parse_failure}: bad PRI, bad header, invalid UTF-8, framing error. */
    final LongAdder malformed = new LongAdder();
    final LongAdder truncated = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder bytes = new LongAdder();
    /** TCP connections accepted since start. */
    final LongAdder connections = new LongAdder();
    /** TCP connections refused because the connection limit was reached. */
    final LongAdder connectionsRejected = new LongAdder();
    /** Exceptions raised by the channel (I/O errors, resets), each logged once. */
    final LongAdder channelErrors = new LongAdder();

    public long received() {
      return received.sum();
    }

    public long decoded() {
      return decoded.sum();
    }

    public long malformed() {
      return malformed.sum();
    }

    public long truncated() {
      return truncated.sum();
    }

    public long dropped() {
      return dropped.sum();
    }

    public long bytes() {
      return bytes.sum();
    }

    public long connections() {
      return connections.sum();
    }

    public long connectionsRejected() {
      return connectionsRejected.sum();
    }

    public long channelErrors() {
      return channelErrors.sum();
    }
  }
}
