package org.soc.bench.correlation;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Sink V2 sink that only counts what reaches it, into a JVM-wide counter named {@code counter}: the benchmark
 * runs its MiniCluster in its own JVM, so the subtasks' writers and the reader of the count share it.
 */
final class CountingSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  private static final ConcurrentMap<String, LongAdder> COUNTERS = new ConcurrentHashMap<>();

  private final String counter;

  CountingSink(String counter) {
    this.counter = counter;
  }

  /** The count of {@code counter} so far (0 if nothing reached it). */
  static long count(String counter) {
    LongAdder adder = COUNTERS.get(counter);
    return adder == null ? 0 : adder.sum();
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    LongAdder adder = COUNTERS.computeIfAbsent(counter, k -> new LongAdder());
    return new SinkWriter<>() {
      private long pending;

      @Override
      public void write(T element, Context context) {
        pending++;
      }

      @Override
      public void flush(boolean endOfInput) {
        adder.add(pending);
        pending = 0;
      }

      @Override
      public void close() {
        adder.add(pending);
        pending = 0;
      }
    };
  }
}
