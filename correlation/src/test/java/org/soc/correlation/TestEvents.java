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

  static long at(long offsetSeconds) {
    return T0.toEpochMilli() + offsetSeconds * 1000;
  }
}
