package org.soc.correlation;

import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.soc.correlation.control.RuleSetUpdate;
import org.soc.rules.RuleDefinition;
import org.soc.schema.Alert;

/** Flink's two-input operator harness around one {@link RuleEvaluator}: facts on input 1, rule sets on input 2. */
final class EvaluatorHarness extends TwoInputStreamOperatorTestHarness<RoutedFact, RuleSetUpdate, Alert> {

  EvaluatorHarness(String input, List<RuleDefinition> rules) throws Exception {
    this(input, rules, 128, 1, 0);
  }

  EvaluatorHarness(String input, List<RuleDefinition> rules, int maxParallelism, int parallelism, int subtask)
      throws Exception {
    super(new RuleEvaluator(input, rules), maxParallelism, parallelism, subtask);
  }

  void processElement(RoutedFact fact, long timestamp) throws Exception {
    processElement1(new StreamRecord<>(fact, timestamp));
  }

  void processBroadcastElement(RuleSetUpdate update, long timestamp) throws Exception {
    processElement2(new StreamRecord<>(update, timestamp));
  }

  /** The same watermark on both inputs, as the job's facts and (idle) control stream give it. */
  void watermark(long timestamp) throws Exception {
    processBothWatermarks(new Watermark(timestamp));
  }

  RuleEvaluator evaluator() {
    return (RuleEvaluator) getOperator();
  }
}
