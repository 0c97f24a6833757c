package org.soc.correlation;

import java.time.Instant;
import java.util.List;
import org.soc.rules.SecurityEvent;
import org.soc.rules.SecurityEventMapper;
import org.soc.schema.Event;

/** SSH login events as the syslog collector produces them. */
final class TestEvents {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private TestEvents() {}

  static Event sshLogin(String id, long offsetMillis, String org, String sourceIp, String outcome) {
    return Event.builder()
        .timestamp(T0.plusMillis(offsetMillis))
        .event(new Event.EventInfo(id, "event", List.of("authentication"), List.of("start"), "ssh_login", outcome,
            null, null, null, "system.auth", null, null))
        .source(Event.Endpoint.of(sourceIp, 52000))
        .destination(Event.Endpoint.of("10.10.0.5", 22))
        .user(new Event.UserInfo("root"))
        .organization(new Event.Organization(org, "Ministry of " + org))
        .build();
  }

  static Event failure(String id, long offsetSeconds, String sourceIp) {
    return sshLogin(id, offsetSeconds * 1000, "health", sourceIp, "failure");
  }

  static SecurityEvent failureFact(String id, long offsetSeconds, String sourceIp) {
    return SecurityEventMapper.toFact(failure(id, offsetSeconds, sourceIp));
  }

  /** A flow record as the NetFlow collector writes it. */
  static Event flow(String id, long offsetMillis, String org, String src, String dst, int dstPort) {
    return Event.builder()
        .timestamp(T0.plusMillis(offsetMillis))
        .event(new Event.EventInfo(id, "event", List.of("network"), List.of("connection"), "network_flow", null,
            null, null, null, "netflow", null, null))
        .source(Event.Endpoint.of(src, 40000))
        .destination(Event.Endpoint.of(dst, dstPort))
        .network(new Event.NetworkInfo("tcp", "6", null, null, null))
        .organization(new Event.Organization(org, "Ministry of " + org))
        .build();
  }

  /** An agency alert about {@code sourceIp}, as the event rules raise it. */
  static org.soc.schema.Alert agencyAlert(String id, String org, String sourceIp) {
    return new org.soc.schema.Alert(T0, new org.soc.schema.Alert.AlertInfo(id, org + "|" + sourceIp, 5, T0, T0,
        List.of(), List.of(org), "open"),
        new org.soc.schema.Alert.RuleInfo("soc-ssh-bruteforce", "SSH brute force", null, "authentication", "high", 73),
        null, new Event.Organization(org, "Ministry of " + org), Event.Endpoint.of(sourceIp, null), null, null, null);
  }

  static long at(long offsetSeconds) {
    return T0.toEpochMilli() + offsetSeconds * 1000;
  }
}
