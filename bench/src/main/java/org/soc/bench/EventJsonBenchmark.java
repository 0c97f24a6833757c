package org.soc.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.soc.agency.Agency;
import org.soc.agency.AgencyRegistry;
import org.soc.agency.IpPrefix;
import org.soc.bench.netflow.FlowCaptures;
import org.soc.collectors.netflow.FlowEventEncoder;
import org.soc.collectors.netflow.FlowLimits;
import org.soc.collectors.netflow.FlowMetrics;
import org.soc.collectors.netflow.FlowPacketParser;
import org.soc.collectors.netflow.FlowRecord;
import org.soc.collectors.netflow.FlowServer;
import org.soc.collectors.netflow.TemplateCache;
import org.soc.collectors.syslog.SyslogMessageParser;
import org.soc.schema.Event;
import org.soc.schema.EventIdGenerator;
import org.soc.schema.EventJson;

/**
 * JSON serialisation of the ECS {@link Event}, the collector's biggest CPU cost before this change: the
 * reflective databind writer ({@code ObjectMapper.writeValueAsBytes}, what {@code EventJson.toBytes} used to be)
 * against the hand-written generator writer ({@code EventJson.toBytes} now), and reading them back (databind
 * against {@code EventJson.fromBytes}). One operation is one event, round
 * robin over events the collector's own parser made from real lines, so they carry what production events carry.
 *
 * <ul>
 *   <li>{@code MIX}: the 16 lines of {@link SyslogLines} (RFC 5424 with and without SD, RFC 3164 sshd, Cisco).
 *   <li>{@code LOGGEN}: the 300-byte RFC 5424 lines the load test's loggen sends ({@code seq: ..., PADD...}).
 *   <li>{@code FLOW}: the flow collector's documents of the dense NetFlow v9 fixture (24 flows), half of what the
 *       correlation job reads.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Thread)
public class EventJsonBenchmark {
  /** {@code MIX}, {@code LOGGEN} or {@code FLOW}. */
  @Param({"MIX", "LOGGEN", "FLOW"})
  public String events;

  private static final InetSocketAddress SENDER = new InetSocketAddress("10.10.1.2", 40514);

  private final EventJson json = new EventJson();
  private final ObjectMapper databind = EventJson.newMapper();
  private Event[] corpus;
  private byte[][] documents;
  private int next;

  /** A line as loggen {@code --syslog-proto -s 300} sends it (header, then seq/thread/runid/stamp and padding). */
  static String loggenLine(int seq) {
    String head = String.format("<38>1 2026-11-24T08:00:00+00:00 localhost prg00000 1234 - - \uFEFFseq: %010d, "
        + "thread: 0000, runid: 1764000000, stamp: 2026-11-24T08:00:00 ", seq);
    return head + "PADD".repeat((300 - head.length()) / 4 + 1).substring(0, 300 - head.length());
  }

  @Setup(Level.Trial)
  public void setUp() {
    if ("FLOW".equals(events)) {
      documents = flowDocuments().toArray(byte[][]::new);
      corpus = java.util.Arrays.stream(documents).map(json::fromBytes).toArray(Event[]::new);
      return;
    }
    List<String> lines = "LOGGEN".equals(events)
        ? List.of(loggenLine(0), loggenLine(1), loggenLine(2), loggenLine(3))
        : SyslogLines.select(events);
    Agency health = new Agency("health", "Ministry of Health", List.of(IpPrefix.parse("10.10.0.0/16")),
        List.of(), ZoneId.of("Europe/Paris"));
    SyslogMessageParser parser = SyslogMessageParser.withDefaultDecoders(new AgencyRegistry(List.of(health)),
        Clock.fixed(Instant.parse("2026-11-24T08:00:01.234Z"), ZoneOffset.UTC), new EventIdGenerator(1));
    corpus = lines.stream()
        .map(line -> parser.parse(line.getBytes(StandardCharsets.UTF_8), SENDER, SyslogMessageParser.INPUT_TCP))
        .toArray(Event[]::new);
    documents = java.util.Arrays.stream(corpus).map(json::toBytes).toArray(byte[][]::new);
  }

  private static List<byte[]> flowDocuments() {
    Agency health = new Agency("health", "Ministry of Health", List.of(IpPrefix.parse("10.10.0.0/16")),
        List.of(), ZoneId.of("Europe/Paris"));
    AgencyRegistry registry = new AgencyRegistry(List.of(health));
    Clock clock = Clock.systemUTC();
    FlowMetrics metrics = new FlowMetrics(a -> registry.lookup(a).id(), 10_000);
    FlowPacketParser parser =
        new FlowPacketParser(new TemplateCache(TemplateCache.Limits.defaults(), clock, metrics), clock,
            FlowLimits.defaults());
    FlowEventEncoder encoder = new FlowEventEncoder(new EventIdGenerator(1));
    List<byte[]> out = new java.util.ArrayList<>();
    for (byte[] datagram : FlowCaptures.load("fixture-v9-dense")) {
      FlowEventEncoder.Datagram shared =
          encoder.datagram(health, Instant.parse("2026-11-24T08:00:01.234Z"), FlowServer.INPUT_NETFLOW);
      for (FlowRecord r : parser.parse(FlowCaptures.EXPORTER, datagram).records()) {
        out.add(encoder.encode(r, shared).json());
      }
    }
    return out;
  }

  /** Number of events in the round robin. */
  int size() {
    return corpus.length;
  }

  private Event next() {
    int i = next;
    next = i + 1 == corpus.length ? 0 : i + 1;
    return corpus[i];
  }

  @Benchmark
  public byte[] databind() throws JsonProcessingException {
    return databind.writeValueAsBytes(next());
  }

  @Benchmark
  public byte[] generator() {
    return json.toBytes(next());
  }

  private byte[] nextDocument() {
    int i = next;
    next = i + 1 == documents.length ? 0 : i + 1;
    return documents[i];
  }

  /** Reading: databind, what {@code EventJson.fromBytes} falls back to. */
  @Benchmark
  public Event readDatabind() throws java.io.IOException {
    return databind.readValue(nextDocument(), Event.class);
  }

  /** Reading as the correlation job does, {@code EventJson.fromBytes} (its fast reader). */
  @Benchmark
  public Event readFromBytes() {
    return json.fromBytes(nextDocument());
  }
}
