package org.soc.alerting.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IndexTemplatesTest {
  /** Field types of the server module itself: the integ-test-zip distribution has no mapper plugins. */
  private static final Set<String> CORE_TYPES =
      Set.of("date", "ip", "keyword", "text", "long", "integer", "boolean", "binary", "flattened", "object");

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void indexTemplatesCoverTheirPatternsAndComposeTheComponents() throws Exception {
    assertThat(patterns("soc-events")).containsExactly("soc-events-*");
    assertThat(patterns("soc-alerts")).containsExactly("soc-alerts-*");
    assertThat(patterns("soc-deadletter")).containsExactly("soc-deadletter");
    for (String name : IndexTemplates.INDEX_TEMPLATES) {
      JsonNode composed = read(name).get("composed_of");
      assertThat(composed.get(0).asText()).isEqualTo(IndexTemplates.SETTINGS_COMPONENT);
    }
  }

  @Test
  void onlyCoreFieldTypesAreUsed() throws Exception {
    List<String> types = new ArrayList<>();
    for (String name : List.of("soc-ecs-mappings", "soc-events", "soc-alerts", "soc-deadletter")) {
      read(name).findValues("type").forEach(t -> {
        if (t.isTextual()) {
          types.add(t.asText());
        }
      });
    }
    // "type" is also the name of ECS fields (event.type, error.type): those are objects, not strings
    assertThat(types).isNotEmpty().allMatch(CORE_TYPES::contains);
  }

  @Test
  void keyFieldsHaveTheirTypes() throws Exception {
    JsonNode ecs = read("soc-ecs-mappings").at("/template/mappings/properties");
    assertThat(ecs.at("/source/properties/ip/type").asText()).isEqualTo("ip");
    assertThat(ecs.at("/destination/properties/port/type").asText()).isEqualTo("long");
    assertThat(ecs.at("/@timestamp/type").asText()).isEqualTo("date");
    assertThat(ecs.at("/event/properties/original/index").asBoolean(true)).isFalse();
    assertThat(ecs.at("/message/type").asText()).isEqualTo("text");
    JsonNode events = read("soc-events").at("/template/mappings/properties");
    assertThat(events.at("/observer/properties/ip/type").asText()).isEqualTo("ip");
    assertThat(events.at("/log/properties/syslog/properties/severity/properties/code/type").asText()).isEqualTo("integer");
    JsonNode alerts = read("soc-alerts").at("/template/mappings/properties");
    assertThat(alerts.at("/alert/properties/last_seen/type").asText()).isEqualTo("date");
    assertThat(alerts.at("/alert/properties/agencies/type").asText()).isEqualTo("keyword");
  }

  @Test
  void settingsComponentCarriesReplicasAndLeavesRefreshToSearchIdleDefault() throws Exception {
    JsonNode settings = mapper.readTree(IndexTemplates.settingsComponent(2)).at("/template/settings/index");
    assertThat(settings.get("number_of_replicas").asInt()).isEqualTo(2);
    assertThat(settings.has("refresh_interval")).isFalse();
  }

  private List<String> patterns(String name) throws Exception {
    List<String> out = new ArrayList<>();
    read(name).get("index_patterns").forEach(p -> out.add(p.asText()));
    return out;
  }

  private JsonNode read(String name) throws Exception {
    return mapper.readTree(IndexTemplates.resource(name));
  }
}
