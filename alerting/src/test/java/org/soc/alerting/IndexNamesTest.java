package org.soc.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.soc.schema.Alert;
import org.soc.schema.Event;

class IndexNamesTest {

  @Test
  void eventIndexUsesUtcDayOfTimestamp() {
    Event e = TestData.event("e1", "agency-a", Instant.parse("2026-11-24T23:59:59.999Z"), "10.1.2.3");
    assertThat(IndexNames.events(e)).isEqualTo("soc-events-agency-a-2026.11.24");
    Event next = TestData.event("e2", "agency-a", Instant.parse("2026-11-25T00:00:00Z"), "10.1.2.3");
    assertThat(IndexNames.events(next)).isEqualTo("soc-events-agency-a-2026.11.25");
  }

  @Test
  void eventOfUnknownSenderGoesToUnknownAgency() {
    Event e = Event.builder().timestamp(Instant.parse("2026-01-02T03:04:05Z")).build();
    assertThat(IndexNames.events(e)).isEqualTo("soc-events-unknown-2026.01.02");
    assertThat(IndexNames.events(" ", Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("soc-events-unknown-2026.01.02");
  }

  @Test
  void eventWithoutTimestampFallsBackToIngested() {
    Event e = Event.builder()
        .event(new Event.EventInfo("e", null, null, null, null, null, null, null,
            Instant.parse("2026-03-04T05:06:07Z"), null, null, null))
        .organization(new Event.Organization("a", null))
        .build();
    assertThat(IndexNames.events(e)).isEqualTo("soc-events-a-2026.03.04");
  }

  @Test
  void eventWithoutAnyTimeIsRejected() {
    assertThatThrownBy(() -> IndexNames.events(Event.builder().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown");
  }

  @Test
  void alertIndexIsMonthlyPerAgency() {
    Alert a = TestData.alert("a1", "agency-b", Instant.parse("2026-12-31T23:00:00Z"), List.of("e1"));
    assertThat(IndexNames.alerts(a)).isEqualTo("soc-alerts-agency-b-2026.12");
  }

  @Test
  void nationalAlertGoesToNationalIndex() {
    Alert a = TestData.alert("a1", Alert.NATIONAL, Instant.parse("2026-02-01T00:00:00Z"), List.of("e1"));
    assertThat(IndexNames.alerts(a)).isEqualTo("soc-alerts-national-2026.02");
  }

  @Test
  void alertWithoutOrganizationSpanningAgenciesIsNational() {
    Alert a = TestData.alert("a1", null, Instant.parse("2026-02-01T00:00:00Z"), List.of("e1"));
    assertThat(IndexNames.alerts(a)).isEqualTo("soc-alerts-national-2026.02");
  }

  @Test
  void agencyIdIsMadeSafeForIndexNames() {
    assertThat(IndexNames.agency("Min/Finance Dept")).isEqualTo("min_finance_dept");
    assertThat(IndexNames.agency("_-+x*y?")).isEqualTo("x_y_");
    assertThat(IndexNames.agency("___")).isEqualTo("unknown");
    assertThat(IndexNames.agency(null)).isEqualTo("unknown");
  }

  @Test
  void deadLetterIndexIsFixed() {
    assertThat(IndexNames.DEAD_LETTER).isEqualTo("soc-deadletter");
  }
}
