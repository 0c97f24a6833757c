package org.soc.bench.correlation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.soc.correlation.BinaryTypeInfo;
import org.soc.correlation.CorrelationConfig;
import org.soc.correlation.CorrelationWatermarks;
import org.soc.correlation.EnrichAndRoute;
import org.soc.correlation.JsonTypeInfo;
import org.soc.correlation.LateEventMarker;
import org.soc.correlation.RawEvent;
import org.soc.correlation.control.ControlUpdate;
import org.soc.correlation.enrich.EventEnricher;
import org.soc.correlation.enrich.IntelUpdate;
import org.soc.schema.Event;

/**
 * The shipped rules' logic in plain Flink: the baseline the Drools job is measured against. Same source,
 * deserializer, watermarks, late-event marking, enrichment and counting sinks as {@link BenchIo} gives
 * {@code CorrelationJob.build}; then each event becomes a small POJO ({@link Fact}) and the rules are keyed
 * event-time windows:
 *
 * <ul>
 *   <li>SSH brute force: failed {@code ssh_login}s per organization + source, sliding 60 s / 5 s, count >= 5;
 *   <li>brute force then success: authentication events per organization + source, sliding 10 min / 1 min, a
 *       success with >= 5 failures in the 10 minutes before it;
 *   <li>horizontal scan: flows per organization + source + destination port, sliding 60 s / 5 s, >= 20 distinct
 *       destination addresses;
 *   <li>vertical scan: flows per organization + destination + source, sliding 60 s / 5 s, >= 20 distinct
 *       destination ports;
 *   <li>threat intel: a filter on the enrichment's {@code threat.indicator.matched = destination} label;
 *   <li>cross-agency campaign: those alerts per source, sliding 30 min / 1 min, >= 3 distinct organizations.
 * </ul>
 *
 * What it leaves out of the production semantics: suppression (each window that passes a threshold emits, so
 * sliding windows report one burst several times), the bounded event id lists, per-trigger firing, hot reload.
 */
final class FlinkBaselineJob {
  static final String SSH_BRUTE_FORCE = "soc-ssh-bruteforce";
  static final String BRUTE_FORCE_SUCCESS = "soc-bruteforce-then-success";
  static final String HORIZONTAL = "soc-portscan-horizontal";
  static final String VERTICAL = "soc-portscan-vertical";
  static final String INTEL = "soc-threat-intel-traffic";
  static final String CAMPAIGN = "soc-cross-agency-campaign";

  private FlinkBaselineJob() {}

  static void build(StreamExecutionEnvironment env, CorrelationConfig config, List<IntelUpdate> intel, String run) {
    env.setParallelism(config.parallelism());
    env.enableCheckpointing(config.checkpointInterval().toMillis());
    DataStream<RawEvent> events = env.fromSource(BenchKafka.boundedSource(config),
            new CorrelationWatermarks(config.outOfOrderness(), config.idleTimeout()), "kafka " + config.topic(),
            BinaryTypeInfo.RAW_EVENT).uid("kafka-events")
        .process(new LateEventMarker()).returns(BinaryTypeInfo.RAW_EVENT).name("mark late events");
    DataStream<ControlUpdate> noUpdates = env.fromData(
            List.of(ControlUpdate.intel(new IntelUpdate("none", Long.MIN_VALUE, ""))),
            new JsonTypeInfo<>(ControlUpdate.class)).filter(u -> false).name("no intel updates");
    // The same enrichment as the rules job, routing nothing (no rules).
    DataStream<Event> enriched = events
        .connect(noUpdates.broadcast(EnrichAndRoute.CONTROL_STATE.toArray(new MapStateDescriptor<?, ?>[0])))
        .process(new EnrichAndRoute(config.agenciesFile(), config.assetsFile(), intel, List.of()))
        .returns(BinaryTypeInfo.EVENT).name("enrich");
    enriched.sinkTo(new CountingSink<>(run + ".events")).name("count events");

    DataStream<Fact> facts = enriched
        .filter(e -> !e.isParseFailure() && e.timestamp() != null).name("rule input")
        .map(FlinkBaselineJob::toFact).returns(Fact.class).name("to facts");

    DataStream<BaselineAlert> sshBruteForce = facts
        .filter(f -> f.kind == Fact.SSH_FAILURE && f.source != null).name("ssh failures")
        .keyBy(f -> f.organization + "|" + f.source, Types.STRING)
        .window(SlidingEventTimeWindows.of(Duration.ofSeconds(60), Duration.ofSeconds(5)))
        .aggregate(new Count(), new Threshold(SSH_BRUTE_FORCE, 5)).name("ssh brute force");

    DataStream<BaselineAlert> bruteForceSuccess = facts
        .filter(f -> (f.kind == Fact.SSH_FAILURE || f.kind == Fact.AUTH_SUCCESS) && f.source != null)
        .name("authentication")
        .keyBy(f -> f.organization + "|" + f.source, Types.STRING)
        .window(SlidingEventTimeWindows.of(Duration.ofMinutes(10), Duration.ofMinutes(1)))
        .aggregate(new FailuresThenSuccess(), new Threshold(BRUTE_FORCE_SUCCESS, 1))
        .name("brute force then success");

    DataStream<Fact> connections = facts
        .filter(f -> f.kind == Fact.FLOW && f.source != null && f.destination != null && f.destinationPort >= 0)
        .name("flows");
    DataStream<BaselineAlert> horizontal = connections
        .keyBy(f -> f.organization + "|" + f.source + "|" + f.destinationPort, Types.STRING)
        .window(SlidingEventTimeWindows.of(Duration.ofSeconds(60), Duration.ofSeconds(5)))
        .aggregate(new Distinct(false), new Threshold(HORIZONTAL, 20)).name("horizontal scan");
    DataStream<BaselineAlert> vertical = connections
        .keyBy(f -> f.organization + "|" + f.destination + "|" + f.source, Types.STRING)
        .window(SlidingEventTimeWindows.of(Duration.ofSeconds(60), Duration.ofSeconds(5)))
        .aggregate(new Distinct(true), new Threshold(VERTICAL, 20)).name("vertical scan");

    DataStream<BaselineAlert> intelTraffic = facts
        .filter(f -> f.intelDestination && f.destination != null).name("intel destinations")
        .map(f -> new BaselineAlert(INTEL, f.organization + "|" + f.destination, f.timestamp, f.timestamp, 1,
            f.organization, f.source)).returns(BaselineAlert.class).name("threat intel traffic");

    DataStream<BaselineAlert> agencyAlerts = sshBruteForce.union(bruteForceSuccess, horizontal, vertical, intelTraffic);
    DataStream<BaselineAlert> campaigns = agencyAlerts
        .filter(a -> a.source != null).name("alerts with a source")
        .keyBy(a -> a.source, Types.STRING)
        .window(SlidingEventTimeWindows.of(Duration.ofMinutes(30), Duration.ofMinutes(1)))
        .aggregate(new DistinctOrganizations(), new Threshold(CAMPAIGN, 3)).name("cross-agency campaign");
    agencyAlerts.union(campaigns).sinkTo(new CountingSink<>(run + ".alerts")).name("count alerts");
  }

  static Fact toFact(Event e) {
    Fact f = new Fact();
    f.timestamp = e.timestamp().toEpochMilli();
    f.organization = e.organizationId();
    f.source = e.source() == null ? null : e.source().ip();
    f.destination = e.destination() == null ? null : e.destination().ip();
    f.destinationPort = e.destination() == null || e.destination().port() == null ? -1 : e.destination().port();
    Event.EventInfo info = e.event();
    List<String> categories = info == null ? List.of() : info.category();
    if (categories.contains("authentication")) {
      if ("failure".equals(info.outcome()) && "ssh_login".equals(info.action())) {
        f.kind = Fact.SSH_FAILURE;
      } else if ("success".equals(info.outcome())) {
        f.kind = Fact.AUTH_SUCCESS;
      } else {
        f.kind = Fact.OTHER;
      }
    } else if (categories.contains("network") && info.type().contains("connection")) {
      f.kind = Fact.FLOW;
    } else {
      f.kind = Fact.OTHER;
    }
    f.intelDestination = "destination".equals(e.labels().get(EventEnricher.INTEL_MATCHED));
    return f;
  }

  /** What the windows read of an event (a Flink POJO). */
  public static final class Fact {
    public static final int OTHER = 0;
    public static final int SSH_FAILURE = 1;
    public static final int AUTH_SUCCESS = 2;
    public static final int FLOW = 3;

    public long timestamp;
    public int kind;
    public String organization;
    public String source;
    public String destination;
    public int destinationPort;
    public boolean intelDestination;

    public Fact() {}
  }

  /** An alert-like record: rule, key, window, count (a Flink POJO). */
  public static final class BaselineAlert {
    public String rule;
    public String key;
    public long windowStart;
    public long windowEnd;
    public long count;
    public String organization;
    public String source;

    public BaselineAlert() {}

    BaselineAlert(String rule, String key, long windowStart, long windowEnd, long count, String organization,
        String source) {
      this.rule = rule;
      this.key = key;
      this.windowStart = windowStart;
      this.windowEnd = windowEnd;
      this.count = count;
      this.organization = organization;
      this.source = source;
    }
  }

  /** A window's value: a count, and the organization and source of its key. */
  public static final class Tally {
    public long value;
    public String organization;
    public String source;

    public Tally() {}
  }

  private static final class Count implements AggregateFunction<Fact, Tally, Tally> {
    @Override public Tally createAccumulator() { return new Tally(); }
    @Override public Tally add(Fact f, Tally t) {
      t.value++;
      t.organization = f.organization;
      t.source = f.source;
      return t;
    }
    @Override public Tally getResult(Tally t) { return t; }
    @Override public Tally merge(Tally a, Tally b) {
      a.value += b.value;
      return a;
    }
  }

  /** A window's accumulator: distinct values or (time, kind) pairs, and the organization and source of its key. */
  public static final class Seen {
    public HashSet<String> values = new HashSet<>();
    public ArrayList<long[]> times = new ArrayList<>();
    public String organization;
    public String source;

    public Seen() {}

    Seen from(Fact f) {
      organization = f.organization;
      source = f.source;
      return this;
    }

    Seen merge(Seen other) {
      values.addAll(other.values);
      times.addAll(other.times);
      if (organization == null) {
        organization = other.organization;
        source = other.source;
      }
      return this;
    }

    Tally tally(long value) {
      Tally t = new Tally();
      t.value = value;
      t.organization = organization;
      t.source = source;
      return t;
    }
  }

  /** Distinct destination addresses (horizontal) or ports (vertical). */
  private static final class Distinct implements AggregateFunction<Fact, Seen, Tally> {
    private final boolean ports;

    Distinct(boolean ports) {
      this.ports = ports;
    }

    @Override public Seen createAccumulator() { return new Seen(); }
    @Override public Seen add(Fact f, Seen seen) {
      seen.values.add(ports ? Integer.toString(f.destinationPort) : f.destination);
      return seen.organization == null ? seen.from(f) : seen;
    }
    @Override public Tally getResult(Seen seen) { return seen.tally(seen.values.size()); }
    @Override public Seen merge(Seen a, Seen b) { return a.merge(b); }
  }

  /** Failure and success times of one key: the result is 1 when a success has >= 5 failures in the 10 min before. */
  private static final class FailuresThenSuccess implements AggregateFunction<Fact, Seen, Tally> {
    @Override public Seen createAccumulator() { return new Seen(); }
    @Override public Seen add(Fact f, Seen seen) {
      seen.times.add(new long[] {f.timestamp, f.kind});
      return seen.organization == null ? seen.from(f) : seen;
    }
    @Override public Tally getResult(Seen seen) {
      for (long[] success : seen.times) {
        if (success[1] != Fact.AUTH_SUCCESS) {
          continue;
        }
        int failures = 0;
        for (long[] f : seen.times) {
          if (f[1] == Fact.SSH_FAILURE && f[0] <= success[0] && f[0] > success[0] - 600_000) {
            failures++;
          }
        }
        if (failures >= 5) {
          return seen.tally(1);
        }
      }
      return seen.tally(0);
    }
    @Override public Seen merge(Seen a, Seen b) { return a.merge(b); }
  }

  private static final class DistinctOrganizations implements AggregateFunction<BaselineAlert, Seen, Tally> {
    @Override public Seen createAccumulator() { return new Seen(); }
    @Override public Seen add(BaselineAlert a, Seen seen) {
      seen.values.add(a.organization);
      seen.source = a.source;
      return seen;
    }
    @Override public Tally getResult(Seen seen) { return seen.tally(seen.values.size()); }
    @Override public Seen merge(Seen a, Seen b) { return a.merge(b); }
  }

  /** Emits an alert-like record for a window whose value reached the threshold. */
  private static final class Threshold extends ProcessWindowFunction<Tally, BaselineAlert, String, TimeWindow> {
    private final String rule;
    private final long threshold;

    Threshold(String rule, long threshold) {
      this.rule = rule;
      this.threshold = threshold;
    }

    @Override
    public void process(String key, Context context, Iterable<Tally> values, Collector<BaselineAlert> out) {
      for (Tally t : values) {
        if (t.value >= threshold) {
          out.collect(new BaselineAlert(rule, key, context.window().getStart(), context.window().getEnd(), t.value,
              t.organization, t.source));
        }
      }
    }
  }
}
