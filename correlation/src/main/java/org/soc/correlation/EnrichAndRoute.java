package org.soc.correlation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.soc.agency.AgencyRegistry;
import org.soc.agency.AgencyRegistryLoader;
import org.soc.correlation.control.ControlUpdate;
import org.soc.correlation.control.RuleSetUpdate;
import org.soc.correlation.enrich.AssetCriticality;
import org.soc.correlation.enrich.EventEnricher;
import org.soc.correlation.enrich.IntelLists;
import org.soc.correlation.enrich.IntelUpdate;
import org.soc.rules.RuleDefinition;
import org.soc.rules.RuleMetadata;
import org.soc.rules.SecurityEvent;
import org.soc.rules.SecurityEventMapper;
import org.soc.schema.Event;
import org.soc.schema.EventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every event, in one operator: parsed from its Kafka record ({@link RawEvent#toEvent}; a record that is no event
 * becomes a parse-failure event, counted in {@code parseFailures}), enriched ({@link EventEnricher}) and emitted as it is indexed, and its fact routed
 * to the key spaces of the rules over events ({@link KeySpaceRoutes}) on the side output {@link #ROUTED_FACTS}.
 * One operator, not two, because each hop between operators serialises the event once more; an operator has one
 * broadcast input, so intel lists and rule sets share it ({@link ControlUpdate}, broadcast with
 * {@link #CONTROL_STATE}).
 *
 * <p>The agency registry and asset ranges are read from their files where the job is built (the client: the files
 * need not exist on the TaskManagers of a remote cluster), shipped with the function and parsed on every subtask
 * at open. Intel lists: {@link IntelLists}. Parse failures and events without a time are indexed, not routed.
 */
public final class EnrichAndRoute extends BroadcastProcessFunction<RawEvent, ControlUpdate, Event> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(EnrichAndRoute.class);

  public static final OutputTag<RoutedFact> ROUTED_FACTS = new OutputTag<>("routed-facts", BinaryTypeInfo.ROUTED_FACT);
  /** The broadcast states of the control stream. */
  public static final List<MapStateDescriptor<?, ?>> CONTROL_STATE =
      List.of(IntelLists.STATE, RuleEvaluator.RULE_SETS);

  private final String agenciesFile;
  private final String agenciesYaml;
  private final String assetsFile;
  private final String assetsYaml;
  private final List<IntelUpdate> initialLists;
  private final List<RuleDefinition> initialRules;

  private transient EventCodec codec;
  private transient Counter parseFailures;
  private transient EventEnricher enricher;
  private transient IntelLists intel;
  private transient KeySpaceRoutes routes;
  private transient Counter intelMatches;
  private transient Counter unrouted;

  /**
   * @param agenciesFile agency registry YAML, or null
   * @param assetsFile asset criticality YAML ({@link AssetCriticality}), or null
   * @param initialLists intel lists loaded at job start
   * @param rules the rules in effect until a rule set is published; their key spaces over {@code events} are routed
   */
  public EnrichAndRoute(String agenciesFile, String assetsFile, List<IntelUpdate> initialLists,
      List<RuleDefinition> rules) {
    this.agenciesFile = agenciesFile;
    this.agenciesYaml = read(agenciesFile);
    this.assetsFile = assetsFile;
    this.assetsYaml = read(assetsFile);
    this.initialLists = List.copyOf(initialLists);
    this.initialRules = List.copyOf(rules);
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
    codec = new EventCodec(EventCodec.Format.BINARY);
    parseFailures = getRuntimeContext().getMetricGroup().counter("parseFailures");
    enricher = new EventEnricher(parseAgencies(), parseAssets());
    intel = new IntelLists(initialLists);
    routes = new KeySpaceRoutes(RuleMetadata.INPUT_EVENTS, initialRules);
    intelMatches = getRuntimeContext().getMetricGroup().counter("intelMatches");
    unrouted = getRuntimeContext().getMetricGroup().counter("factsWithoutKeySpace");
  }

  @Override
  public void processElement(RawEvent raw, ReadOnlyContext ctx, Collector<Event> out) throws Exception {
    Event event = raw.toEvent(codec, parseFailures::inc);
    Event enriched = enricher.enrich(event, intel.current(ctx.getBroadcastState(IntelLists.STATE)));
    if (enriched.labels().containsKey(EventEnricher.INTEL_MATCHED)) {
      intelMatches.inc();
    }
    out.collect(enriched);
    if (CorrelationJob.isRuleInput(enriched)) {
      SecurityEvent fact = SecurityEventMapper.toFact(enriched);
      if (!routes.route(fact, ctx.getBroadcastState(RuleEvaluator.RULE_SETS), f -> ctx.output(ROUTED_FACTS, f))) {
        unrouted.inc();
      }
    }
  }

  @Override
  public void processBroadcastElement(ControlUpdate update, Context ctx, Collector<Event> out) throws Exception {
    if (update.intel() != null) {
      intel.apply(ctx.getBroadcastState(IntelLists.STATE), update.intel());
    } else {
      RuleSetUpdate ruleSet = update.ruleSet();
      routes.update(ctx.getBroadcastState(RuleEvaluator.RULE_SETS), ruleSet);
      LOG.info("events now routed to key spaces {}", routes.spaceIds());
    }
  }
}
