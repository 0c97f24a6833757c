package org.soc.correlation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
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

  private final String name;
  private final List<Event> input;

  InMemoryIo(String name, List<Event> input) {
    this.name = name;
    this.input = List.copyOf(input);
    SINKS.put(name + "/events", new ConcurrentLinkedQueue<>());
    SINKS.put(name + "/alerts", new ConcurrentLinkedQueue<>());
  }

  @Override
  public DataStream<Event> createSource(StreamExecutionEnvironment env, WatermarkStrategy<Event> watermarks) {
    return env.fromData(input, JsonTypeInfo.EVENT).assignTimestampsAndWatermarks(watermarks);
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
      return new SinkWriter<>() {
        @Override public void write(T element, Context ctx) { queue.add(element); }
        @Override public void flush(boolean endOfInput) {}
        @Override public void close() {}
      };
    }
  }
}
