package org.soc.collectors.netflow;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Templates received over UDP, which has no session: keyed by (exporter address and port, observation domain /
 * source id, template id), as <a href="https://www.rfc-editor.org/rfc/rfc7011#section-8.4">RFC 7011 section
 * 8.4</a> and <a href="https://www.rfc-editor.org/rfc/rfc3954#section-9">RFC 3954 section 9</a> ask.
 *
 * <p>Bounded three ways: at most {@code maxTemplatesPerExporter} per exporter (an exporter over its quota
 * evicts its own least recently used template, so a template flood from one exporter cannot push out anybody
 * else's), at most {@code maxTemplatesTotal} overall (then the least recently used template anywhere goes),
 * and templates not refreshed within {@code templateTimeout} expire. Also holds, per exporter, data sets that
 * arrived before their template (bounded by count and bytes, per exporter and in total, and by age), and what
 * options data told about each domain (sampling interval, system init time).
 *
 * <p>Injected, never static; thread-safe (every method synchronizes: updates are short and rare compared with
 * lookups, and an exporter's datagrams mostly land on the same event loop).
 */
public final class TemplateCache {
  /**
   * @param maxTemplatesPerExporter templates (data and options) one exporter address+port may hold
   * @param maxTemplatesTotal templates across all exporters
   * @param templateTimeout a template not refreshed for this long is forgotten
   * @param maxPendingSetsPerExporter data sets held waiting for their template, per exporter
   * @param maxPendingBytesPerExporter bytes of those sets, per exporter
   * @param maxPendingBytesTotal bytes of held sets across all exporters
   * @param pendingTimeout a held set whose template has not come within this long is counted undecodable
   * @param maxDomainsPerExporter observation domains whose options data (sampling, init time) is remembered
   */
  public record Limits(int maxTemplatesPerExporter, int maxTemplatesTotal, Duration templateTimeout,
      int maxPendingSetsPerExporter, int maxPendingBytesPerExporter, long maxPendingBytesTotal,
      Duration pendingTimeout, int maxDomainsPerExporter) {
    public Limits {
      if (maxTemplatesPerExporter < 1 || maxTemplatesTotal < maxTemplatesPerExporter) {
        throw new IllegalArgumentException("need 1 <= maxTemplatesPerExporter <= maxTemplatesTotal");
      }
      if (maxPendingSetsPerExporter < 0 || maxPendingBytesPerExporter < 0 || maxPendingBytesTotal < 0
          || maxDomainsPerExporter < 1) {
        throw new IllegalArgumentException("pending and domain limits must not be negative");
      }
      if (templateTimeout.isNegative() || templateTimeout.isZero() || pendingTimeout.isNegative()) {
        throw new IllegalArgumentException("timeouts must be positive");
      }
    }

    /**
     * 1,024 templates per exporter, 100,000 in total, 30 min template timeout (Cisco's default refresh),
     * 32 held sets / 256 KiB per exporter, 16 MiB held in total, held for at most 60 s, 64 domains per exporter.
     */
    public static Limits defaults() {
      return new Limits(1024, 100_000, Duration.ofMinutes(30), 32, 256 * 1024, 16L * 1024 * 1024,
          Duration.ofSeconds(60), 64);
    }

    public Limits withTemplates(int perExporter, int total) {
      return new Limits(perExporter, total, templateTimeout, maxPendingSetsPerExporter, maxPendingBytesPerExporter,
          maxPendingBytesTotal, pendingTimeout, maxDomainsPerExporter);
    }

    public Limits withTemplateTimeout(Duration value) {
      return new Limits(maxTemplatesPerExporter, maxTemplatesTotal, value, maxPendingSetsPerExporter,
          maxPendingBytesPerExporter, maxPendingBytesTotal, pendingTimeout, maxDomainsPerExporter);
    }

    public Limits withPending(int setsPerExporter, int bytesPerExporter, long bytesTotal, Duration timeout) {
      return new Limits(maxTemplatesPerExporter, maxTemplatesTotal, templateTimeout, setsPerExporter,
          bytesPerExporter, bytesTotal, timeout, maxDomainsPerExporter);
    }
  }

  /** A data set waiting for its template: the set body (without set header) and its packet's context. */
  public record PendingSet(ExportContext context, int templateId, byte[] body, int offset, Instant heldAt) {}

  /** What options data said about one observation domain of one exporter. */
  public static final class DomainInfo {
    private static final int MAX_SAMPLERS = 256;
    private Long systemInitMillis;
    private long samplingInterval = 1;
    private final LinkedHashMap<Long, Long> samplers = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
        return size() > MAX_SAMPLERS;
      }
    };

    public synchronized Long systemInitMillis() {
      return systemInitMillis;
    }

    /** The interval options data gave for this sampler id, else for the domain; 1 when unsampled. */
    public synchronized long samplingInterval(Long samplerId) {
      if (samplerId != null) {
        Long v = samplers.get(samplerId);
        if (v != null) {
          return v;
        }
      }
      return samplingInterval;
    }

    synchronized void update(FlowRecord options) {
      if (options.has(FlowRecord.SYSTEM_INIT_MILLIS)) {
        systemInitMillis = options.get(FlowRecord.SYSTEM_INIT_MILLIS);
      }
      long interval = 0;
      long packetInterval = options.get(FlowRecord.SAMPLING_PACKET_INTERVAL);
      if (options.has(FlowRecord.SAMPLING_PACKET_INTERVAL) && packetInterval > 0
          && options.has(FlowRecord.SAMPLING_PACKET_SPACE)) {
        interval = (packetInterval + options.get(FlowRecord.SAMPLING_PACKET_SPACE)) / packetInterval;
      } else if (options.has(FlowRecord.RECORD_SAMPLING_INTERVAL)) {
        interval = options.get(FlowRecord.RECORD_SAMPLING_INTERVAL);
      }
      if (interval > 0) {
        if (options.has(FlowRecord.SAMPLER_ID)) {
          samplers.put(options.get(FlowRecord.SAMPLER_ID), interval);
        } else {
          samplingInterval = interval;
        }
      }
    }
  }

  private record Key(long domainId, int templateId) {}

  private static final class Entry {
    final FlowTemplate template;
    final Instant refreshed;
    long lastUsed;

    Entry(FlowTemplate template, Instant refreshed, long lastUsed) {
      this.template = template;
      this.refreshed = refreshed;
      this.lastUsed = lastUsed;
    }
  }

  private final class ExporterState {
    final LinkedHashMap<Key, Entry> templates = new LinkedHashMap<>(16, 0.75f, true);
    final ArrayDeque<PendingSet> pending = new ArrayDeque<>();
    long pendingBytes;
    final LinkedHashMap<Long, DomainInfo> domains = new LinkedHashMap<>(4, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, DomainInfo> eldest) {
        return size() > limits.maxDomainsPerExporter();
      }
    };

    boolean empty() {
      return templates.isEmpty() && pending.isEmpty();
    }
  }

  private final Limits limits;
  private final Clock clock;
  private final FlowMetrics metrics;
  private final Map<InetSocketAddress, ExporterState> exporters = new HashMap<>();
  private int total;
  private long pendingBytesTotal;
  private long tick;

  /** @param metrics where evictions, expiries and expired held sets are counted */
  public TemplateCache(Limits limits, Clock clock, FlowMetrics metrics) {
    this.limits = limits;
    this.clock = clock;
    this.metrics = metrics;
  }

  public Limits limits() {
    return limits;
  }

  /** The template, or null when unknown or expired (an expired one is removed and counted). */
  public synchronized FlowTemplate get(InetSocketAddress exporter, long domainId, int templateId) {
    ExporterState s = exporters.get(exporter);
    if (s == null) {
      return null;
    }
    Key key = new Key(domainId, templateId);
    Entry e = s.templates.get(key);
    if (e == null) {
      return null;
    }
    if (expired(e.refreshed, limits.templateTimeout())) {
      s.templates.remove(key);
      total--;
      metrics.add(exporter, FlowMetrics.Kind.TEMPLATES_EXPIRED, 1);
      dropIfEmpty(exporter, s);
      return null;
    }
    e.lastUsed = ++tick;
    return e.template;
  }

  /** Adds or refreshes a template, evicting (counted) to stay within the limits. */
  public synchronized void put(InetSocketAddress exporter, long domainId, FlowTemplate template) {
    ExporterState s = exporters.computeIfAbsent(exporter, k -> new ExporterState());
    Key key = new Key(domainId, template.id());
    Entry previous = s.templates.put(key, new Entry(template, clock.instant(), ++tick));
    if (previous != null) {
      return;
    }
    total++;
    if (s.templates.size() > limits.maxTemplatesPerExporter()) {
      evictEldest(exporter, s);
    } else if (total > limits.maxTemplatesTotal()) {
      evictGlobalEldest();
    }
  }

  private void evictEldest(InetSocketAddress exporter, ExporterState s) {
    Iterator<Entry> it = s.templates.values().iterator();
    it.next();
    it.remove();
    total--;
    metrics.add(exporter, FlowMetrics.Kind.TEMPLATES_EVICTED, 1);
  }

  private void evictGlobalEldest() {
    InetSocketAddress victim = null;
    long oldest = Long.MAX_VALUE;
    for (Map.Entry<InetSocketAddress, ExporterState> e : exporters.entrySet()) {
      if (!e.getValue().templates.isEmpty()) {
        long used = e.getValue().templates.values().iterator().next().lastUsed;
        if (used < oldest) {
          oldest = used;
          victim = e.getKey();
        }
      }
    }
    if (victim != null) {
      ExporterState s = exporters.get(victim);
      evictEldest(victim, s);
      dropIfEmpty(victim, s);
    }
  }

  /** RFC 7011 section 8.1: withdraws one template; true if it was known. */
  public synchronized boolean withdraw(InetSocketAddress exporter, long domainId, int templateId) {
    ExporterState s = exporters.get(exporter);
    if (s == null || s.templates.remove(new Key(domainId, templateId)) == null) {
      return false;
    }
    total--;
    dropIfEmpty(exporter, s);
    return true;
  }

  /** RFC 7011 section 8.1 "all templates" withdrawal: every data (or options) template of the domain. */
  public synchronized int withdrawAll(InetSocketAddress exporter, long domainId, boolean options) {
    ExporterState s = exporters.get(exporter);
    if (s == null) {
      return 0;
    }
    int removed = 0;
    for (Iterator<Map.Entry<Key, Entry>> it = s.templates.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Key, Entry> e = it.next();
      if (e.getKey().domainId() == domainId && e.getValue().template.options() == options) {
        it.remove();
        removed++;
      }
    }
    total -= removed;
    dropIfEmpty(exporter, s);
    return removed;
  }

  /**
   * Holds a data set until its template arrives. Returns the sets given up to stay within the limits (the
   * oldest of this exporter first; the new set itself when it alone is too big or all pending memory is in
   * use): the caller reports them as {@link MissingTemplateException}.
   */
  public synchronized List<PendingSet> hold(PendingSet set) {
    List<PendingSet> dropped = new ArrayList<>();
    int size = set.body().length + 64;
    InetSocketAddress exporter = set.context().exporter();
    if (limits.maxPendingSetsPerExporter() == 0 || size > limits.maxPendingBytesPerExporter()) {
      dropped.add(set);
      return dropped;
    }
    ExporterState s = exporters.computeIfAbsent(exporter, k -> new ExporterState());
    expirePending(exporter, s);
    while (!s.pending.isEmpty() && (s.pending.size() >= limits.maxPendingSetsPerExporter()
        || s.pendingBytes + size > limits.maxPendingBytesPerExporter())) {
      dropped.add(removeFirstPending(s));
    }
    if (pendingBytesTotal + size > limits.maxPendingBytesTotal()) {
      dropped.add(set);
      dropIfEmpty(exporter, s);
      return dropped;
    }
    s.pending.addLast(set);
    s.pendingBytes += size;
    pendingBytesTotal += size;
    return dropped;
  }

  private PendingSet removeFirstPending(ExporterState s) {
    PendingSet p = s.pending.removeFirst();
    int size = p.body().length + 64;
    s.pendingBytes -= size;
    pendingBytesTotal -= size;
    return p;
  }

  /** Removes and returns the held sets of (exporter, domain, template id), oldest first. */
  public synchronized List<PendingSet> takePending(InetSocketAddress exporter, long domainId, int templateId) {
    ExporterState s = exporters.get(exporter);
    if (s == null || s.pending.isEmpty()) {
      return List.of();
    }
    expirePending(exporter, s);
    List<PendingSet> out = new ArrayList<>();
    for (Iterator<PendingSet> it = s.pending.iterator(); it.hasNext(); ) {
      PendingSet p = it.next();
      if (p.context().domainId() == domainId && p.templateId() == templateId) {
        it.remove();
        int size = p.body().length + 64;
        s.pendingBytes -= size;
        pendingBytesTotal -= size;
        out.add(p);
      }
    }
    return out;
  }

  private void expirePending(InetSocketAddress exporter, ExporterState s) {
    int expired = 0;
    while (!s.pending.isEmpty() && expired(s.pending.peekFirst().heldAt(), limits.pendingTimeout())) {
      removeFirstPending(s);
      expired++;
    }
    if (expired > 0) {
      metrics.add(exporter, FlowMetrics.Kind.UNDECODABLE, expired);
    }
  }

  /** What options data said about the domain; created on first use. */
  public synchronized DomainInfo domain(InetSocketAddress exporter, long domainId) {
    ExporterState s = exporters.computeIfAbsent(exporter, k -> new ExporterState());
    return s.domains.computeIfAbsent(domainId, k -> new DomainInfo());
  }

  /** The domain's options data if any was received, else null (never creates state). */
  public synchronized DomainInfo domainIfKnown(InetSocketAddress exporter, long domainId) {
    ExporterState s = exporters.get(exporter);
    return s == null ? null : s.domains.get(domainId);
  }

  /** Forgets expired templates and held sets everywhere (counted); the server calls it periodically. */
  public synchronized void purgeExpired() {
    for (Iterator<Map.Entry<InetSocketAddress, ExporterState>> it = exporters.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<InetSocketAddress, ExporterState> e = it.next();
      ExporterState s = e.getValue();
      int expired = 0;
      for (Iterator<Entry> t = s.templates.values().iterator(); t.hasNext(); ) {
        if (expired(t.next().refreshed, limits.templateTimeout())) {
          t.remove();
          expired++;
        }
      }
      if (expired > 0) {
        total -= expired;
        metrics.add(e.getKey(), FlowMetrics.Kind.TEMPLATES_EXPIRED, expired);
      }
      expirePending(e.getKey(), s);
      if (s.empty()) {
        it.remove();
      }
    }
  }

  private boolean expired(Instant since, Duration timeout) {
    return Duration.between(since, clock.instant()).compareTo(timeout) > 0;
  }

  private void dropIfEmpty(InetSocketAddress exporter, ExporterState s) {
    if (s.empty()) {
      exporters.remove(exporter);
    }
  }

  /** Templates held in total. */
  public synchronized int size() {
    return total;
  }

  /** Templates held for one exporter. */
  public synchronized int size(InetSocketAddress exporter) {
    ExporterState s = exporters.get(exporter);
    return s == null ? 0 : s.templates.size();
  }

  /** Bytes of data sets held waiting for templates, in total. */
  public synchronized long pendingBytes() {
    return pendingBytesTotal;
  }

  /** Exporters with any state. */
  public synchronized int exporters() {
    return exporters.size();
  }

  /** Current templates per exporter ("address:port"), for the metrics endpoint. */
  public synchronized Map<String, Integer> sizesByExporter() {
    Map<String, Integer> out = new java.util.TreeMap<>();
    exporters.forEach((k, v) -> out.put(FlowMetrics.exporterKey(k), v.templates.size()));
    return out;
  }
}
