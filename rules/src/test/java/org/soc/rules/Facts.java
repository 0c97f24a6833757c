package org.soc.rules;

import java.time.Instant;
import java.util.List;
import org.soc.schema.Event;

/** Test events: SSH logins as the syslog collector produces them, mapped to facts. */
final class Facts {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private Facts() {}

  static SecurityEvent sshLogin(String id, long offsetMillis, String org, String sourceIp, String outcome) {
    return SecurityEventMapper.toFact(sshLoginEvent(id, T0.plusMillis(offsetMillis), org, sourceIp, outcome));
  }

  static SecurityEvent failure(String id, long offsetSeconds, String sourceIp) {
    return sshLogin(id, offsetSeconds * 1000, "health", sourceIp, "failure");
  }

  static Event sshLoginEvent(String id, Instant at, String org, String sourceIp, String outcome) {
    return Event.builder()
        .timestamp(at)
        .event(new Event.EventInfo(id, "event", List.of("authentication"), List.of("start"), "ssh_login", outcome,
            null, null, null, "system.auth", null, null))
        .source(Event.Endpoint.of(sourceIp, 52000))
        .destination(Event.Endpoint.of("10.10.0.5", 22))
        .user(new Event.UserInfo("root"))
        .host(new Event.HostInfo("web-01"))
        .organization(new Event.Organization(org, org + " agency"))
        .build();
  }
}
