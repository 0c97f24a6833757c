package org.soc.bench.netflow;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.soc.agency.Agency;
import org.soc.agency.AgencyRegistry;
import org.soc.agency.IpPrefix;
import org.soc.collectors.kafka.EventPublisher;
import org.soc.collectors.netflow.FlowDatagramDecoder;
import org.soc.collectors.netflow.FlowEncoders;
import org.soc.collectors.netflow.FlowEventEncoder;
import org.soc.collectors.netflow.FlowLimits;
import org.soc.collectors.netflow.FlowMessageHandler;
import org.soc.collectors.netflow.FlowMetrics;
import org.soc.collectors.netflow.FlowPacketParser;
import org.soc.collectors.netflow.FlowParseResult;
import org.soc.collectors.netflow.FlowRecord;
import org.soc.collectors.netflow.FlowServer;
import org.soc.collectors.netflow.TemplateCache;
import org.soc.schema.EncodedEvent;
import org.soc.schema.Event;
import org.soc.schema.EventIdGenerator;

/**
 * Flows decoded per second on one thread (so per core), on captured and fixture datagrams
 * ({@link FlowCaptures}). One operation replays every data-carrying datagram of the capture once; templates that
 * arrive in a datagram of their own are parsed once in setup. Read the {@code flows} secondary score (an
 * {@link AuxCounters} rate): that is flows per second; the primary score is replays per second.
 *
 * <ul>
 *   <li>{@code parseAndEncode}: {@link FlowPacketParser} plus {@link FlowEventEncoder} for each record (to the
 *       ECS JSON bytes Kafka gets), with the agency looked up once per datagram, as the collector does. The pure
 *       per-flow CPU cost.
 *   <li>{@code parse}: the parser alone, datagram to {@link FlowRecord}s.
 *   <li>{@code pipeline}: the collector's Netty pipeline ({@link FlowDatagramDecoder} and
 *       {@link FlowMessageHandler}) in an {@link EmbeddedChannel}: a {@link DatagramPacket} in, events handed to a
 *       publisher that consumes them (already JSON); includes copying out of the ByteBuf, metrics and the clock.
 *       No socket, no Kafka.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Thread)
public class FlowDecodeBenchmark {

  /** One of {@link FlowCaptures#NAMES}. */
  @Param({"softflowd-v5", "softflowd-v9", "softflowd-v10", "fixture-v5-dense", "fixture-v9-dense",
      "fixture-v10-dense"})
  public String capture;

  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 2055);
  static final Agency AGENCY = new Agency("health", "Ministry of Health",
      List.of(IpPrefix.parse("10.10.0.0/16")), List.of(), ZoneId.of("Europe/Paris"));

  private byte[][] data;
  private FlowPacketParser parser;
  private FlowEventEncoder encoder;
  private AgencyRegistry registry;
  private EmbeddedChannel channel;
  private Blackhole sink;
  private long published;
  private int flowsPerReplay;

  /** Flows and datagrams per second, as secondary scores. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counts {
    public long flows;
    public long datagrams;

    @Setup(Level.Iteration)
    public void reset() {
      flows = 0;
      datagrams = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    registry = new AgencyRegistry(List.of(AGENCY));
    Clock clock = Clock.systemUTC();
    FlowMetrics metrics = new FlowMetrics(a -> registry.lookup(a).id(), 10_000);
    TemplateCache cache = new TemplateCache(TemplateCache.Limits.defaults(), clock, metrics);
    parser = new FlowPacketParser(cache, clock, FlowLimits.defaults());
    encoder = new FlowEventEncoder(new EventIdGenerator(0xF10F));
    List<byte[]> measured = new ArrayList<>();
    for (byte[] d : FlowCaptures.load(capture)) {
      FlowParseResult r = parser.parse(FlowCaptures.EXPORTER, d);
      if (!r.problems().isEmpty()) {
        throw new IllegalStateException(capture + ": " + r.problems());
      }
      if (!r.records().isEmpty()) {
        measured.add(d);
        flowsPerReplay += r.records().size();
      }
    }
    if (measured.isEmpty()) {
      throw new IllegalStateException(capture + " has no flow records");
    }
    data = measured.toArray(new byte[0][]);

    // The pipeline gets its own cache and parser, primed the same way through the channel.
    FlowMetrics pipeMetrics = new FlowMetrics(a -> registry.lookup(a).id(), 10_000);
    TemplateCache pipeCache = new TemplateCache(TemplateCache.Limits.defaults(), clock, pipeMetrics);
    FlowPacketParser pipeParser = new FlowPacketParser(pipeCache, clock, FlowLimits.defaults());
    EventPublisher publisher = new EventPublisher() {
      @Override
      public void publish(Event event) {
        published++;
        sink.consume(event);
      }

      @Override
      public void publish(EncodedEvent event) {
        published++;
        sink.consume(event);
      }

      @Override
      public long inFlight() {
        return 0;
      }

      @Override
      public void close() {}
    };
    channel = new EmbeddedChannel(new FlowDatagramDecoder(65535, pipeMetrics),
        new FlowMessageHandler(pipeParser, new FlowEncoders(encoder, publisher, 0, 1), publisher, registry, pipeMetrics, clock,
            FlowServer.INPUT_NETFLOW, 100_000, Duration.ofMinutes(1)));
    sink = new Blackhole(
        "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    for (byte[] d : FlowCaptures.load(capture)) {
      channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(d), LOCAL, FlowCaptures.EXPORTER));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    channel.finishAndReleaseAll();
  }

  /** Decoding alone (datagram to {@link FlowRecord}s), to split {@code parseAndEncode} into its two halves. */
  @Benchmark
  public void parse(Counts counts, Blackhole bh) {
    for (byte[] d : data) {
      FlowParseResult r = parser.parse(FlowCaptures.EXPORTER, d);
      bh.consume(r);
      counts.flows += r.records().size();
      counts.datagrams++;
    }
  }

  @Benchmark
  public void parseAndEncode(Counts counts, Blackhole bh) {
    for (byte[] d : data) {
      FlowParseResult r = parser.parse(FlowCaptures.EXPORTER, d);
      Agency agency = registry.lookup(FlowCaptures.EXPORTER.getAddress());
      FlowEventEncoder.Datagram shared =
          encoder.datagram(agency, java.time.Instant.now(), FlowServer.INPUT_NETFLOW);
      for (FlowRecord record : r.records()) {
        bh.consume(encoder.encode(record, shared));
      }
      counts.flows += r.records().size();
      counts.datagrams++;
    }
  }

  @Benchmark
  public void pipeline(Counts counts, Blackhole bh) {
    sink = bh;
    long before = published;
    for (byte[] d : data) {
      channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(d), LOCAL, FlowCaptures.EXPORTER));
      counts.datagrams++;
    }
    counts.flows += published - before;
  }

  /** For the smoke test: flows one replay yields. */
  int flowsPerReplay() {
    return flowsPerReplay;
  }

  /** For the smoke test: events the pipeline has published. */
  long published() {
    return published;
  }
}
