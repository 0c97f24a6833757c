package org.soc.collectors.syslog;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the syslog collector: one set per transport (UDP, TCP, TLS), TLS handshake and reload counters,
 * and per agency what was received, malformed and dropped. Cheap to update from every event loop thread
 * (LongAdder); read by the metrics endpoint ({@code CollectorHttpServer}) and by tests.
 */
public final class SyslogMetrics {
  private final Transport udp = new Transport("udp");
  private final Transport tcp = new Transport("tcp");
  private final Transport tls = new Transport("tls");
  private final Tls tlsCounters = new Tls();
  private final ConcurrentMap<String, LongAdder> receivedByAgency = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> malformedByAgency = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> droppedByAgency = new ConcurrentHashMap<>();

  public Transport udp() {
    return udp;
  }

  public Transport tcp() {
    return tcp;
  }

  public Transport tls() {
    return tls;
  }

  /** UDP, TCP and TLS. */
  public java.util.List<Transport> transports() {
    return java.util.List.of(udp, tcp, tls);
  }

  /** Handshakes, client names and certificate reloads of the TLS listener. */
  public Tls tlsCounters() {
    return tlsCounters;
  }

  public Transport transport(String input) {
    if (SyslogMessageParser.INPUT_TCP.equals(input)) {
      return tcp;
    }
    return SyslogServer.INPUT_TLS.equals(input) ? tls : udp;
  }

  /** Agencies are a bounded, configured set (plus "unknown"), so these maps stay small. */
  public void receivedFrom(String agencyId) {
    count(receivedByAgency, agencyId);
  }

  void malformedFrom(String agencyId) {
    count(malformedByAgency, agencyId);
  }

  /** A message of this agency dropped before publishing (UDP under back-pressure). */
  void droppedFrom(String agencyId) {
    count(droppedByAgency, agencyId);
  }

  private static void count(ConcurrentMap<String, LongAdder> map, String key) {
    map.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  public long receivedFromAgency(String agencyId) {
    return sum(receivedByAgency, agencyId);
  }

  public long droppedFromAgency(String agencyId) {
    return sum(droppedByAgency, agencyId);
  }

  private static long sum(ConcurrentMap<String, LongAdder> map, String key) {
    LongAdder a = map.get(key);
    return a == null ? 0 : a.sum();
  }

  public Map<String, Long> receivedByAgency() {
    return snapshot(receivedByAgency);
  }

  public Map<String, Long> malformedByAgency() {
    return snapshot(malformedByAgency);
  }

  public Map<String, Long> droppedByAgency() {
    return snapshot(droppedByAgency);
  }

  /** Counts a message dropped before publishing, by reason (a short fixed vocabulary, not free text). */
  public void dropped(Transport transport, String reason) {
    transport.dropped.increment();
    count(transport.droppedByReason, reason);
  }

  /** All transports' drops by reason. */
  public Map<String, Long> droppedByReason() {
    Map<String, Long> out = new TreeMap<>();
    for (Transport t : transports()) {
      t.droppedByReason().forEach((k, v) -> out.merge(k, v, Long::sum));
    }
    return out;
  }

  static Map<String, Long> snapshot(ConcurrentMap<String, LongAdder> map) {
    Map<String, Long> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Counters of one transport. */
  public static final class Transport {
    private final String name;
    /** Frames (TCP, TLS) or datagrams (UDP) handed to the parser. */
    final LongAdder received = new LongAdder();
    /** Parsed without a parse failure. */
    final LongAdder decoded = new LongAdder();
    /** Flagged {@code _parse_failure}: bad PRI, bad header, invalid UTF-8, framing error. */
    final LongAdder malformed = new LongAdder();
    final LongAdder truncated = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final ConcurrentMap<String, LongAdder> droppedByReason = new ConcurrentHashMap<>();
    final LongAdder bytes = new LongAdder();
    /** Connections accepted since start. */
    final LongAdder connections = new LongAdder();
    /** Connections open now. */
    final AtomicLong connectionsOpen = new AtomicLong();
    /** Connections refused by reason: {@code limit_total}, {@code limit_per_source}, {@code unknown_client}. */
    final ConcurrentMap<String, LongAdder> connectionsRejected = new ConcurrentHashMap<>();
    /** Exceptions raised by the channel (I/O errors, resets), each logged once. */
    final LongAdder channelErrors = new LongAdder();
    /** Connections closed after the idle timeout. */
    final LongAdder idleClosed = new LongAdder();

    Transport(String name) {
      this.name = name;
    }

    /** {@code udp}, {@code tcp} or {@code tls}. */
    public String name() {
      return name;
    }

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

    public Map<String, Long> droppedByReason() {
      return snapshot(droppedByReason);
    }

    public long bytes() {
      return bytes.sum();
    }

    public long connections() {
      return connections.sum();
    }

    public long connectionsOpen() {
      return connectionsOpen.get();
    }

    /** All refused connections, whatever the reason. */
    public long connectionsRejected() {
      return connectionsRejected.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> connectionsRejectedByReason() {
      return snapshot(connectionsRejected);
    }

    void rejected(String reason) {
      count(connectionsRejected, reason);
    }

    public long channelErrors() {
      return channelErrors.sum();
    }

    public long idleClosed() {
      return idleClosed.sum();
    }
  }

  /** TLS-only counters. */
  public static final class Tls {
    final LongAdder handshakes = new LongAdder();
    final LongAdder handshakeFailures = new LongAdder();
    final LongAdder handshakeTimeouts = new LongAdder();
    /** Verified client certificates whose names map to no (or several) agencies. */
    final LongAdder unknownClientNames = new LongAdder();
    final LongAdder reloads = new LongAdder();
    final LongAdder reloadFailures = new LongAdder();

    public long handshakes() {
      return handshakes.sum();
    }

    public long handshakeFailures() {
      return handshakeFailures.sum();
    }

    public long handshakeTimeouts() {
      return handshakeTimeouts.sum();
    }

    public long unknownClientNames() {
      return unknownClientNames.sum();
    }

    public long reloads() {
      return reloads.sum();
    }

    public long reloadFailures() {
      return reloadFailures.sum();
    }
  }
}
