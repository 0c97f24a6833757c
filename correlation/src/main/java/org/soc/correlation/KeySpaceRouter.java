package org.soc.correlation;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.soc.correlation.control.RuleSetUpdate;
import org.soc.rules.RuleDefinition;
import org.soc.rules.SecurityEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each fact to every key space some loaded rule needs ({@link KeySpaceRoutes}), for inputs that arrive as
 * facts (alerts fed back to the rules). Events are routed where they are enriched ({@link EnrichAndRoute}).
 */
public final class KeySpaceRouter extends BroadcastProcessFunction<SecurityEvent, RuleSetUpdate, RoutedFact> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(KeySpaceRouter.class);

  private final String input;
  private final List<RuleDefinition> initialRules;

  private transient KeySpaceRoutes routes;
  private transient Counter unrouted;

  public KeySpaceRouter(String input, List<RuleDefinition> initialRules) {
    this.input = input;
    this.initialRules = List.copyOf(initialRules);
  }

  @Override
  public void open(OpenContext openContext) {
    routes = new KeySpaceRoutes(input, initialRules);
    unrouted = getRuntimeContext().getMetricGroup().counter("factsWithoutKeySpace");
  }

  @Override
  public void processElement(SecurityEvent fact, ReadOnlyContext ctx, Collector<RoutedFact> out) throws Exception {
    if (!routes.route(fact, ctx.getBroadcastState(RuleEvaluator.RULE_SETS), out::collect)) {
      unrouted.inc();
    }
  }

  @Override
  public void processBroadcastElement(RuleSetUpdate update, Context ctx, Collector<RoutedFact> out) throws Exception {
    routes.update(ctx.getBroadcastState(RuleEvaluator.RULE_SETS), update);
    LOG.info("{} facts now routed to key spaces {}", input, routes.spaceIds());
  }
}
