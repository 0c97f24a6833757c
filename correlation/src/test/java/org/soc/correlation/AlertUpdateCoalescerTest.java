package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.soc.schema.Alert;
import org.soc.schema.Event;

class AlertUpdateCoalescerTest {
  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  private OneInputStreamOperatorTestHarness<Alert, Alert> harness;

  @BeforeEach
  void open() throws Exception {
    harness = new OneInputStreamOperatorTestHarness<>(new AlertUpdateCoalescer(Duration.ofSeconds(2)));
    harness.setProcessingTime(1_000);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void firstVersionOfEachAlertIsWrittenAtOnce() throws Exception {
    harness.processElement(alert("a", 5), 0);
    harness.processElement(alert("b", 5), 0);

    assertThat(written()).containsExactly("a#5", "b#5");
  }

  @Test
  void updatesWithinTheIntervalAreHeldAndOnlyTheLatestIsWrittenWhenItEnds() throws Exception {
    harness.processElement(alert("a", 5), 0);
    harness.setProcessingTime(1_200);
    harness.processElement(alert("a", 6), 0);
    harness.processElement(alert("a", 7), 0);
    harness.setProcessingTime(2_999);
    assertThat(written()).containsExactly("a#5");

    harness.setProcessingTime(3_000);
    assertThat(written()).containsExactly("a#5", "a#7");
  }

  @Test
  void anOlderVersionNeverReplacesAHeldNewerOne() throws Exception {
    harness.processElement(alert("a", 5), 0);
    harness.processElement(alert("a", 9), 0);
    harness.processElement(alert("a", 8), 0);
    harness.setProcessingTime(3_000);

    assertThat(written()).containsExactly("a#5", "a#9");
  }

  @Test
  void anUpdateAfterTheIntervalIsWrittenAtOnce() throws Exception {
    harness.processElement(alert("a", 5), 0);
    harness.setProcessingTime(3_000);
    harness.processElement(alert("a", 6), 0);

    assertThat(written()).containsExactly("a#5", "a#6");
  }

  @Test
  void heldVersionsAreWrittenBeforeTheCheckpointBarrier() throws Exception {
    harness.processElement(alert("a", 5), 0);
    harness.processElement(alert("a", 6), 0);
    harness.processElement(alert("b", 5), 0);
    harness.processElement(alert("b", 7), 0);

    harness.prepareSnapshotPreBarrier(1);

    assertThat(written()).containsExactly("a#5", "b#5", "a#6", "b#7");
  }

  @Test
  void heldVersionsAreWrittenAtEndOfInput() throws Exception {
    harness.processElement(alert("a", 5), 0);
    harness.processElement(alert("a", 6), 0);

    harness.endInput();

    assertThat(written()).containsExactly("a#5", "a#6");
  }

  @Test
  void idsWrittenLongerThanAnIntervalAgoAreForgotten() throws Exception {
    for (int i = 0; i < 1_000; i++) {
      harness.processElement(alert("alert-" + i, 5), 0);
    }
    harness.setProcessingTime(3_000);

    AlertUpdateCoalescer coalescer = (AlertUpdateCoalescer) harness.getOperator();
    assertThat(coalescer.tracked()).isZero();
  }

  @Test
  void aZeroIntervalIsRefused() {
    assertThatThrownBy(() -> new AlertUpdateCoalescer(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  private List<String> written() {
    return harness.extractOutputValues().stream().map(a -> a.id() + "#" + a.alert().count()).toList();
  }

  private static Alert alert(String id, int count) {
    return new Alert(T0, new Alert.AlertInfo(id, "health|203.0.113.7", count, T0, T0.plusSeconds(count), List.of(),
        List.of("health"), "open"),
        new Alert.RuleInfo("soc-ssh-bruteforce", "SSH brute force", null, "authentication", "high", 73),
        null, new Event.Organization("health", "Ministry of Health"), Event.Endpoint.of("203.0.113.7", null), null,
        null, null);
  }
}
