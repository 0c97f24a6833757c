package org.soc.correlation.control;

import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.soc.correlation.JsonTypeInfo;
import org.soc.rules.InvalidRuleMetadataException;
import org.soc.rules.RuleCompilationException;
import org.soc.rules.RuleDefinition;
import org.soc.rules.RuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gate of the control stream (parallelism 1): compiles each published rule set once; only sets that compile go on
 * to be broadcast. A rejected set is counted ({@code ruleSetsRejected}), logged with the compiler's messages and
 * reported as a {@value RuleSetStatus#REJECTED} status; the running rules are untouched.
 */
public final class RuleSetValidator extends ProcessFunction<RuleSetUpdate, RuleSetUpdate> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RuleSetValidator.class);

  public static final OutputTag<RuleSetStatus> STATUS =
      new OutputTag<>("rule-set-status", new JsonTypeInfo<>(RuleSetStatus.class));

  private transient Counter rejected;
  private transient Counter accepted;

  @Override
  public void open(OpenContext openContext) {
    rejected = getRuntimeContext().getMetricGroup().counter("ruleSetsRejected");
    accepted = getRuntimeContext().getMetricGroup().counter("ruleSetsAccepted");
  }

  @Override
  public void processElement(RuleSetUpdate update, Context ctx, Collector<RuleSetUpdate> out) {
    Instant now = Instant.ofEpochMilli(ctx.timerService().currentProcessingTime());
    Instant from = update.effectiveFrom() == null ? null : Instant.ofEpochMilli(update.effectiveFrom());
    List<RuleDefinition> definitions;
    String fingerprint = null;
    try {
      definitions = update.definitions();
      fingerprint = RuleSet.fingerprint(definitions);
      RuleSet.compile(definitions);
    } catch (RuleCompilationException e) {
      reject(update, fingerprint, e.messages(), from, now, ctx);
      return;
    } catch (InvalidRuleMetadataException | IllegalArgumentException e) {
      reject(update, fingerprint, List.of(e.getMessage()), from, now, ctx);
      return;
    }
    accepted.inc();
    List<String> ids = definitions.stream().map(RuleDefinition::id).toList();
    LOG.info("rule set {} (version {}, rules {}) accepted", fingerprint, update.version(), ids);
    ctx.output(STATUS, new RuleSetStatus(fingerprint, update.version(), RuleSetStatus.ACCEPTED, "validator", null,
        ids, List.of(), from, now));
    out.collect(update);
  }

  private void reject(RuleSetUpdate update, String fingerprint, List<String> messages, Instant from, Instant now,
      Context ctx) {
    rejected.inc();
    LOG.warn("rule set version {} rejected, the running rules stay:\n  {}", update.version(),
        String.join("\n  ", messages));
    ctx.output(STATUS, new RuleSetStatus(fingerprint, update.version(), RuleSetStatus.REJECTED, "validator", null,
        List.of(), messages, from, now));
  }
}
