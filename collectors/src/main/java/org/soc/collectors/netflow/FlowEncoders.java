package org.soc.collectors.netflow;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.soc.agency.Agency;
import org.soc.collectors.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads that encode and publish the records the event loops parsed. One exporter is one socket and so one
 * event-loop thread; writing the JSON costs about three times the parsing, so a busy exporter would otherwise be
 * limited to what one thread can encode. The event loop keeps the parsing (templates must be applied in the
 * order an exporter sent them) and hands each datagram's records to the next encoder round robin. Events of one
 * exporter may therefore reach the publisher out of order; every event carries its own times, and Kafka orders
 * nothing across partitions anyway.
 *
 * <p>With 0 threads the caller encodes and publishes itself, in order (tests, small sites).
 *
 * <p>Each encoder has a bounded queue. A datagram no encoder can take is refused, and the caller counts it as
 * dropped: UDP cannot push back, and an unbounded queue would only turn loss into memory. Closing drains what
 * was queued.
 */
public final class FlowEncoders implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlowEncoders.class);
  private static final Batch STOP = new Batch(List.of(), null, null);

  /** One datagram's records, what they share, and the exporter's counters. */
  private record Batch(List<FlowRecord> records, FlowEventEncoder.Datagram shared,
      FlowMetrics.ExporterCounters counters) {}

  private final FlowEventEncoder encoder;
  private final EventPublisher publisher;
  private final Worker[] workers;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicLong queuedRecords = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final boolean inline;
  private volatile boolean closed;

  /**
   * @param threads encoder threads; 0 encodes on the caller's thread
   * @param queueDatagrams datagrams each encoder may hold waiting
   */
  public FlowEncoders(FlowEventEncoder encoder, EventPublisher publisher, int threads, int queueDatagrams) {
    if (threads < 0 || queueDatagrams < 1) {
      throw new IllegalArgumentException("encoder threads must be >= 0 and the queue positive");
    }
    this.inline = threads == 0;
    this.encoder = encoder;
    this.publisher = publisher;
    this.workers = new Worker[threads];
    // Threads start here: the encoders are built by FlowServer.start() and closed by its close().
    for (int i = 0; i < threads; i++) {
      workers[i] = new Worker(new ArrayBlockingQueue<>(queueDatagrams), "flow-encoder-" + i);
      workers[i].start();
    }
  }

  /**
   * Queues one datagram's records on the next encoder with room.
   *
   * @return false when every encoder's queue is full or the encoders are closed; nothing was queued then
   */
  /** What every flow of a datagram from {@code agency} shares, from the encoder's cache of fragments. */
  FlowEventEncoder.Datagram datagram(Agency agency, Instant receivedAt, String input) {
    return encoder.datagram(agency, receivedAt, input);
  }

  boolean offer(List<FlowRecord> records, FlowEventEncoder.Datagram shared, FlowMetrics.ExporterCounters counters) {
    if (closed) {
      return false;
    }
    Batch batch = new Batch(records, shared, counters);
    if (inline) {
      encode(batch);
      return true;
    }
    int start = Math.floorMod(next.getAndIncrement(), workers.length);
    for (int i = 0; i < workers.length; i++) {
      if (workers[(start + i) % workers.length].queue.offer(batch)) {
        queuedRecords.addAndGet(records.size());
        return true;
      }
    }
    return false;
  }

  /** Records queued and not yet handed to the publisher. */
  public long queuedRecords() {
    return queuedRecords.get();
  }

  /** Datagrams waiting in the queues (not yet taken by an encoder). */
  int queueDepth() {
    int depth = 0;
    for (Worker w : workers) {
      depth += w.queue.size();
    }
    return depth;
  }

  /** Records whose encoding threw (a bug: logged, counted as channel errors of the exporter, the rest go on). */
  public long failures() {
    return failures.get();
  }

  private void encode(Batch batch) {
    List<FlowRecord> records = batch.records();
    for (int i = 0, n = records.size(); i < n; i++) {
      try {
        publisher.publish(encoder.encode(records.get(i), batch.shared()));
      } catch (RuntimeException e) {
        batch.counters().add(FlowMetrics.Kind.CHANNEL_ERRORS, 1);
        long failed = failures.incrementAndGet();
        if (Long.bitCount(failed) == 1) { // 1, 2, 4, 8, ...: a bug that repeats does not flood the log
          LOG.error("flow record not encoded ({} so far)", failed, e);
        }
      }
    }
  }

  /** Stops taking datagrams and waits up to 10 s for the queued ones to be published. */
  @Override
  public void close() {
    closed = true;
    if (inline) {
      return;
    }
    for (Worker w : workers) {
      // The queue may be full; the worker empties it, so this wait is bounded by its pace.
      try {
        while (w.isAlive() && !w.queue.offer(STOP, 100, TimeUnit.MILLISECONDS)) {
          // retry until there is room or the worker is gone
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    for (Worker w : workers) {
      try {
        w.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (w.isAlive()) {
        LOG.warn("{} still busy after 10 s; {} records not published", w.getName(), queuedRecords.get());
      }
    }
  }

  private final class Worker extends Thread {
    final BlockingQueue<Batch> queue;

    Worker(BlockingQueue<Batch> queue, String name) {
      super(name);
      this.queue = queue;
      setDaemon(true);
    }

    @Override
    public void run() {
      while (true) {
        Batch batch;
        try {
          batch = queue.take();
        } catch (InterruptedException e) {
          return;
        }
        if (batch == STOP) {
          return;
        }
        encode(batch);
        queuedRecords.addAndGet(-batch.records().size());
      }
    }
  }
}
