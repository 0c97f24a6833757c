package org.soc.bench;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.soc.correlation.JsonTypeSerializer;
import org.soc.correlation.RoutedFact;
import org.soc.correlation.RoutedFactSerializer;
import org.soc.rules.SecurityEvent;

/**
 * The correlation job's serialization of a {@link RoutedFact}, what crosses the key-space keyBy (and, as its
 * fact, what fills the evaluator's list state): the length-prefixed JSON serializer it used against the binary
 * {@link RoutedFactSerializer}. One operation serializes one routed fact into a reused buffer and deserializes it
 * again, round robin over four shapes: an SSH login failure, a NetFlow record with enrichment labels, an agency
 * alert fed back as a fact, and a sparse fact.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Thread)
public class FactSerializerBenchmark {
  private final TypeSerializer<RoutedFact> json = new JsonTypeSerializer<>(RoutedFact.class);
  private final TypeSerializer<RoutedFact> binary = new RoutedFactSerializer();
  private final DataOutputSerializer out = new DataOutputSerializer(1024);
  private final DataInputDeserializer in = new DataInputDeserializer();
  private RoutedFact[] corpus;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    SecurityEvent ssh = fact("01JD7Q5V8Z3M0000000000000A", "authentication", "ssh_login", "failure");
    ssh.setTypes(List.of("start"));
    ssh.setSourceIp("203.0.113.7");
    ssh.setSourcePort(52000);
    ssh.setDestinationIp("10.10.0.5");
    ssh.setDestinationPort(22);
    ssh.setUserName("root");
    ssh.setHostName("web-01");

    SecurityEvent flow = fact("01JD7Q5V8Z3M0000000000000B", "network", "network_flow", null);
    flow.setTypes(List.of("connection"));
    flow.setSourceIp("10.10.1.2");
    flow.setSourcePort(40514);
    flow.setDestinationIp("198.51.100.23");
    flow.setDestinationPort(443);
    flow.setTransport("tcp");
    flow.setLabels(Map.of("threat.indicator.matched", "destination", "threat.indicator.list", "c2-feed",
        "asset.criticality", "high"));

    SecurityEvent alert = fact("9f2c1b7e4d5a6c3b", "authentication", "soc-ssh-bruteforce", null);
    alert.setKind(SecurityEvent.KIND_ALERT);
    alert.setSourceIp("203.0.113.7");
    alert.setUserName("root");

    SecurityEvent sparse = new SecurityEvent();
    sparse.setEventId("01JD7Q5V8Z3M0000000000000C");
    sparse.setTimestamp(1_764_000_000_999L);
    sparse.setOrganizationId("health");

    corpus = new RoutedFact[] {
        new RoutedFact("events|organization.id,source.ip", "health|203.0.113.7", ssh),
        new RoutedFact("events|destination.ip", "198.51.100.23", flow),
        new RoutedFact("alerts|source.ip", "203.0.113.7", alert),
        new RoutedFact("events|organization.id", "health", sparse),
    };
  }

  private static SecurityEvent fact(String id, String category, String action, String outcome) {
    SecurityEvent e = new SecurityEvent();
    e.setEventId(id);
    e.setTimestamp(1_764_000_000_123L);
    e.setOrganizationId("health");
    e.setOrganizationName("Ministry of Health");
    e.setCategories(List.of(category));
    e.setAction(action);
    e.setOutcome(outcome);
    return e;
  }

  /** Number of routed facts in the round robin. */
  int size() {
    return corpus.length;
  }

  /** The routed fact the next operation uses. */
  RoutedFact peek() {
    return corpus[next];
  }

  private RoutedFact next() {
    int i = next;
    next = i + 1 == corpus.length ? 0 : i + 1;
    return corpus[i];
  }

  private RoutedFact roundTrip(TypeSerializer<RoutedFact> serializer) throws IOException {
    out.clear();
    serializer.serialize(next(), out);
    in.setBuffer(out.getSharedBuffer(), 0, out.length());
    return serializer.deserialize(in);
  }

  @Benchmark
  public RoutedFact json() throws IOException {
    return roundTrip(json);
  }

  @Benchmark
  public RoutedFact binary() throws IOException {
    return roundTrip(binary);
  }

  /** Serialized size of each routed fact, JSON then binary; for the report, not timed. */
  long[] sizes() throws IOException {
    long[] sizes = new long[2];
    for (RoutedFact r : corpus) {
      out.clear();
      json.serialize(r, out);
      sizes[0] += out.length();
      out.clear();
      binary.serialize(r, out);
      sizes[1] += out.length();
    }
    return sizes;
  }
}
