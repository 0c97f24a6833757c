package org.soc.correlation;

import static org.soc.correlation.TestEvents.flow;
import static org.soc.correlation.TestEvents.sshLogin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.soc.schema.Event;

/** Inputs exercising every shipped rule at once, in event-time order. */
final class CorrelationScenarios {
  static final String CAMPAIGN_SOURCE = "203.0.113.7";

  private CorrelationScenarios() {}

  /**
   * SSH brute force from one source against health, finance and interior (a campaign: 3 agency alerts, 1 national),
   * followed by a success in health; a horizontal scan and a vertical scan in finance; traffic to a listed C2
   * address in interior; and noise that must not alert.
   */
  static List<Event> everyRule() {
    List<Event> in = new ArrayList<>();
    String[] orgs = {"health", "finance", "interior"};
    for (int o = 0; o < orgs.length; o++) {
      for (int i = 0; i < 6; i++) {
        in.add(sshLogin(orgs[o] + "-f" + i, o * 120_000L + i * 2_000L, orgs[o], CAMPAIGN_SOURCE, "failure"));
      }
    }
    in.add(sshLogin("health-ok", 400_000, "health", CAMPAIGN_SOURCE, "success"));
    for (int h = 0; h < 22; h++) {
      in.add(flow("hscan-" + h, 500_000 + h * 500L, "finance", "198.51.100.20", "10.20.1." + (h + 1), 445));
    }
    for (int p = 0; p < 21; p++) {
      in.add(flow("vscan-" + p, 600_000 + p * 500L, "finance", "198.51.100.30", "10.20.2.2", 1000 + p));
    }
    in.add(flow("c2-1", 700_000, "interior", "10.30.0.9", "198.51.100.66", 443));
    in.add(flow("c2-2", 705_000, "interior", "10.30.0.9", "203.0.113.200", 8443));
    // Noise: a few failures and flows that stay under every threshold.
    for (int i = 0; i < 4; i++) {
      in.add(sshLogin("noise-f" + i, 800_000 + i * 1_000L, "health", "192.0.2.1", "failure"));
      in.add(flow("noise-flow" + i, 800_500 + i * 1_000L, "health", "10.10.0.1", "10.10.0." + (i + 2), 80));
    }
    in.sort(Comparator.comparing(Event::timestamp).thenComparing(Event::id));
    return in;
  }
}
