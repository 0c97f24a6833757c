package org.soc.correlation.enrich;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.soc.agency.AgencyRegistry;
import org.soc.agency.AgencyRegistryLoader;
import org.soc.correlation.JsonTypeInfo;
import org.soc.schema.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrichment before the rules ({@link EventEnricher}): agency registry and asset ranges read from their files where
 * the job is built (the client: the files need not exist on the TaskManagers of a remote cluster), shipped with the
 * function and parsed on every subtask at open; threat-intelligence lists in broadcast state ({@link #INTEL_LISTS}, list name to
 * {@link IntelUpdate}), so an update from the intel stream reaches every subtask and survives restore. The lists
 * given at construction (from files at job start, version 0) are used until a later version of the same list
 * arrives.
 */
public final class EnrichmentFunction extends BroadcastProcessFunction<Event, IntelUpdate, Event> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(EnrichmentFunction.class);

  public static final MapStateDescriptor<String, IntelUpdate> INTEL_LISTS =
      new MapStateDescriptor<>("intel-lists", Types.STRING, new JsonTypeInfo<>(IntelUpdate.class));

  private final String agenciesFile;
  private final String agenciesYaml;
  private final String assetsFile;
  private final String assetsYaml;
  private final List<IntelUpdate> initialLists;

  private transient EventEnricher enricher;
  private transient ThreatIntel intel;
  private transient Map<String, Long> intelVersions;
  private transient Counter intelMatches;

  /**
   * @param agenciesFile agency registry YAML, or null
   * @param assetsFile asset criticality YAML ({@link AssetCriticality}), or null
   * @param initialLists intel lists loaded at job start
   */
  public EnrichmentFunction(String agenciesFile, String assetsFile, List<IntelUpdate> initialLists) {
    this.agenciesFile = agenciesFile;
    this.agenciesYaml = read(agenciesFile);
    this.assetsFile = assetsFile;
    this.assetsYaml = read(assetsFile);
    this.initialLists = List.copyOf(initialLists);
    // Fail fast, here, on a file the subtasks could not parse.
    parseAgencies();
    parseAssets();
  }

  private static String read(String file) {
    try {
      return file == null ? null : Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read enrichment file " + file, e);
    }
  }

  private AgencyRegistry parseAgencies() {
    return agenciesYaml == null ? null : new AgencyRegistryLoader().load(
        new ByteArrayInputStream(agenciesYaml.getBytes(StandardCharsets.UTF_8)), agenciesFile);
  }

  private AssetCriticality parseAssets() {
    return assetsYaml == null ? AssetCriticality.NONE : AssetCriticality.load(
        new ByteArrayInputStream(assetsYaml.getBytes(StandardCharsets.UTF_8)), assetsFile);
  }

  @Override
  public void open(OpenContext openContext) {
    AgencyRegistry registry = parseAgencies();
    AssetCriticality assets = parseAssets();
    enricher = new EventEnricher(registry, assets);
    intelMatches = getRuntimeContext().getMetricGroup().counter("intelMatches");
  }

  @Override
  public void processElement(Event event, ReadOnlyContext ctx, Collector<Event> out) throws Exception {
    ThreatIntel current = intel(ctx.getBroadcastState(INTEL_LISTS));
    Event enriched = enricher.enrich(event, current);
    if (enriched.labels().containsKey(EventEnricher.INTEL_MATCHED)) {
      intelMatches.inc();
    }
    out.collect(enriched);
  }

  @Override
  public void processBroadcastElement(IntelUpdate update, Context ctx, Collector<Event> out) throws Exception {
    BroadcastState<String, IntelUpdate> lists = ctx.getBroadcastState(INTEL_LISTS);
    IntelUpdate known = lists.get(update.list());
    long knownVersion = known != null ? known.version() : initialVersion(update.list());
    if (update.version() < knownVersion) {
      return;
    }
    try {
      new ThreatIntel(List.of(update)); // validate before it replaces a working list
    } catch (IllegalArgumentException e) {
      LOG.warn("intel list {} version {} rejected, keeping the previous one: {}", update.list(), update.version(),
          e.getMessage());
      return;
    }
    lists.put(update.list(), update);
    LOG.info("intel list {} version {} loaded ({} entries)", update.list(), update.version(),
        ThreatIntel.entries(update.text()).size());
    intel = null;
  }

  private long initialVersion(String list) {
    return initialLists.stream().filter(l -> l.list().equals(list)).mapToLong(IntelUpdate::version)
        .max().orElse(Long.MIN_VALUE);
  }

  /** The lists in effect: broadcast state over the initial lists; rebuilt only when versions changed. */
  private ThreatIntel intel(ReadOnlyBroadcastState<String, IntelUpdate> state) throws Exception {
    Map<String, IntelUpdate> effective = new TreeMap<>();
    for (IntelUpdate l : initialLists) {
      effective.put(l.list(), l);
    }
    for (Map.Entry<String, IntelUpdate> e : state.immutableEntries()) {
      IntelUpdate initial = effective.get(e.getKey());
      if (initial == null || e.getValue().version() >= initial.version()) {
        effective.put(e.getKey(), e.getValue());
      }
    }
    Map<String, Long> versions = new TreeMap<>();
    effective.forEach((k, v) -> versions.put(k, v.version()));
    if (intel == null || !versions.equals(intelVersions)) {
      intel = new ThreatIntel(new ArrayList<>(effective.values()));
      intelVersions = versions;
    }
    return intel;
  }
}
