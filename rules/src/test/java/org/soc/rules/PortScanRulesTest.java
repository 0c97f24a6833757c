package org.soc.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soc.rules.Facts.flow;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pseudo-clock tests of {@code rules/port-scan-horizontal.drl} and {@code rules/port-scan-vertical.drl}. */
class PortScanRulesTest {
  static final String HORIZONTAL = "soc-portscan-horizontal";
  static final String VERTICAL = "soc-portscan-vertical";
  private final RuleRun run = new RuleRun();

  @AfterEach
  void close() {
    run.close();
  }

  /** {@code hosts} flows from one source, one per destination 10.10.0.1.., all to {@code port}, 1 s apart. */
  private static List<SecurityEvent> sweep(String src, int hosts, int port, long stepMillis) {
    List<SecurityEvent> out = new ArrayList<>();
    for (int i = 0; i < hosts; i++) {
      out.add(flow("h" + i, i * stepMillis, "health", src, "10.10.0." + (i + 1), port));
    }
    return out;
  }

  /** {@code ports} flows from one source to one host, on ports 1.., 1 s apart. */
  private static List<SecurityEvent> portWalk(String src, String dst, int ports, long stepMillis) {
    List<SecurityEvent> out = new ArrayList<>();
    for (int i = 0; i < ports; i++) {
      out.add(flow("p" + i, i * stepMillis, "health", src, dst, i + 1));
    }
    return out;
  }

  @Test
  void twentyHostsOnOnePortWithinAMinuteIsAHorizontalScan() {
    List<RuleMatch> matches = run.run(HORIZONTAL, sweep("203.0.113.7", 21, 445, 1_000));
    assertThat(matches).extracting(RuleMatch::triggerEventId).containsExactly("h19", "h20");
    assertThat(matches.get(0).key()).isEqualTo("health|203.0.113.7");
    assertThat(matches.get(0).count()).isEqualTo(20);
    assertThat(matches.get(0).entity("destination.ip")).as("many hosts: no single destination").isNull();
  }

  @Test
  void nineteenHostsOrHostsOnDifferentPortsOrTooSlowAreNotAHorizontalScan() {
    assertThat(run.run(HORIZONTAL, sweep("203.0.113.7", 19, 445, 1_000))).isEmpty();
    List<SecurityEvent> mixedPorts = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      mixedPorts.add(flow("m" + i, 100_000 + i * 1_000L, "health", "203.0.113.8", "10.10.1." + (i + 1),
          i % 2 == 0 ? 445 : 3389));
    }
    assertThat(run.run(HORIZONTAL, mixedPorts)).isEmpty();
    assertThat(run.run(HORIZONTAL, sweep("203.0.113.9", 25, 22, 4_000))).as("25 hosts over 100 s").isEmpty();
  }

  @Test
  void twentyPortsOfOneHostWithinAMinuteIsAVerticalScan() {
    List<RuleMatch> matches = run.run(VERTICAL, portWalk("203.0.113.7", "10.10.0.5", 20, 500));
    assertThat(matches).singleElement().satisfies(m -> {
      assertThat(m.key()).as("scanner and scanned host").isEqualTo("health|203.0.113.7|10.10.0.5");
      assertThat(m.count()).isEqualTo(20);
      assertThat(m.entity("source.ip")).isEqualTo("203.0.113.7");
    });
  }

  @Test
  void portsSpreadOverHostsOrSourcesAreNotAVerticalScan() {
    assertThat(run.run(VERTICAL, portWalk("203.0.113.7", "10.10.0.5", 19, 500))).isEmpty();
    List<SecurityEvent> twoSources = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      twoSources.add(flow("s" + i, i * 500L, "health", i % 2 == 0 ? "203.0.113.1" : "203.0.113.2", "10.10.0.6",
          i + 1));
    }
    assertThat(run.run(VERTICAL, twoSources)).as("15 ports each").isEmpty();
    assertThat(run.run(VERTICAL, portWalk("203.0.113.7", "10.10.0.7", 25, 5_000))).as("over 2 minutes").isEmpty();
  }

  @Test
  void twoScannersOfOneHostAreTwoScansEachNamingItsSource() {
    // Keyed by scanner and host: each alert names one source to block, and neither scanner's ports count
    // towards the other's 20.
    List<SecurityEvent> probes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      probes.add(flow("q" + i, i * 500L, "health", i % 2 == 0 ? "203.0.113.1" : "203.0.113.2", "10.10.0.8",
          i / 2 + 1));
    }
    assertThat(run.run(VERTICAL, probes)).extracting(RuleMatch::key).as("the 20th port of each")
        .containsExactly("health|203.0.113.1|10.10.0.8", "health|203.0.113.2|10.10.0.8");
  }

  @Test
  void aFullScanOfOneHostFiresOncePerNewProbeWithABoundedListOfTheLatestEvents() {
    // nmap -p- against one host: 65,535 probes in about 33 s. One window for the key, not one per probe; each
    // probe from the 20th on fires with the growing count and only the last 100 event ids.
    List<SecurityEvent> probes = new ArrayList<>();
    for (int port = 1; port <= 65_535; port++) {
      probes.add(flow(String.format("p%05d", port), port / 2, "health", "203.0.113.66", "10.10.0.9", port));
    }
    List<RuleMatch> matches = run.run(VERTICAL, probes);

    assertThat(matches).hasSize(65_535 - 19);
    RuleMatch last = matches.get(matches.size() - 1);
    assertThat(last.count()).isEqualTo(65_535);
    assertThat(last.triggerEventId()).isEqualTo("p65535");
    assertThat(last.eventIds()).hasSize(100).startsWith("p65436").endsWith("p65535");
    assertThat(last.entity("source.ip")).isEqualTo("203.0.113.66");
    assertThat(matches).extracting(RuleMatch::count).isSorted();
  }
}
