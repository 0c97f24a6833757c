package org.soc.correlation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.soc.correlation.control.RuleSetUpdate;
import org.soc.rules.FactFilter;
import org.soc.rules.RuleDefinition;
import org.soc.rules.SecurityEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each fact to every key space some loaded rule needs (one {@link RoutedFact} per space in which the fact
 * has a complete key and one of the space's rules can use it, {@link org.soc.rules.RuleMetadata#match}). The rule sets arrive as broadcast state ({@link RuleEvaluator#RULE_SETS}); while a new set
 * is on its way to the evaluators (they swap at a watermark), facts are routed to the key spaces of both the
 * previous and the latest set, so neither misses input.
 */
public final class KeySpaceRouter extends BroadcastProcessFunction<SecurityEvent, RuleSetUpdate, RoutedFact> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(KeySpaceRouter.class);

  private final String input;
  private final List<RuleDefinition> initialRules;

  private transient Map<KeySpace, List<FactFilter>> spaces;
  private transient Counter unrouted;

  public KeySpaceRouter(String input, List<RuleDefinition> initialRules) {
    this.input = input;
    this.initialRules = List.copyOf(initialRules);
  }

  @Override
  public void open(OpenContext openContext) {
    unrouted = getRuntimeContext().getMetricGroup().counter("factsWithoutKeySpace");
  }

  @Override
  public void processElement(SecurityEvent fact, ReadOnlyContext ctx, Collector<RoutedFact> out) throws Exception {
    if (spaces == null) {
      spaces = spaces(ctx.getBroadcastState(RuleEvaluator.RULE_SETS));
    }
    boolean routed = false;
    for (Map.Entry<KeySpace, List<FactFilter>> route : spaces.entrySet()) {
      if (!KeySpace.accepts(route.getValue(), fact)) {
        continue;
      }
      KeySpace space = route.getKey();
      String key = space.keyOf(fact);
      if (key != null) {
        out.collect(new RoutedFact(space.id(), key, fact));
        routed = true;
      }
    }
    if (!routed) {
      unrouted.inc();
    }
  }

  @Override
  public void processBroadcastElement(RuleSetUpdate update, Context ctx, Collector<RoutedFact> out) throws Exception {
    BroadcastState<String, RuleSetUpdate> state = ctx.getBroadcastState(RuleEvaluator.RULE_SETS);
    RuleSetUpdate latest = state.get(RuleEvaluator.LATEST);
    if (latest != null) {
      state.put(RuleEvaluator.PREVIOUS, latest);
    }
    state.put(RuleEvaluator.LATEST, update);
    spaces = spaces(state);
    LOG.info("{} facts now routed to key spaces {}", input, spaces.keySet().stream().map(KeySpace::id).toList());
  }

  private Map<KeySpace, List<FactFilter>> spaces(ReadOnlyBroadcastState<String, RuleSetUpdate> state)
      throws Exception {
    Map<KeySpace, List<FactFilter>> out = new LinkedHashMap<>();
    RuleSetUpdate previous = state.get(RuleEvaluator.PREVIOUS);
    RuleSetUpdate latest = state.get(RuleEvaluator.LATEST);
    merge(out, KeySpace.routes(previous != null ? definitions(previous)
        : latest != null ? initialRules : List.of(), input));
    merge(out, KeySpace.routes(latest != null ? definitions(latest) : initialRules, input));
    return out;
  }

  private static void merge(Map<KeySpace, List<FactFilter>> into, Map<KeySpace, List<FactFilter>> more) {
    more.forEach((space, filters) -> into.computeIfAbsent(space, k -> new ArrayList<>()).addAll(filters));
  }

  private static List<RuleDefinition> definitions(RuleSetUpdate update) {
    try {
      return update.definitions();
    } catch (RuntimeException e) {
      return List.of(); // validated upstream; cannot happen for a broadcast set
    }
  }
}
