package org.soc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {
  private final EventJson json = new EventJson();

  static Event sshFailure() {
    return Event.builder()
        .timestamp(Instant.parse("2026-11-24T06:44:11.123Z"))
        .event(new Event.EventInfo("0192f3a8b1c2000000000001000000", "event", List.of("authentication"),
            List.of("start"), "ssh_login", "failure", 4,
            "<38>Nov 24 06:44:11 web01 sshd[123]: Failed password for root from 203.0.113.7 port 4242 ssh2",
            Instant.parse("2026-11-24T06:44:11.200Z"), "syslog", null, null))
        .source(Event.Endpoint.of("203.0.113.7", 4242))
        .user(new Event.UserInfo("root"))
        .host(new Event.HostInfo("web01"))
        .process(new Event.ProcessInfo("sshd", 123L))
        .log(new Event.LogInfo(new Event.SyslogInfo(new Event.Code(4, "auth"), new Event.Code(6, "info"), 38, null,
            "sshd", "123", null, "web01", Map.of("origin@48577", Map.of("ip", "10.10.1.5")))))
        .observer(new Event.Observer("10.10.1.5", 51514, null, "syslog"))
        .organization(new Event.Organization("health", "Ministry of Health"))
        .message("Failed password for root from 203.0.113.7 port 4242 ssh2")
        .label("env", "prod")
        .tag("sshd")
        .build();
  }

  @Test
  void roundTripKeepsEveryField() {
    Event original = sshFailure();
    Event back = json.fromBytes(json.toBytes(original));
    assertThat(back).isEqualTo(original);
  }

  @Test
  void usesEcsFieldNames() throws Exception {
    JsonNode tree = json.mapper().readTree(json.toBytes(sshFailure()));
    assertThat(tree.get("@timestamp").asText()).isEqualTo("2026-11-24T06:44:11.123Z");
    assertThat(tree.at("/event/id").asText()).isEqualTo("0192f3a8b1c2000000000001000000");
    assertThat(tree.at("/event/category/0").asText()).isEqualTo("authentication");
    assertThat(tree.at("/source/ip").asText()).isEqualTo("203.0.113.7");
    assertThat(tree.at("/source/port").asInt()).isEqualTo(4242);
    assertThat(tree.at("/log/syslog/facility/name").asText()).isEqualTo("auth");
    assertThat(tree.at("/log/syslog/structured_data/origin@48577/ip").asText()).isEqualTo("10.10.1.5");
    assertThat(tree.at("/organization/id").asText()).isEqualTo("health");
    assertThat(tree.at("/process/pid").asLong()).isEqualTo(123L);
  }

  @Test
  void omitsAbsentFieldSets() throws Exception {
    Event minimal = Event.builder().timestamp(Instant.EPOCH).message("x").build();
    JsonNode tree = json.mapper().readTree(json.toBytes(minimal));
    assertThat(tree.fieldNames()).toIterable().containsExactlyInAnyOrder("@timestamp", "message");
  }

  @Test
  void parseFailureKeepsOriginalBytesAndReason() {
    byte[] garbage = {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF};
    Event failed = Event.builder()
        .timestamp(Instant.EPOCH)
        .event(new Event.EventInfo("id1", "event", null, null, null, null, null,
            new String(garbage, StandardCharsets.UTF_8), null, "syslog", null, null))
        .soc(new Event.SocInfo(java.util.Base64.getEncoder().encodeToString(garbage), garbage.length, null,
            "syslog-udp", null))
        .parseFailure("invalid_pri", "no <PRI> at offset 0")
        .build();
    Event back = json.fromJson(json.toJson(failed));
    assertThat(back.isParseFailure()).isTrue();
    assertThat(back.error().type()).isEqualTo("invalid_pri");
    assertThat(java.util.Base64.getDecoder().decode(back.soc().originalBase64())).isEqualTo(garbage);
  }

  @Test
  void rejectsDocumentsThatAreNotEvents() {
    assertThatThrownBy(() -> json.fromJson("[1,2"))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("not an ECS event document");
  }

  @Test
  void organizationDefaultsToUnknown() {
    assertThat(Event.builder().build().organizationId()).isEqualTo("unknown");
  }
}
