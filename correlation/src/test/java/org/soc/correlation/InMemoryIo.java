package org.soc.correlation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.soc.correlation.control.ControlWatermarks;
import org.soc.correlation.control.RuleSetStatus;
import org.soc.correlation.control.RuleSetUpdate;
import org.soc.correlation.enrich.IntelUpdate;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.soc.schema.Alert;
import org.soc.schema.Event;

/** Test wiring: a bounded in-memory source and sinks collecting into queues shared through the JVM (MiniCluster). */
final class InMemoryIo implements CorrelationIo {
  private static final Map<String, Queue<Object>> SINKS = new ConcurrentHashMap<>();

  private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

  private final String name;
  private final List<Event> input;
  private final List<RuleSetUpdate> ruleSets;
  private final List<IntelUpdate> intel;
  private final int gateAt;

  InMemoryIo(String name, List<Event> input) {
    this(name, input, List.of(), List.of(), -1, 0);
  }

  /**
   * @param ruleSets published on the control source (bounded, in order)
   * @param gateAt index of the first event held back until {@code gateStatuses} {@value RuleSetStatus#RECEIVED}
   *     statuses reached the status sink (every evaluator subtask compiled the published set); -1: no gate
   */
  InMemoryIo(String name, List<Event> input, List<RuleSetUpdate> ruleSets, List<IntelUpdate> intel, int gateAt,
      int gateStatuses) {
    this.name = name;
    this.input = List.copyOf(input);
    this.ruleSets = List.copyOf(ruleSets);
    this.intel = List.copyOf(intel);
    this.gateAt = gateAt;
    SINKS.put(name + "/events", new ConcurrentLinkedQueue<>());
    SINKS.put(name + "/alerts", new ConcurrentLinkedQueue<>());
    SINKS.put(name + "/status", new ConcurrentLinkedQueue<>());
    GATES.put(name, new CountDownLatch(gateStatuses));
  }

  @Override
  public DataStream<RawEvent> createSource(StreamExecutionEnvironment env, WatermarkStrategy<RawEvent> watermarks) {
    // The records the collectors would have published: each event's binary form, at its position in the list.
    org.soc.schema.EventCodec codec = new org.soc.schema.EventCodec(org.soc.schema.EventCodec.Format.BINARY);
    ArrayList<byte[]> values = new ArrayList<>();
    for (Event e : input) {
      values.add(codec.encode(e));
    }
    if (gateAt < 0) {
      List<RawEvent> records = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        records.add(RawEvent.of(values.get(i), i, 0));
      }
      return env.fromData(records, BinaryTypeInfo.RAW_EVENT).assignTimestampsAndWatermarks(watermarks);
    }
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      indexes.add(i);
    }
    String gate = name;
    int at = gateAt;
    return env.fromData(indexes, Types.INT).setParallelism(1)
        .map(i -> {
          if (i == at && !GATES.get(gate).await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("rule set never reached the evaluators");
          }
          return RawEvent.of(values.get(i), i, 0);
        }).returns(BinaryTypeInfo.RAW_EVENT).setParallelism(1)
        .assignTimestampsAndWatermarks(watermarks).setParallelism(1);
  }

  @Override
  public DataStream<RuleSetUpdate> createRuleControlSource(StreamExecutionEnvironment env) {
    return ruleSets.isEmpty() ? null : env.fromData(ruleSets, new JsonTypeInfo<>(RuleSetUpdate.class))
        .assignTimestampsAndWatermarks(ControlWatermarks.strategy());
  }

  @Override
  public DataStream<IntelUpdate> createIntelSource(StreamExecutionEnvironment env) {
    return intel.isEmpty() ? null : env.fromData(intel, new JsonTypeInfo<>(IntelUpdate.class))
        .assignTimestampsAndWatermarks(ControlWatermarks.strategy());
  }

  @Override
  public void createRuleStatusSink(DataStream<RuleSetStatus> statuses) {
    statuses.sinkTo(new CollectingSink<>(name + "/status"));
  }

  List<RuleSetStatus> statuses() {
    return collected(name + "/status");
  }

  @Override
  public void createEventSink(DataStream<Event> events) {
    events.sinkTo(new CollectingSink<>(name + "/events"));
  }

  @Override
  public void createAlertSink(DataStream<Alert> alerts) {
    alerts.sinkTo(new CollectingSink<>(name + "/alerts"));
  }

  List<Event> events() {
    return collected(name + "/events");
  }

  List<Alert> alerts() {
    return collected(name + "/alerts");
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> collected(String sink) {
    return new ArrayList<>((Queue<T>) (Queue<?>) SINKS.get(sink));
  }

  static final class CollectingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private final String sink;

    CollectingSink(String sink) {
      this.sink = sink;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
      Queue<Object> queue = SINKS.get(sink);
      CountDownLatch gate = GATES.get(sink.substring(0, sink.lastIndexOf('/')));
      return new SinkWriter<>() {
        @Override public void write(T element, Context ctx) {
          queue.add(element);
          if (element instanceof RuleSetStatus s && RuleSetStatus.RECEIVED.equals(s.state())) {
            gate.countDown();
          }
        }
        @Override public void flush(boolean endOfInput) {}
        @Override public void close() {}
      };
    }
  }
}
