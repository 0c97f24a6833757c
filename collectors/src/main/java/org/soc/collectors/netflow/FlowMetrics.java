package org.soc.collectors.netflow;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Counters of the flow collector, per exporter (address:port), per agency and in total. Cheap to update from
 * every event loop thread (LongAdder). The exporter table is bounded ({@code maxExporters}); exporters beyond it
 * share the {@link #OTHER_EXPORTERS} row but are still attributed to their agency. The current number of
 * templates is a gauge read from {@link TemplateCache#sizesByExporter()}.
 */
public final class FlowMetrics {
  /** Row shared by exporters beyond the bound. */
  public static final String OTHER_EXPORTERS = "other";

  /** What is counted. */
  public enum Kind {
    /** Datagrams received. */
    PACKETS,
    /** Flow records decoded and published. */
    RECORDS,
    /** Template and options template records received (new or refreshed). */
    TEMPLATES,
    TEMPLATES_EVICTED,
    TEMPLATES_EXPIRED,
    /** Datagrams or sets that could not be decoded (corrupt, unsupported, template missing or expired). */
    UNDECODABLE,
    /** NetFlow v9 datagrams whose header count disagreed with their contents (decoded all the same). */
    COUNT_MISMATCH,
    /**
     * Datagrams dropped because the publisher and the encoders held more than their in-flight limit (unparsed),
     * or every encoder's queue was full (parsed, their records not counted as records).
     */
    DROPPED,
    /** Exceptions raised by the channel or bugs caught by the pipeline's exception handler. */
    CHANNEL_ERRORS
  }

  /** One row of counters. */
  public static final class Counters {
    private static final Kind[] KINDS = Kind.values();
    /** Indexed by {@link Kind#ordinal()}. */
    private final LongAdder[] adders = new LongAdder[KINDS.length];
    private final String agencyId;

    Counters(String agencyId) {
      this.agencyId = agencyId;
      for (int i = 0; i < adders.length; i++) {
        adders[i] = new LongAdder();
      }
    }

    public long get(Kind kind) {
      return adders[kind.ordinal()].sum();
    }

    void add(Kind kind, long n) {
      adders[kind.ordinal()].add(n);
    }

    public Map<Kind, Long> snapshot() {
      Map<Kind, Long> out = new EnumMap<>(Kind.class);
      for (Kind k : KINDS) {
        out.put(k, adders[k.ordinal()].sum());
      }
      return out;
    }
  }

  private final Function<InetAddress, String> agencyOf;
  private final int maxExporters;
  private final ConcurrentMap<InetSocketAddress, Counters> exporters = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counters> agencies = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> errorsByKind = new ConcurrentHashMap<>();
  private final Counters other = new Counters(null);
  private final Counters total = new Counters(null);

  /**
   * @param agencyOf exporter address to agency id (for example {@code a -> registry.lookup(a).id()}); called
   *     once per new exporter, and per update for exporters beyond the bound
   * @param maxExporters exporter rows kept (default 10,000 in {@link FlowConfig})
   */
  public FlowMetrics(Function<InetAddress, String> agencyOf, int maxExporters) {
    this.agencyOf = agencyOf;
    this.maxExporters = maxExporters;
  }

  public void add(InetSocketAddress exporter, Kind kind, long n) {
    if (n == 0) {
      return;
    }
    forExporter(exporter).add(kind, n);
  }

  /**
   * The rows one exporter's counts go to (its own or {@link #OTHER_EXPORTERS}, its agency's, the total), looked
   * up once so a caller counting several things for one datagram pays for one map lookup, not one per count.
   */
  public ExporterCounters forExporter(InetSocketAddress exporter) {
    Counters row = exporters.get(exporter);
    if (row == null && exporters.size() < maxExporters) {
      row = exporters.computeIfAbsent(exporter, k -> new Counters(agencyOf.apply(k.getAddress())));
    }
    String agency;
    if (row == null) {
      row = other;
      agency = agencyOf.apply(exporter.getAddress());
    } else {
      agency = row.agencyId;
    }
    Counters agencyRow = agencies.get(agency);
    if (agencyRow == null) {
      agencyRow = agencies.computeIfAbsent(agency, k -> new Counters(k));
    }
    return new ExporterCounters(row, agencyRow, total);
  }

  /** One exporter's rows, from {@link #forExporter}; every {@link #add} counts in all three. */
  public static final class ExporterCounters {
    private final Counters exporter;
    private final Counters agency;
    private final Counters total;

    ExporterCounters(Counters exporter, Counters agency, Counters total) {
      this.exporter = exporter;
      this.agency = agency;
      this.total = total;
    }

    public void add(Kind kind, long n) {
      if (n == 0) {
        return;
      }
      exporter.add(kind, n);
      agency.add(kind, n);
      total.add(kind, n);
    }
  }

  /** Counts a failure by its kind ({@link FlowException#kind()}, a short fixed vocabulary). */
  public void error(InetSocketAddress exporter, String kind) {
    errorsByKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
    add(exporter, Kind.UNDECODABLE, 1);
  }

  public long total(Kind kind) {
    return total.get(kind);
  }

  public long exporter(InetSocketAddress exporter, Kind kind) {
    Counters c = exporters.get(exporter);
    return c == null ? 0 : c.get(kind);
  }

  public long agency(String agencyId, Kind kind) {
    Counters c = agencies.get(agencyId);
    return c == null ? 0 : c.get(kind);
  }

  public Map<String, Long> errorsByKind() {
    Map<String, Long> out = new TreeMap<>();
    errorsByKind.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  public Map<String, Map<Kind, Long>> byExporter() {
    Map<String, Map<Kind, Long>> out = new TreeMap<>();
    exporters.forEach((k, v) -> out.put(exporterKey(k), v.snapshot()));
    if (other.get(Kind.PACKETS) > 0) {
      out.put(OTHER_EXPORTERS, other.snapshot());
    }
    return out;
  }

  public Map<String, Map<Kind, Long>> byAgency() {
    Map<String, Map<Kind, Long>> out = new TreeMap<>();
    agencies.forEach((k, v) -> out.put(k, v.snapshot()));
    return out;
  }

  static String exporterKey(InetSocketAddress a) {
    return (a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress()) + ":" + a.getPort();
  }
}
