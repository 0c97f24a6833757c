package org.soc.bench;

import java.time.Instant;
import java.util.ArrayList;
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
import org.soc.rules.DroolsRuleEngine;
import org.soc.rules.RuleEngine;
import org.soc.rules.RuleSet;
import org.soc.rules.SecurityEvent;

/**
 * The shipped rules against one heavy key: what one attacker costs the correlation engine. One operation is a fresh
 * Drools session over the built-in rules fed {@code events} events of one scenario, all inside the rules' windows:
 *
 * <ul>
 *   <li>{@code vertical-scan}: one source probing ports 1.. of one host, 2 probes per millisecond of event time
 *       (nmap {@code -p-}); the vertical-scan rule's key holds every probe;
 *   <li>{@code ssh-flood}: one source failing SSH logins against one agency, one every 10 ms; the brute-force
 *       rules' keys hold every failure.
 * </ul>
 *
 * Reported: time per operation, so events per second = events / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class HeavyKeyRuleBenchmark {
  private static final long T0 = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();

  @Param({"vertical-scan", "ssh-flood"})
  public String scenario;

  @Param({"1000", "4000"})
  public int events;

  private RuleSet rules;
  private List<SecurityEvent> input;

  @Setup(Level.Trial)
  public void setUp() {
    rules = RuleSet.builtIn();
    input = new ArrayList<>(events);
    for (int i = 0; i < events; i++) {
      input.add(switch (scenario) {
        case "vertical-scan" -> probe(i);
        case "ssh-flood" -> failure(i);
        default -> throw new IllegalArgumentException("unknown scenario " + scenario);
      });
    }
  }

  @Benchmark
  public long feedOneSession() {
    RuleEngine engine = new DroolsRuleEngine(rules);
    try {
      long matches = 0;
      for (SecurityEvent e : input) {
        engine.insert(e);
        matches += engine.drain().size();
      }
      return matches;
    } finally {
      engine.close();
    }
  }

  private static SecurityEvent probe(int i) {
    SecurityEvent e = base("p" + i, T0 + i / 2);
    e.setCategories(List.of("network"));
    e.setTypes(List.of("connection"));
    e.setAction("network_flow");
    e.setSourceIp("203.0.113.66");
    e.setSourcePort(40000);
    e.setDestinationIp("10.101.0.9");
    e.setDestinationPort(1 + i % 65_535);
    e.setTransport("tcp");
    return e;
  }

  private static SecurityEvent failure(int i) {
    SecurityEvent e = base("f" + i, T0 + i * 10L);
    e.setCategories(List.of("authentication"));
    e.setAction("ssh_login");
    e.setOutcome("failure");
    e.setSourceIp("198.18.7.7");
    e.setDestinationIp("10.101.0.22");
    e.setUserName("root");
    return e;
  }

  private static SecurityEvent base(String id, long timestamp) {
    SecurityEvent e = new SecurityEvent();
    e.setEventId(id);
    e.setTimestamp(timestamp);
    e.setOrganizationId("health");
    e.setOrganizationName("Ministry of Health");
    return e;
  }
}
