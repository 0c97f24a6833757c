package org.soc.collectors.netflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.soc.collectors.kafka.EventPublisher;
import org.soc.schema.EncodedEvent;
import org.soc.schema.Event;
import org.soc.schema.EventJson;

/**
 * The encode threads behind the event loop: every parsed record is published exactly once whichever thread
 * encodes it, a full queue is a counted drop of the whole datagram (never a silent one, never a blocked event
 * loop), a record that fails to encode is counted and the others still go out, and closing publishes what was
 * queued.
 */
class FlowEncodersTest {
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 2055);
  private final FlowWorld w = new FlowWorld();
  private final EventJson json = new EventJson();

  /** Keeps what it is given and which thread gave it; optionally waits on a gate, or fails, first. */
  private final class RecordingPublisher implements EventPublisher {
    final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    volatile CountDownLatch gate = new CountDownLatch(0);
    volatile int failFirst;

    @Override
    public void publish(Event event) {
      throw new UnsupportedOperationException("flows are published encoded");
    }

    @Override
    public synchronized void publish(EncodedEvent event) {
      try {
        gate.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (failFirst > 0) {
        failFirst--;
        throw new IllegalStateException("injected publisher bug");
      }
      threads.add(Thread.currentThread().getName());
      events.add(json.fromBytes(event.json()));
    }

    @Override
    public long inFlight() {
      return 0;
    }

    @Override
    public void close() {}
  }

  private EmbeddedChannel pipeline(FlowEncoders encoders, RecordingPublisher publisher) {
    return new EmbeddedChannel(new FlowDatagramDecoder(65535, w.metrics),
        new FlowMessageHandler(w.parser, encoders, publisher, w.registry, w.metrics, w.clock,
            FlowServer.INPUT_NETFLOW, 100_000, Duration.ofMinutes(1)));
  }

  private static void send(EmbeddedChannel channel, byte[] datagram) {
    channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(datagram), LOCAL, FlowFixtures.ROUTER));
  }

  @Test
  void everyRecordIsPublishedOnceWhicheverEncoderWritesIt() {
    RecordingPublisher publisher = new RecordingPublisher();
    FlowEncoders encoders = new FlowEncoders(w.encoder, publisher, 2, 512); // room for all: no drops here
    EmbeddedChannel channel = pipeline(encoders, publisher);
    send(channel, FlowFixtures.v9TemplateOnly());
    for (int i = 0; i < 500; i++) {
      send(channel, i % 2 == 0 ? FlowFixtures.v5(0) : FlowFixtures.v9DataOnly(0));
    }
    encoders.close();

    assertThat(w.metrics.total(FlowMetrics.Kind.DROPPED)).isZero();
    long records = w.metrics.exporter(FlowFixtures.ROUTER, FlowMetrics.Kind.RECORDS);
    assertThat(records).isEqualTo(1000);
    assertThat(publisher.events).hasSize(1000);
    Set<String> ids = new HashSet<>();
    for (Event e : publisher.events) {
      ids.add(e.event().id());
      assertThat(e.observer().ip()).isEqualTo("10.10.0.1");
    }
    assertThat(ids).hasSize(1000);
    assertThat(publisher.threads).containsExactlyInAnyOrder("flow-encoder-0", "flow-encoder-1");
    assertThat(encoders.queuedRecords()).isZero();
    channel.checkException();
    channel.finishAndReleaseAll();
  }

  @Test
  void aDatagramNoEncoderHasRoomForIsCountedDroppedAndTheRestStillPublished() {
    RecordingPublisher publisher = new RecordingPublisher();
    publisher.gate = new CountDownLatch(1); // the one encoder stalls on its first record
    FlowEncoders encoders = new FlowEncoders(w.encoder, publisher, 1, 1);
    EmbeddedChannel channel = pipeline(encoders, publisher);
    send(channel, FlowFixtures.v5(0)); // taken by the encoder, which then waits
    assertThat(encoders.queuedRecords()).isEqualTo(2);
    assertThat(waitUntilTaken(encoders)).isTrue();
    send(channel, FlowFixtures.v5(0)); // fills the queue of one
    send(channel, FlowFixtures.v5(0)); // no room: dropped, counted
    assertThat(w.metrics.exporter(FlowFixtures.ROUTER, FlowMetrics.Kind.DROPPED)).isEqualTo(1);
    assertThat(w.metrics.exporter(FlowFixtures.ROUTER, FlowMetrics.Kind.PACKETS)).isEqualTo(3);
    assertThat(w.metrics.exporter(FlowFixtures.ROUTER, FlowMetrics.Kind.RECORDS)).isEqualTo(4);

    publisher.gate.countDown();
    encoders.close();
    assertThat(publisher.events).hasSize(4);
    channel.checkException();
    channel.finishAndReleaseAll();
  }

  @Test
  void eventsHeldByTheEncodersCountAgainstTheInFlightLimit() {
    RecordingPublisher publisher = new RecordingPublisher();
    publisher.gate = new CountDownLatch(1);
    FlowEncoders encoders = new FlowEncoders(w.encoder, publisher, 1, 100);
    EmbeddedChannel channel = new EmbeddedChannel(new FlowDatagramDecoder(65535, w.metrics),
        new FlowMessageHandler(w.parser, encoders, publisher, w.registry, w.metrics, w.clock,
            FlowServer.INPUT_NETFLOW, 3, Duration.ofMinutes(1)));
    send(channel, FlowFixtures.v5(0)); // 2 records held
    send(channel, FlowFixtures.v5(0)); // 4 held: over the limit of 3 from now on
    send(channel, FlowFixtures.v5(0)); // dropped unparsed
    assertThat(w.metrics.exporter(FlowFixtures.ROUTER, FlowMetrics.Kind.DROPPED)).isEqualTo(1);
    publisher.gate.countDown();
    encoders.close();
    assertThat(publisher.events).hasSize(4);
    channel.finishAndReleaseAll();
  }

  @Test
  void aRecordThatFailsToPublishIsCountedAndTheOthersGoOut() {
    RecordingPublisher publisher = new RecordingPublisher();
    publisher.failFirst = 1;
    FlowEncoders encoders = new FlowEncoders(w.encoder, publisher, 1, 16);
    EmbeddedChannel channel = pipeline(encoders, publisher);
    send(channel, FlowFixtures.v5(0));
    send(channel, FlowFixtures.v5(0));
    encoders.close();
    assertThat(publisher.events).hasSize(3);
    assertThat(encoders.failures()).isEqualTo(1);
    assertThat(w.metrics.exporter(FlowFixtures.ROUTER, FlowMetrics.Kind.CHANNEL_ERRORS)).isEqualTo(1);
    channel.checkException();
    channel.finishAndReleaseAll();
  }

  @Test
  void withoutThreadsTheCallerPublishesInArrivalOrder() {
    RecordingPublisher publisher = new RecordingPublisher();
    FlowEncoders encoders = new FlowEncoders(w.encoder, publisher, 0, 1);
    EmbeddedChannel channel = pipeline(encoders, publisher);
    send(channel, FlowFixtures.v5(0));
    // Published before writeInbound returned, on this thread.
    List<Event> events = List.copyOf(publisher.events);
    assertThat(events).extracting(e -> e.destination().port()).containsExactly(443, 53);
    assertThat(publisher.threads).containsExactly(Thread.currentThread().getName());
    encoders.close();
    channel.finishAndReleaseAll();
  }

  @Test
  void closedEncodersRefuseDatagramsAndTheyAreCountedDropped() {
    RecordingPublisher publisher = new RecordingPublisher();
    FlowEncoders encoders = new FlowEncoders(w.encoder, publisher, 1, 16);
    EmbeddedChannel channel = pipeline(encoders, publisher);
    encoders.close();
    send(channel, FlowFixtures.v5(0));
    assertThat(w.metrics.exporter(FlowFixtures.ROUTER, FlowMetrics.Kind.DROPPED)).isEqualTo(1);
    assertThat(w.metrics.exporter(FlowFixtures.ROUTER, FlowMetrics.Kind.RECORDS)).isZero();
    assertThat(publisher.events).isEmpty();
    channel.finishAndReleaseAll();
  }

  /** True once the stalled encoder has taken its batch off the queue (it is then inside publish). */
  private static boolean waitUntilTaken(FlowEncoders encoders) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end) {
      if (encoders.queueDepth() == 0) {
        return true;
      }
      Thread.onSpinWait();
    }
    return false;
  }
}
