package org.soc.correlation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.soc.correlation.control.ControlUpdate;
import org.soc.correlation.control.RuleSetUpdate;
import org.soc.correlation.control.RuleSetValidator;
import org.soc.correlation.enrich.IntelUpdate;
import org.soc.correlation.enrich.ThreatIntel;
import org.soc.rules.RuleDefinition;
import org.soc.rules.RuleMetadata;
import org.soc.rules.RuleLoader;
import org.soc.rules.RuleSet;
import org.soc.rules.SecurityEvent;
import org.soc.schema.Alert;
import org.soc.schema.Event;

/**
 * The correlation job: events from Kafka are indexed as they are, enriched, and run through the rules on event
 * time; the alerts they raise are indexed, and fed back to the rules over alerts (national views).
 *
 * <pre>
 * source (records, watermarks) ─ mark late ─ parse, enrich, route ◄═ intel + rules ─┬─ events sink
 *                                                                                    └─ facts ─ keyBy(space|key)
 *   ─ RuleEvaluator[events] ◄═ rules ─┬─────────────────────────────────────────────────┬─ union ─ alerts sink
 *                                     └─ to alert facts ─ route ◄═ rules ─ keyBy(space|key)
 *                                        ─ RuleEvaluator[alerts] ◄═ rules ──────────────┘
 * rules control ─ validate (p=1) ═ broadcast ═► route, RuleEvaluator; statuses ─ status sink
 * </pre>
 *
 * Key spaces ({@link KeySpace}): each rule declares its input and key; the router sends a fact to every key space
 * some loaded rule needs, keyed by space id + key, so a key space added by a hot reload needs no new operator.
 *
 * <ul>
 *   <li>{@link #build} composes the job on any environment with any {@link CorrelationIo} (tests, launcher);
 *   <li>{@link InProcessCorrelation#start} runs it with Kafka and Elasticsearch in a local MiniCluster and
 *       returns once every task runs;
 *   <li>{@link #main} submits the same jar to a Flink cluster.
 * </ul>
 */
public final class CorrelationJob {
  public static final String JOB_NAME = "soc-correlation";

  private CorrelationJob() {}

  /** The rules the config names: its rules directory, else the built-in rules. */
  public static List<RuleDefinition> rules(CorrelationConfig config) {
    RuleLoader loader = new RuleLoader();
    return config.rulesDirectory() == null ? loader.builtIn() : loader.fromDirectory(Path.of(config.rulesDirectory()));
  }

  /**
   * Adds the job to {@code env}: parallelism, checkpointing, source, enrichment, rules and sinks. The rules are
   * compiled here once to fail fast ({@link org.soc.rules.RuleCompilationException}), and again on each subtask.
   */
  public static void build(StreamExecutionEnvironment env, CorrelationConfig config, List<RuleDefinition> rules,
      CorrelationIo io) {
    RuleSet.compile(rules);
    env.setParallelism(config.parallelism());
    env.enableCheckpointing(config.checkpointInterval().toMillis());

    DataStream<RawEvent> events = io.createSource(env,
            new CorrelationWatermarks(config.outOfOrderness(), config.idleTimeout()))
        .process(new LateEventMarker()).returns(BinaryTypeInfo.RAW_EVENT)
        .name("mark late events").uid("late-marker");

    // Control streams: published rule sets (validated once, then broadcast) and intel list updates.
    DataStream<RuleSetUpdate> published = io.createRuleControlSource(env);
    if (published == null) {
      published = env.fromData(List.of(RuleSetUpdate.of("none", Map.of())), RULE_SET_UPDATE)
          .name("no rule control").uid("no-rule-control")
          .filter(u -> false).name("nothing published");
    }
    SingleOutputStreamOperator<RuleSetUpdate> validated = published
        .process(new RuleSetValidator()).returns(RULE_SET_UPDATE).setParallelism(1)
        .name("validate rule sets").uid("rule-set-validator");
    BroadcastStream<RuleSetUpdate> ruleSets = validated.broadcast(RuleEvaluator.RULE_SETS);
    DataStream<RuleSetUpdate> ruleSetsToEvaluators = validated.broadcast();

    DataStream<IntelUpdate> intelUpdates = io.createIntelSource(env);
    if (intelUpdates == null) {
      intelUpdates = env.fromData(List.of(new IntelUpdate("none", Long.MIN_VALUE, "")), INTEL_UPDATE)
          .name("no intel updates").uid("no-intel-updates")
          .filter(u -> false).name("nothing published");
    }
    // Intel lists and rule sets reach the enrich-and-route operator on one broadcast stream.
    DataStream<ControlUpdate> controls = intelUpdates.map(ControlUpdate::intel).returns(CONTROL_UPDATE)
        .name("intel to control").uid("intel-control")
        .union(validated.map(ControlUpdate::ruleSet).returns(CONTROL_UPDATE).setParallelism(1)
            .name("rule sets to control").uid("rule-set-control"));
    // Enriched events are what is indexed too (parse failures pass through untouched); their facts are routed
    // to the key spaces of the rules over events in the same operator.
    SingleOutputStreamOperator<Event> enriched = events
        .connect(controls.broadcast(EnrichAndRoute.CONTROL_STATE.toArray(new MapStateDescriptor<?, ?>[0])))
        .process(new EnrichAndRoute(config.agenciesFile(), config.assetsFile(), intelLists(config), rules))
        .returns(BinaryTypeInfo.EVENT).name("enrich and route").uid("enrich");
    io.createEventSink(enriched);
    DataStream<RoutedFact> routedEvents = enriched.getSideOutput(EnrichAndRoute.ROUTED_FACTS);

    SingleOutputStreamOperator<Alert> agencyAlerts =
        evaluate(routedEvents, ruleSetsToEvaluators, RuleMetadata.INPUT_EVENTS, rules);
    DataStream<SecurityEvent> alertFacts = agencyAlerts
        .process(new AlertFacts()).returns(BinaryTypeInfo.SECURITY_EVENT).name("alerts to facts").uid("alert-facts");
    SingleOutputStreamOperator<Alert> nationalAlerts = evaluate(alertFacts
            .connect(ruleSets)
            .process(new KeySpaceRouter(RuleMetadata.INPUT_ALERTS, rules)).returns(BinaryTypeInfo.ROUTED_FACT)
            .name("route alerts to key spaces").uid("route-alerts"),
        ruleSetsToEvaluators, RuleMetadata.INPUT_ALERTS, rules);

    io.createAlertSink(agencyAlerts.union(nationalAlerts));
    io.createRuleStatusSink(validated.getSideOutput(RuleSetValidator.STATUS)
        .union(agencyAlerts.getSideOutput(RuleSetValidator.STATUS),
            nationalAlerts.getSideOutput(RuleSetValidator.STATUS)));
  }

  private static final JsonTypeInfo<RuleSetUpdate> RULE_SET_UPDATE = new JsonTypeInfo<>(RuleSetUpdate.class);
  private static final JsonTypeInfo<IntelUpdate> INTEL_UPDATE = new JsonTypeInfo<>(IntelUpdate.class);
  private static final JsonTypeInfo<ControlUpdate> CONTROL_UPDATE = new JsonTypeInfo<>(ControlUpdate.class);

  /** Evaluates the routed facts of {@code input} in their key spaces. */
  private static SingleOutputStreamOperator<Alert> evaluate(DataStream<RoutedFact> routed,
      DataStream<RuleSetUpdate> ruleSetsToEvaluators, String input, List<RuleDefinition> rules) {
    return routed
        .keyBy(RoutedFact::routingKey, Types.STRING)
        .connect(ruleSetsToEvaluators)
        .transform("rules over " + input, JsonTypeInfo.ALERT, new RuleEvaluator(input, rules))
        .uid("rules-" + input);
  }

  /** The intel files of the config, read now (version 0); later versions come from the intel topic. */
  static List<IntelUpdate> intelLists(CorrelationConfig config) {
    List<IntelUpdate> lists = new ArrayList<>();
    for (String spec : config.intelFiles()) {
      int eq = spec.indexOf('=');
      Path file = Path.of(eq >= 0 ? spec.substring(eq + 1) : spec);
      String name = eq >= 0 ? spec.substring(0, eq) : file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
      try {
        IntelUpdate list = new IntelUpdate(name, 0, Files.readString(file, StandardCharsets.UTF_8));
        new ThreatIntel(List.of(list)); // fail fast on a bad entry
        lists.add(list);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read intel list " + file, e);
      }
    }
    return lists;
  }

  /** Builds the production job (Kafka, Elasticsearch) on {@code env} and starts it without blocking. */
  public static JobClient start(StreamExecutionEnvironment env, CorrelationConfig config) throws Exception {
    build(env, config, rules(config), new KafkaElasticsearchIo(config));
    return env.executeAsync(JOB_NAME);
  }

  static boolean isRuleInput(Event event) {
    return !event.isParseFailure() && event.timestamp() != null;
  }

  /**
   * {@code --kafka host:port --elasticsearch http://host:9200[,url...] [--topic t] [--group-id g]
   * [--parallelism n] [--checkpoint-interval 5s] [--out-of-orderness 2s] [--idle-timeout 5s] [--rules dir]
   * [--agencies config/agencies.yml] [--assets config/assets.yml] [--intel name=file,...] [--rules-topic soc.rules]
   * [--intel-topic soc.intel]}
   */
  public static void main(String[] args) throws Exception {
    CorrelationConfig config = parseArgs(args);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    build(env, config, rules(config), new KafkaElasticsearchIo(config));
    env.execute(JOB_NAME);
  }

  static CorrelationConfig parseArgs(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value pairs, got " + Arrays.toString(args));
      }
      options.put(args[i].substring(2), args[++i]);
    }
    String kafka = require(options, "kafka");
    String[] es = require(options, "elasticsearch").split(",");
    CorrelationConfig c = CorrelationConfig.of(kafka, es);
    c = new CorrelationConfig(c.kafkaBootstrapServers(),
        options.getOrDefault("topic", c.topic()),
        options.getOrDefault("group-id", c.groupId()),
        c.elasticsearchUrls(),
        Integer.parseInt(options.getOrDefault("parallelism", String.valueOf(c.parallelism()))),
        duration(options.get("checkpoint-interval"), c.checkpointInterval()),
        duration(options.get("out-of-orderness"), c.outOfOrderness()),
        duration(options.get("idle-timeout"), c.idleTimeout()),
        options.get("rules"),
        options.get("agencies"),
        options.get("assets"),
        options.containsKey("intel") ? List.of(options.get("intel").split(",")) : List.of(),
        options.get("rules-topic"),
        options.get("intel-topic"));
    options.keySet().removeAll(List.of("kafka", "elasticsearch", "topic", "group-id", "parallelism",
        "checkpoint-interval", "out-of-orderness", "idle-timeout", "rules", "agencies", "assets", "intel",
        "rules-topic", "intel-topic"));
    if (!options.isEmpty()) {
      throw new IllegalArgumentException("unknown options " + options.keySet());
    }
    return c;
  }

  private static String require(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  private static Duration duration(String text, Duration fallback) {
    if (text == null) {
      return fallback;
    }
    String t = text.trim();
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    if (t.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
    }
    if (t.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
    }
    return Duration.parse(t);
  }
}
