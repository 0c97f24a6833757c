package org.soc.correlation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.soc.rules.RuleDefinition;
import org.soc.rules.RuleLoader;
import org.soc.rules.RuleSet;
import org.soc.rules.SecurityEvent;
import org.soc.rules.SecurityEventMapper;
import org.soc.schema.Alert;
import org.soc.schema.Event;

/**
 * The correlation job: events from Kafka are indexed as they are, and run through the rules on event time; the
 * alerts they raise are indexed too.
 *
 * <pre>
 * source (watermarks) ─ mark late ─┬─ events sink
 *                                  └─ to facts ─ keyBy(rule group key) ─ RuleEvaluator ─ union ─ alerts sink
 * </pre>
 *
 * Rules are grouped by their correlation key fields; each group gets its own keyed evaluator.
 *
 * <ul>
 *   <li>{@link #build} composes the job on any environment with any {@link CorrelationIo} (tests, launcher);
 *   <li>{@link #startInProcess} runs it with Kafka and Elasticsearch in a local MiniCluster and returns at once
 *       with the {@link JobClient} ({@code cancel()} stops it);
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
   * Adds the job to {@code env}: parallelism, checkpointing, source, rules and sinks. The rules are compiled here
   * once to fail fast ({@link org.soc.rules.RuleCompilationException}), and again on each subtask.
   */
  public static void build(StreamExecutionEnvironment env, CorrelationConfig config, List<RuleDefinition> rules,
      CorrelationIo io) {
    RuleSet.compile(rules);
    env.setParallelism(config.parallelism());
    env.enableCheckpointing(config.checkpointInterval().toMillis());

    DataStream<Event> events = io.createSource(env,
            new CorrelationWatermarks(config.outOfOrderness(), config.idleTimeout()))
        .process(new LateEventMarker()).returns(JsonTypeInfo.EVENT)
        .name("mark late events").uid("late-marker");
    io.createEventSink(events);

    DataStream<SecurityEvent> facts = events
        .filter(CorrelationJob::isRuleInput).name("rule input")
        .map(SecurityEventMapper::toFact).returns(JsonTypeInfo.SECURITY_EVENT).name("to facts").uid("to-facts");

    DataStream<Alert> alerts = null;
    for (Map.Entry<List<String>, List<RuleDefinition>> group : groupByKey(rules).entrySet()) {
      CorrelationKey key = new CorrelationKey(group.getKey());
      String name = String.join(",", group.getKey());
      DataStream<Alert> groupAlerts = facts
          .filter(key::isComplete).name("has " + name)
          .keyBy(key, Types.STRING)
          .process(new RuleEvaluator(group.getValue())).returns(JsonTypeInfo.ALERT)
          .name("rules by " + name).uid("rules-" + name);
      alerts = alerts == null ? groupAlerts : alerts.union(groupAlerts);
    }
    if (alerts != null) {
      io.createAlertSink(alerts);
    }
  }

  /** Builds the production job (Kafka, Elasticsearch) on {@code env} and starts it without blocking. */
  public static JobClient start(StreamExecutionEnvironment env, CorrelationConfig config) throws Exception {
    build(env, config, rules(config), new KafkaElasticsearchIo(config));
    return env.executeAsync(JOB_NAME);
  }

  /**
   * Runs the production job in a MiniCluster inside this JVM and returns once it is submitted. The MiniCluster
   * shuts down when the job ends: {@code client.cancel().get()} stops both.
   */
  public static JobClient startInProcess(CorrelationConfig config) throws Exception {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(config.parallelism(), new Configuration());
    return start(env, config);
  }

  static boolean isRuleInput(Event event) {
    return !event.isParseFailure() && event.timestamp() != null;
  }

  static Map<List<String>, List<RuleDefinition>> groupByKey(List<RuleDefinition> rules) {
    Map<List<String>, List<RuleDefinition>> groups = new LinkedHashMap<>();
    for (RuleDefinition rule : rules) {
      groups.computeIfAbsent(rule.metadata().keyFields(), k -> new ArrayList<>()).add(rule);
    }
    return groups;
  }

  /**
   * {@code --kafka host:port --elasticsearch http://host:9200[,url...] [--topic t] [--group-id g]
   * [--parallelism n] [--checkpoint-interval 5s] [--out-of-orderness 2s] [--idle-timeout 5s] [--rules dir]}
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
        options.get("rules"));
    options.keySet().removeAll(List.of("kafka", "elasticsearch", "topic", "group-id", "parallelism",
        "checkpoint-interval", "out-of-orderness", "idle-timeout", "rules"));
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
