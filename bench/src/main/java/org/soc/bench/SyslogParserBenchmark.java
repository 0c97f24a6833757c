package org.soc.bench;

import com.github.palindromicity.syslog.StructuredDataPolicy;
import com.github.palindromicity.syslog.SyslogParser;
import com.github.palindromicity.syslog.SyslogParserBuilder;
import com.github.palindromicity.syslog.SyslogSpecification;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
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
import org.openjdk.jmh.infra.Blackhole;
import org.soc.agency.Agency;
import org.soc.agency.AgencyRegistry;
import org.soc.agency.IpPrefix;
import org.soc.collectors.syslog.Rfc3164Parser;
import org.soc.collectors.syslog.Rfc5424Parser;
import org.soc.collectors.syslog.SyslogMessageParser;
import org.soc.schema.EventIdGenerator;

/**
 * Our syslog parsers against simple-syslog ({@code com.github.palindromicity:simple-syslog}, ANTLR based) on
 * the same lines ({@link SyslogLines}). One operation is one line: every call parses the next line of the
 * selected set, round robin, so the scores are lines per second and a mix weighs its shapes equally.
 *
 * <ul>
 *   <li>{@code ours}: {@link Rfc5424Parser} or {@link Rfc3164Parser}, chosen per line by
 *       {@link Rfc5424Parser#looksLikeRfc5424} as the collector does. Produces a {@code SyslogMessage} with the
 *       timestamp resolved to an {@code Instant} (year inference for BSD timestamps) and TAG/PID split.
 *   <li>{@code oursFullEvent}: the whole {@link SyslogMessageParser} facade from the received bytes: strict
 *       UTF-8 decoding, agency lookup, parser, payload decoders (OpenSSH, Cisco, ...), event id and the ECS
 *       {@code Event}. That is the per-message CPU cost of the collector before JSON and Kafka.
 *   <li>{@code simpleSyslog}: simple-syslog 0.0.6, told the specification of each line (it cannot detect it),
 *       structured data as a map of maps like ours. Its output keeps timestamps as strings and leaves
 *       RFC 3164 TAG[PID] inside the message, so it does less work per line than {@code ours}. Lines it rejects
 *       (3 of the 4 Cisco lines) throw; the exception is consumed and counted as an operation, as a caller
 *       would have to.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Thread)
public class SyslogParserBenchmark {

  /** {@code MIX} or one of {@link SyslogLines}. */
  @Param({"MIX", "RFC5424_SD", "RFC5424_NO_SD", "RFC3164_SSHD", "CISCO"})
  public String lines;

  private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
  private static final InetSocketAddress SENDER = new InetSocketAddress("10.10.1.2", 40514);

  private String[] text;
  private byte[][] bytes;
  private boolean[] rfc5424;
  private int next;

  private final Rfc5424Parser rfc5424Parser = new Rfc5424Parser();
  private final Rfc3164Parser rfc3164Parser = new Rfc3164Parser(Clock.systemUTC());
  private SyslogMessageParser facade;
  private SyslogParser simple5424;
  private SyslogParser simple3164;

  @Setup(Level.Trial)
  public void setUp() {
    List<String> selected = SyslogLines.select(lines);
    text = selected.toArray(String[]::new);
    bytes = new byte[text.length][];
    rfc5424 = new boolean[text.length];
    for (int i = 0; i < text.length; i++) {
      bytes[i] = text[i].getBytes(StandardCharsets.UTF_8);
      rfc5424[i] = Rfc5424Parser.looksLikeRfc5424(text[i]);
    }
    Agency health = new Agency("health", "Ministry of Health", List.of(IpPrefix.parse("10.10.0.0/16")),
        List.of(), ZONE);
    facade = SyslogMessageParser.withDefaultDecoders(
        new AgencyRegistry(List.of(health)), Clock.systemUTC(), new EventIdGenerator(1));
    simple5424 = new SyslogParserBuilder().forSpecification(SyslogSpecification.RFC_5424)
        .withStructuredDataPolicy(StructuredDataPolicy.MAP_OF_MAPS).build();
    simple3164 = new SyslogParserBuilder().forSpecification(SyslogSpecification.RFC_3164).build();
  }

  private int next() {
    int i = next;
    next = i + 1 == text.length ? 0 : i + 1;
    return i;
  }

  @Benchmark
  public Object ours() {
    int i = next();
    return rfc5424[i] ? rfc5424Parser.parse(text[i], ZONE) : rfc3164Parser.parse(text[i], ZONE);
  }

  @Benchmark
  public Object oursFullEvent() {
    return facade.parse(bytes[next()], SENDER, SyslogMessageParser.INPUT_TCP);
  }

  @Benchmark
  public void simpleSyslog(Blackhole bh) {
    int i = next();
    try {
      bh.consume((rfc5424[i] ? simple5424 : simple3164).parseLine(text[i]));
    } catch (RuntimeException rejected) {
      bh.consume(rejected);
    }
  }
}
