package org.soc.alerting;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.soc.schema.Alert;
import org.soc.schema.Event;

/** Events and alerts for tests, with fixed ids and times. */
public final class TestData {
  private TestData() {}

  public static Event event(String id, String agency, Instant at, String sourceIp) {
    return Event.builder()
        .timestamp(at)
        .event(new Event.EventInfo(id, "event", List.of("authentication"), List.of("start"), "ssh_login",
            "failure", 5, "<38>1 " + at + " web01 sshd 4242 - - Failed password for root", at.plusMillis(3),
            "syslog.rfc5424", null, null))
        .source(new Event.Endpoint(sourceIp, 51514, 1200L, 4L))
        .destination(Event.Endpoint.of("10.0.0.5", 22))
        .network(new Event.NetworkInfo("tcp", "6", 1200L, 4L, "inbound"))
        .user(new Event.UserInfo("root"))
        .host(new Event.HostInfo("web01"))
        .process(new Event.ProcessInfo("sshd", 4242L))
        .log(new Event.LogInfo(new Event.SyslogInfo(new Event.Code(4, "auth"), new Event.Code(6, "info"), 38, 1,
            "sshd", "4242", "-", "web01", Map.of("origin@32473", Map.of("ip", "10.0.0.5")))))
        .observer(new Event.Observer("192.0.2.10", 514, "relay01", "syslog"))
        .organization(new Event.Organization(agency, "Agency " + agency))
        .message("Failed password for root")
        .label("site", "hq")
        .tag("ssh")
        .build();
  }

  public static Alert alert(String id, String organizationId, Instant at, List<String> eventIds) {
    return new Alert(
        at,
        new Alert.AlertInfo(id, "root@10.0.0.5", eventIds.size(), at.minusSeconds(60), at, eventIds,
            List.of("agency-a", "agency-b"), "open"),
        new Alert.RuleInfo("SOC-0001", "SSH brute force", "Many failed logins", "authentication", "high", 73),
        new Event.EventInfo(null, "alert", List.of("intrusion_detection"), List.of("info"), null, null, 3, null,
            null, "soc.alert", at.minusSeconds(60), at),
        new Event.Organization(organizationId, null),
        Event.Endpoint.of("203.0.113.7", null),
        Event.Endpoint.of("10.0.0.5", 22),
        new Event.UserInfo("root"),
        new Alert.ThreatInfo("MITRE ATT&CK", new Alert.Technique(List.of("T1110"), List.of("Brute Force")),
            new Alert.Tactic(List.of("TA0006"), List.of("Credential Access"))));
  }
}
