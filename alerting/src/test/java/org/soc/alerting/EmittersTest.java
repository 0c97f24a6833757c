package org.soc.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.soc.alerting.elasticsearch.DocumentEmitter;
import org.soc.alerting.elasticsearch.IndexDocument;
import org.soc.schema.Alert;
import org.soc.schema.Event;
import org.soc.schema.EventJson;

class EmittersTest {
  private static final Instant AT = Instant.parse("2026-11-24T10:15:30.123Z");
  private final ObjectMapper mapper = EventJson.newMapper();

  @Test
  void eventGoesToDailyAgencyIndexWithEventIdAndEcsJson() {
    Event event = TestData.event("evt-1", "agency-a", AT, "198.51.100.7");
    IndexDocument doc = new EventEmitter().emit(event);

    assertThat(doc.index()).isEqualTo("soc-events-agency-a-2026.11.24");
    assertThat(doc.id()).isEqualTo("evt-1");
    assertThat(doc.json()).isEqualTo(new EventJson().toBytes(event));
    assertThat(new EventJson().fromBytes(doc.json())).isEqualTo(event);
  }

  @Test
  void alertGoesToMonthlyIndexWithAlertIdAndIsoTimes() throws Exception {
    Alert alert = TestData.alert("alert-1", Alert.NATIONAL, AT, List.of("evt-1", "evt-2"));
    IndexDocument doc = new AlertEmitter().emit(alert);

    assertThat(doc.index()).isEqualTo("soc-alerts-national-2026.11");
    assertThat(doc.id()).isEqualTo("alert-1");
    JsonNode json = mapper.readTree(doc.json());
    assertThat(json.get("@timestamp").asText()).isEqualTo("2026-11-24T10:15:30.123Z");
    assertThat(json.at("/alert/first_seen").asText()).isEqualTo("2026-11-24T10:14:30.123Z");
    assertThat(json.at("/alert/event_ids").size()).isEqualTo(2);
    assertThat(json.at("/rule/risk_score").asInt()).isEqualTo(73);
    assertThat(json.has("id")).as("Alert.id() is not a field").isFalse();
    assertThat(mapper.readValue(doc.json(), Alert.class)).isEqualTo(alert);
  }

  @Test
  void emittersSurviveJavaSerialization() throws Exception {
    Event event = TestData.event("evt-1", "agency-a", AT, "198.51.100.7");
    EventEmitter events = new EventEmitter();
    events.emit(event); // initialises the transient mapper
    assertThat(roundTrip(events).emit(event)).isEqualTo(events.emit(event));

    Alert alert = TestData.alert("alert-1", "agency-a", AT, List.of("evt-1"));
    assertThat(roundTrip(new AlertEmitter()).emit(alert)).isEqualTo(new AlertEmitter().emit(alert));
  }

  @SuppressWarnings("unchecked")
  private static <E extends DocumentEmitter<?>> E roundTrip(E emitter) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(emitter);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (E) in.readObject();
    }
  }
}
