package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.soc.rules.SecurityEvent;

/**
 * Keyed state of facts written by the JSON serializer (a savepoint of the job before the binary one) restores
 * under {@link BinaryTypeInfo#SECURITY_EVENT}: Flink migrates it, and the next snapshot is in the binary form.
 */
class FactStateMigrationTest {
  /** Keeps every fact of its key in list state, as the evaluator's window does, and emits them all each time. */
  static final class Retain extends KeyedProcessFunction<String, SecurityEvent, SecurityEvent> {
    private static final long serialVersionUID = 1L;
    private final TypeInformation<SecurityEvent> type;
    private transient ListState<SecurityEvent> retained;

    Retain(TypeInformation<SecurityEvent> type) {
      this.type = type;
    }

    @Override
    public void open(OpenContext openContext) {
      retained = getRuntimeContext().getListState(new ListStateDescriptor<>("window", type));
    }

    @Override
    public void processElement(SecurityEvent fact, Context ctx, Collector<SecurityEvent> out) throws Exception {
      retained.add(fact);
      for (SecurityEvent e : retained.get()) {
        out.collect(e);
      }
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, SecurityEvent, SecurityEvent> harness(
      TypeInformation<SecurityEvent> type, OperatorSubtaskState restore) throws Exception {
    var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new Retain(type)),
        SecurityEvent::getOrganizationId, Types.STRING);
    harness.setup();
    if (restore != null) {
      harness.initializeState(restore);
    }
    harness.open();
    return harness;
  }

  private static SecurityEvent fact(SecurityEvent base, String id) {
    base.setEventId(id);
    base.setOrganizationId("health");
    return base;
  }

  @Test
  void jsonStateOfFactsRestoresUnderTheBinarySerializerAndIsWrittenBinaryAfterwards() throws Exception {
    SecurityEvent a = fact(TestFacts.full(), "a");
    SecurityEvent b = fact(TestFacts.unicode(), "b");
    SecurityEvent c = fact(TestFacts.alert(), "c");
    SecurityEvent d = fact(TestFacts.minimal(), "d");

    OperatorSubtaskState json;
    try (var before = harness(new JsonTypeInfo<>(SecurityEvent.class), null)) {
      before.processElement(a, 1L);
      before.processElement(b, 2L);
      json = before.snapshot(1L, 10L);
    }

    OperatorSubtaskState binary;
    try (var migrated = harness(BinaryTypeInfo.SECURITY_EVENT, json)) {
      migrated.processElement(c, 3L);
      assertThat(migrated.extractOutputValues()).containsExactly(a, b, c);
      binary = migrated.snapshot(2L, 20L);
    }

    try (var after = harness(BinaryTypeInfo.SECURITY_EVENT, binary)) {
      after.processElement(d, 4L);
      assertThat(after.extractOutputValues()).containsExactly(a, b, c, d);
    }
  }

  @Test
  void afterMigrationTheSnapshotIsBinaryAndTheJsonSerializerNoLongerReadsIt() throws Exception {
    SecurityEvent a = fact(TestFacts.full(), "a");
    OperatorSubtaskState json;
    try (var before = harness(new JsonTypeInfo<>(SecurityEvent.class), null)) {
      before.processElement(a, 1L);
      json = before.snapshot(1L, 10L);
    }
    OperatorSubtaskState binary;
    try (var migrated = harness(BinaryTypeInfo.SECURITY_EVENT, json)) {
      binary = migrated.snapshot(2L, 20L);
    }
    // Going back to JSON is not supported: the JSON snapshot does not accept the binary one.
    assertThatThrownBy(() -> harness(new JsonTypeInfo<>(SecurityEvent.class), binary))
        .hasStackTraceContaining("incompatible");
  }
}
