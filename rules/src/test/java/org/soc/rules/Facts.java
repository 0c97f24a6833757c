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

  /** A flow record as the NetFlow/IPFIX collector writes it: event.category network, event.type connection. */
  static SecurityEvent flow(String id, long offsetMillis, String org, String src, String dst, int dstPort) {
    return SecurityEventMapper.toFact(Event.builder()
        .timestamp(T0.plusMillis(offsetMillis))
        .event(new Event.EventInfo(id, "event", List.of("network"), List.of("connection"), "network_flow", null,
            null, null, null, "netflow", null, null))
        .source(Event.Endpoint.of(src, 40000))
        .destination(Event.Endpoint.of(dst, dstPort))
        .network(new Event.NetworkInfo("tcp", "6", null, null, null))
        .organization(new Event.Organization(org, org + " agency"))
        .build());
  }

  /** An event with enrichment labels (threat intelligence). */
  static SecurityEvent labelled(SecurityEvent fact, java.util.Map<String, String> labels) {
    fact.setLabels(labels);
    return fact;
  }

  /** An alert of an event rule, fed back as a fact (as the job's alert-to-fact mapping builds it). */
  static SecurityEvent alertFact(String alertId, long offsetMillis, String org, String sourceIp, String ruleId) {
    SecurityEvent fact = new SecurityEvent();
    fact.setKind(SecurityEvent.KIND_ALERT);
    fact.setEventId(alertId);
    fact.setTimestamp(T0.toEpochMilli() + offsetMillis);
    fact.setOrganizationId(org);
    fact.setSourceIp(sourceIp);
    fact.setAction(ruleId);
    fact.setCategories(List.of("intrusion_detection"));
    return fact;
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
