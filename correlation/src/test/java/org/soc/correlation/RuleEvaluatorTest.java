package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soc.correlation.TestEvents.at;
import static org.soc.correlation.TestEvents.failureFact;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.soc.rules.RuleDefinition;
import org.soc.rules.RuleLoader;
import org.soc.rules.SecurityEvent;
import org.soc.schema.Alert;

class RuleEvaluatorTest {
  private static final List<RuleDefinition> RULES = new RuleLoader().builtIn();
  private static final CorrelationKey KEY = new CorrelationKey(List.of("organization.id", "source.ip"));

  private KeyedOneInputStreamOperatorTestHarness<String, SecurityEvent, Alert> harness;

  private static KeyedOneInputStreamOperatorTestHarness<String, SecurityEvent, Alert> newHarness() throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new RuleEvaluator(RULES)), KEY, Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  private void send(SecurityEvent e) throws Exception {
    harness.processElement(new StreamRecord<>(e, e.getTimestamp()));
  }

  @Test
  void fiveFailuresFireOnceTheWatermarkPassesThem() throws Exception {
    harness = newHarness();
    harness.open();
    for (int i = 1; i <= 5; i++) {
      send(failureFact("e" + i, i * 5L, "203.0.113.7"));
    }
    assertThat(harness.extractOutputValues()).as("nothing before the watermark").isEmpty();

    harness.processWatermark(new Watermark(at(25)));

    assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
      assertThat(a.rule().id()).isEqualTo("soc-ssh-bruteforce");
      assertThat(a.alert().count()).isEqualTo(5);
      assertThat(a.alert().key()).isEqualTo("health|203.0.113.7");
      assertThat(a.organization().name()).isEqualTo("Ministry of health");
      assertThat(a.alert().eventIds()).containsExactly("e1", "e2", "e3", "e4", "e5");
    });
  }

  @Test
  void watermarkOnlyReleasesEventsItHasPassed() throws Exception {
    harness = newHarness();
    harness.open();
    for (int i = 1; i <= 5; i++) {
      send(failureFact("e" + i, i * 5L, "203.0.113.7"));
    }
    harness.processWatermark(new Watermark(at(24)));
    assertThat(harness.extractOutputValues()).isEmpty();
    harness.processWatermark(new Watermark(at(25)));
    assertThat(harness.extractOutputValues()).hasSize(1);
  }

  @Test
  void fourFailuresDoNotFire() throws Exception {
    harness = newHarness();
    harness.open();
    for (int i = 1; i <= 4; i++) {
      send(failureFact("e" + i, i * 5L, "203.0.113.7"));
    }
    harness.processWatermark(new Watermark(at(3600)));
    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.numKeyedStateEntries()).as("quiet key cleaned up").isZero();
  }

  @Test
  void outOfOrderArrivalIsEvaluatedInEventTimeOrder() throws Exception {
    harness = newHarness();
    harness.open();
    for (int i : new int[] {5, 3, 1, 4, 2}) {
      send(failureFact("e" + i, i, "203.0.113.7"));
    }
    harness.processWatermark(new Watermark(at(10)));
    assertThat(harness.extractOutputValues()).singleElement()
        .satisfies(a -> assertThat(a.alert().eventIds()).containsExactly("e1", "e2", "e3", "e4", "e5"));
  }

  @Test
  void repeatedFiringsUpdateOneAlert() throws Exception {
    harness = newHarness();
    harness.open();
    for (int i = 1; i <= 6; i++) {
      send(failureFact("e" + i, i, "203.0.113.7"));
      harness.processWatermark(new Watermark(at(i)));
    }
    List<Alert> alerts = harness.extractOutputValues();
    assertThat(alerts).extracting(Alert::id).hasSize(2).containsOnly(alerts.get(0).id());
    assertThat(alerts).extracting(a -> a.alert().count()).containsExactly(5L, 6L);
  }

  @Test
  void restoredEvaluatorKeepsCountingAcrossTheRestore() throws Exception {
    harness = newHarness();
    harness.open();
    for (int i = 1; i <= 3; i++) {
      send(failureFact("e" + i, i, "203.0.113.7"));
    }
    harness.processWatermark(new Watermark(at(3)));
    send(failureFact("e4", 4, "203.0.113.7")); // still pending when the snapshot is taken
    OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
    harness.close();

    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();
    send(failureFact("e5", 5, "203.0.113.7"));
    harness.processWatermark(new Watermark(at(5)));

    assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
      assertThat(a.alert().count()).isEqualTo(5);
      assertThat(a.alert().eventIds()).containsExactly("e1", "e2", "e3", "e4", "e5");
    });
  }

  @Test
  void openAlertSurvivesRestoreSoFurtherFiringsUpdateIt() throws Exception {
    harness = newHarness();
    harness.open();
    for (int i = 1; i <= 5; i++) {
      send(failureFact("e" + i, i, "203.0.113.7"));
    }
    harness.processWatermark(new Watermark(at(5)));
    String id = harness.extractOutputValues().get(0).id();
    OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
    harness.close();

    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();
    send(failureFact("e6", 6, "203.0.113.7"));
    harness.processWatermark(new Watermark(at(6)));

    assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
      assertThat(a.id()).isEqualTo(id);
      assertThat(a.alert().count()).isEqualTo(6);
    });
  }

  @Test
  void otherSourcesDoNotFire() throws Exception {
    harness = newHarness();
    harness.open();
    String[] sources = {"203.0.113.7", "203.0.113.8", "203.0.113.9"};
    for (int i = 1; i <= 12; i++) {
      send(failureFact("e" + i, i, sources[i % 3]));
    }
    harness.processWatermark(new Watermark(at(60)));
    assertThat(harness.extractOutputValues()).isEmpty();
  }
}
