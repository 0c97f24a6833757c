package org.soc.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTest {
  private final Event event = Event.builder()
      .timestamp(Instant.parse("2026-12-03T10:00:00Z"))
      .label("netflow.version", "9")
      .label("asset.criticality", "low")
      .tag("ssh")
      .organization(new Event.Organization("health", null))
      .build();

  @Test
  void enrichmentAddsAndReplacesLabelsAndSetsTheOrganizationKeepingEverythingElse() {
    Event.Organization named = new Event.Organization("health", "Ministry of Health");

    Event enriched = event.withOrganizationAndLabels(named,
        Map.of("asset.criticality", "high", "source.organization.id", "health"));

    assertThat(enriched.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("netflow.version", "9",
        "asset.criticality", "high", "source.organization.id", "health"));
    assertThat(enriched.organization()).isEqualTo(named);
    assertThat(enriched).isEqualTo(event.toBuilder().organization(named).label("asset.criticality", "high")
        .label("source.organization.id", "health").build());
  }

  @Test
  void enrichmentWithNoLabelsKeepsTheLabels() {
    Event enriched = event.withOrganizationAndLabels(event.organization(), Map.of());

    assertThat(enriched).isEqualTo(event);
  }
}
